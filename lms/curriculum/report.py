"""Say what an import changed: one line per course and per change, then one summary line.

The first import of the shipped curriculum adds every course with all its modules
and quizzes; it reports each course once, with its counts, rather than every module
and quiz in it. Later imports name each module and quiz that was added, revised or
retired, so a trainer sees what their edit did.
"""

from dataclasses import dataclass, field


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _counts(courses: int, modules: int, quizzes: int) -> str:
    """Say "2 courses, 1 quiz", leaving out the kinds with none; "0" when all have none."""
    parts = [
        _count(number, singular, plural)
        for number, singular, plural in (
            (courses, "course", "courses"),
            (modules, "module", "modules"),
            (quizzes, "quiz", "quizzes"),
        )
        if number
    ]
    return ", ".join(parts) or "0"


@dataclass
class ImportReport:
    """What an import changed, for the command line and the audit trail.

    Modules and quizzes are named ``course-slug/module-slug``.
    """

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    added_modules: list[str] = field(default_factory=list)
    revised_modules: list[str] = field(default_factory=list)
    retired_modules: list[str] = field(default_factory=list)
    added_quizzes: list[str] = field(default_factory=list)
    changed_quizzes: list[str] = field(default_factory=list)
    retired_quizzes: list[str] = field(default_factory=list)
    changed_attachments: list[str] = field(default_factory=list)  # modules whose files changed
    added_pictures: list[str] = field(default_factory=list)  # course-slug/picture-name
    # The glossary's terms: added, changed, removed and held; None when none was imported.
    glossary: tuple[int, int, int, int] | None = None

    @property
    def changed(self) -> bool:
        """Tell whether the import changed anything at all."""
        return bool(self.created or self.updated or any((self.glossary or (0,))[:3]))

    def _added_to(self, slug: str) -> str:
        """Say how many modules and quizzes came with new course ``slug``."""
        modules = sum(item.split("/", 1)[0] == slug for item in self.added_modules)
        quizzes = sum(item.split("/", 1)[0] == slug for item in self.added_quizzes)
        return _count(modules, "module", "modules") + ", " + _count(quizzes, "quiz", "quizzes")

    def lines(self) -> list[str]:
        """Return what to print: the courses, the changes in existing ones, and the summary."""
        lines = [f"added course: {slug} ({self._added_to(slug)})" for slug in self.created]
        lines += [f"changed course: {slug}" for slug in self.updated]
        lines += [f"unchanged course: {slug}" for slug in self.unchanged]
        new = set(self.created)
        for label, items in (
            ("added module", self.added_modules),
            ("revised module", self.revised_modules),
            ("retired module", self.retired_modules),
            ("added quiz", self.added_quizzes),
            ("changed quiz", self.changed_quizzes),
            ("retired quiz", self.retired_quizzes),
            ("changed files of module", self.changed_attachments),
            ("added picture", self.added_pictures),
        ):
            lines += [f"{label}: {item}" for item in items if item.split("/", 1)[0] not in new]
        if self.glossary is not None:
            added, changed, removed, total = self.glossary
            lines.append(
                f"glossary: {_count(total, 'term', 'terms')} "
                f"({added} added, {changed} changed, {removed} removed)"
            )
        return [*lines, self.summary()]

    def summary(self) -> str:
        """Say in one line how many courses, modules and quizzes were added, changed, retired."""
        added = _counts(len(self.created), len(self.added_modules), len(self.added_quizzes))
        changed = _counts(len(self.updated), len(self.revised_modules), len(self.changed_quizzes))
        line = f"{added} added; {changed} changed"
        if self.retired_modules or self.retired_quizzes:
            line += f"; {_counts(0, len(self.retired_modules), len(self.retired_quizzes))} retired"
        return line
