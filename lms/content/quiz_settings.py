"""Read and write a module's quiz settings, the ``quiz:`` key of its front matter.

```yaml
quiz:
  file: spo-principles-01   # quizzes/spo-principles-01.gift (+ .zh.gift)
  pass_mark: 80             # percent
  max_attempts: 3           # leave out for unlimited
  shuffle_questions: false
  shuffle_answers: true
  time_limit_minutes: 20    # leave out for no limit
  review: answers           # score | correctness | answers
  layout: one               # one question per page, or all on one page
```

``quiz: spo-principles-01`` alone takes the defaults for everything else.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from lms.content.yamlmeta import MetaFields

QUIZ_KEYS = (
    "file",
    "pass_mark",
    "max_attempts",
    "shuffle_questions",
    "shuffle_answers",
    "time_limit_minutes",
    "review",
    "layout",
)
REVIEW_OPTIONS = ("score", "correctness", "answers")
LAYOUTS = ("one", "all")
_QUIZ_FILE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


@dataclass(frozen=True)
class QuizSettings:
    """How a module's quiz runs, and which GIFT file holds its questions."""

    file: str
    pass_mark: int = 80
    max_attempts: int | None = None
    shuffle_questions: bool = False
    shuffle_answers: bool = True
    time_limit_minutes: int | None = None
    review: str = "answers"
    layout: str = "one"
    # Where the settings were written, to point errors about the file at them.
    path: str = field(default="", compare=False)
    line: int | None = field(default=None, compare=False)


def _nested(fields: MetaFields, key: str, allowed: tuple[str, ...]) -> MetaFields:
    """Return a reader for the mapping at ``key``, keeping line numbers."""
    lines = {path[1:]: line for path, line in fields.lines.items() if path[:1] == (key,)}
    lines[()] = fields.line((key,))
    return MetaFields(fields.data[key], lines, fields.path, fields.errors, allowed)


def read_quiz_settings(fields: MetaFields) -> QuizSettings | None:
    """Return the quiz settings in a module's front matter, or None if it has no quiz."""
    value = fields.data.get("quiz")
    if value is None:
        return None
    line = fields.line(("quiz",))
    if isinstance(value, str):
        value = {"file": value}
        fields = MetaFields({"quiz": value}, fields.lines, fields.path, fields.errors, ("quiz",))
    quiz = _nested(fields, "quiz", QUIZ_KEYS)
    name = quiz.string("file", required=True)
    if name is not None and not _QUIZ_FILE.fullmatch(name):
        message = f"quiz file {name!r} must be a file stem like 'spo-principles-01'"
        quiz.error(("file",), message)
        name = None
    settings = QuizSettings(
        file=name or "",
        pass_mark=quiz.integer("pass_mark", 80, 0, 100) or 0,
        max_attempts=quiz.integer("max_attempts", None, 1, 100),
        shuffle_questions=bool(quiz.boolean("shuffle_questions", False)),
        shuffle_answers=bool(quiz.boolean("shuffle_answers", True)),
        time_limit_minutes=quiz.integer("time_limit_minutes", None, 1, 24 * 60),
        review=quiz.choice("review", "answers", REVIEW_OPTIONS),
        layout=quiz.choice("layout", "one", LAYOUTS),
        path=fields.path,
        line=line,
    )
    return settings if name else None


def quiz_settings_yaml(settings: QuizSettings) -> dict[str, Any] | str:
    """Return the front-matter value for ``settings``: only what differs from defaults."""
    defaults = QuizSettings(file=settings.file)
    values = asdict(settings)
    changed = {
        key: values[key]
        for key in QUIZ_KEYS
        if key == "file" or values[key] != getattr(defaults, key)
    }
    return settings.file if len(changed) == 1 else changed
