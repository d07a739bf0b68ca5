"""Plan seeded cohorts: NAPP-style training events with members from many SPOs.

Like the digital transformation training of 27 representatives from 24 SPOs, each
event takes one or two learners from each of a couple of dozen SPOs, runs one or two
courses, and has one or two of those courses' trainers. Its learners are enrolled in
its courses on its first day. Pure planning on a ``random.Random``.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

PLACES = (
    "Kunming", "Pu'er", "Fuzhou", "Hangzhou", "Hefei", "Chengdu", "Guiyang", "Haikou",
    "Nanning", "Xi'an", "Harbin", "Shanghai", "Bangkok", "Hanoi", "Colombo", "New Delhi",
    "Jakarta", "Goroka",
)  # fmt: skip
SPOS_PER_EVENT = 24


@dataclass
class Event:
    """One cohort: its row's values, its courses and the SPO seats its learners fill."""

    name: str
    place: str
    starts_on: date
    ends_on: date
    course_ids: list[int]
    seats: list[tuple[int, int]]  # (SPO index, learner index within that SPO)
    trainer_ids: list[int] = field(default_factory=list)
    id: int = 0  # the cohort's id, once it is written

    @property
    def enrolled_at(self) -> datetime:
        """Return when its learners were enrolled: 9 o'clock on its first day."""
        return datetime.combine(self.starts_on, time(9))


def plan_events(rng, courses, trainers: dict, spo_sizes: list[int], today: date) -> list[Event]:
    """Plan one event per eight SPOs (at least one), over the last two years.

    ``trainers`` maps each course id to the ids of the trainers who run it.
    """
    events = []
    filled = [index for index, size in enumerate(spo_sizes) if size]
    for _ in range(max(1, len(spo_sizes) // 8)):
        chosen = rng.sample(courses, min(len(courses), rng.choice((1, 1, 2))))
        starts = today - timedelta(days=rng.randint(14, 700))
        place = rng.choice(PLACES)
        title = chosen[0].titles.get("en") or chosen[0].slug
        spos = rng.sample(filled, min(len(filled), SPOS_PER_EVENT))
        seats = [(s, j) for s in spos for j in range(min(spo_sizes[s], rng.choice((1, 1, 2))))]
        events.append(
            Event(
                name=f"{title}: training in {place}, {starts:%B %Y}",
                place=place,
                starts_on=starts,
                ends_on=starts + timedelta(days=rng.randint(1, 3)),
                course_ids=[course.id for course in chosen],
                seats=seats,
                trainer_ids=sorted({rng.choice(trainers[course.id]) for course in chosen}),
            )
        )
    return events


def seats_of(events: list[Event]) -> dict[tuple[int, int], list[int]]:
    """Return, for each (SPO index, learner index), the events that learner attends."""
    seats: dict[tuple[int, int], list[int]] = {}
    for number, event in enumerate(events):
        for seat in event.seats:
            seats.setdefault(seat, []).append(number)
    return seats
