"""Write a module as a draft: save it (refusing a stale copy), read it, discard it.

Learners keep reading the published texts until the course is published. Every save
names the draft version its form was read at: one conditional ``UPDATE ... WHERE
version = :read`` decides, so when two trainers save the same module the second is
refused with :class:`DraftConflict` instead of silently overwriting the first, on any
number of app servers. Never commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..audit import record
from ..content.course_modules import normalize_body
from ..content.markdown import render_markdown
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Course, Module, ModuleDraft, ModuleDraftText, ModuleRevision, User, utcnow
from .services import AuthoringError

MAX_BODY_BYTES = 200 * 1024
MAX_TITLE_LENGTH = 200
MAX_MINUTES = 600


@dataclass(frozen=True)
class ModuleInput:
    """What a trainer typed into the module form.

    ``texts`` maps a language to its (title, Markdown); ``version`` is the draft version
    the form was read at, 0 when the module had no draft then.
    """

    minutes: int
    required: bool
    texts: dict[str, tuple[str, str]]
    version: int


@dataclass(frozen=True)
class WorkingCopy:
    """A module as its editor shows it: the draft if there is one, else what is published."""

    minutes: int
    required: bool
    texts: dict[str, tuple[str, str]]
    version: int
    updated_at: dict[str, datetime]
    updated_by_id: int | None = None


class DraftConflict(AuthoringError):
    """Someone else saved or published the module since this form was read.

    ``current`` is what is saved now, to show the trainer as a difference.
    """

    def __init__(self, current: WorkingCopy, by: User | None) -> None:
        """Keep what the other person saved and who they are."""
        if by is not None:
            message = _l(
                "%(name)s changed this module while you were editing it. Your text is "
                "below, unsaved; compare it with theirs, then save again.",
                name=by.name,
            )
        else:
            message = _l(
                "This module changed while you were editing it. Your text is below, "
                "unsaved; compare it with the saved one, then save again."
            )
        super().__init__("form", message)
        self.current = current
        self.by = by


class ModuleGone(AuthoringError):
    """The module was removed from the course while it was being edited."""

    def __init__(self) -> None:
        """Say what happened; the trainer's text stays in the form."""
        super().__init__(
            "form",
            _l(
                "This module has been removed from the course, so it cannot be saved. "
                "Your text is below: copy it into another module if you need it."
            ),
        )


def is_editable(module: Module) -> bool:
    """Tell whether ``module`` may still be edited: in the course, or about to be added."""
    return module.active or module.pending == "add"


def draft_of(module: Module) -> ModuleDraft | None:
    """Return ``module``'s draft, read fresh from the database, or None."""
    query = (
        select(ModuleDraft)
        .where(ModuleDraft.module_id == module.id)
        .execution_options(populate_existing=True)
    )
    return db.session.scalar(query)


def working_copy(module: Module, draft: ModuleDraft | None = None) -> WorkingCopy:
    """Return what the editor shows for ``module``: its draft, else its published texts."""
    if draft is not None:
        return WorkingCopy(
            minutes=draft.minutes,
            required=draft.required,
            texts={text.language: (text.title, text.body_markdown) for text in draft.texts},
            version=draft.version,
            updated_at={text.language: text.updated_at for text in draft.texts},
            updated_by_id=draft.updated_by_id,
        )
    return WorkingCopy(
        minutes=module.minutes,
        required=module.required,
        texts={text.language: (text.title, text.body_markdown) for text in module.texts},
        version=0,
        updated_at=published_times(module),
    )


def published_times(module: Module) -> dict[str, datetime]:
    """Return when each language of ``module`` was last published (its newest revision)."""
    rows = db.session.execute(
        select(ModuleRevision.language, db.func.max(ModuleRevision.created_at))
        .where(ModuleRevision.module_id == module.id)
        .group_by(ModuleRevision.language)
    )
    return dict(rows.all())


def check_input(course: Course, data: ModuleInput) -> None:
    """Refuse a module form that breaks a rule, naming the field; changes nothing."""
    if not 1 <= data.minutes <= MAX_MINUTES:
        raise AuthoringError("minutes", _l("Enter the minutes as a number from 1 to 600."))
    for language, (title, body) in data.texts.items():
        if language not in course.language_list:
            raise AuthoringError("form", _l("This course is not written in that language."))
        if len(body.encode("utf-8")) > MAX_BODY_BYTES:
            raise AuthoringError(
                f"body_{language}",
                _l("The text is over 200 KB. Split it into two modules."),
            )
        if len(title) > MAX_TITLE_LENGTH:
            raise AuthoringError(f"title_{language}", _l("Keep the title under 200 characters."))
        if body.strip() and not title.strip():
            raise AuthoringError(f"title_{language}", _l("Give this text a title."))
    default_title = data.texts.get(course.default_language, ("", ""))[0]
    if not default_title.strip():
        raise AuthoringError(
            f"title_{course.default_language}",
            _l("The module needs a title in the course's main language."),
        )


def _cleaned(data: ModuleInput) -> dict[str, tuple[str, str]]:
    """Return the texts as they would be stored: trimmed, languages left empty dropped."""
    texts = {}
    for language, (title, body) in data.texts.items():
        if title.strip() or body.strip():
            texts[language] = (title.strip(), normalize_body(body.replace("\r\n", "\n")))
    return texts


def save_draft(module: Module, author: User, data: ModuleInput) -> ModuleDraft | None:
    """Save ``data`` as ``module``'s draft; return it, or None when nothing changed.

    Raises :class:`ModuleGone` for a removed module and :class:`DraftConflict` when the
    draft is not at ``data.version`` any more; nothing is saved then.
    """
    if not is_editable(module):
        raise ModuleGone()
    check_input(module.course, data)
    texts = _cleaned(data)
    draft = draft_of(module)
    current = working_copy(module, draft)
    if data.version != current.version:
        raise _conflict(module, draft)
    if (current.minutes, current.required, current.texts) == (data.minutes, data.required, texts):
        return draft
    if draft is None:
        draft = _new_draft(module, author)
    else:
        _claim(module, draft, author)
    draft.minutes, draft.required = data.minutes, data.required
    _write_texts(draft, texts)
    bump_draft_version(module.course)
    record(author, "module.draft", module, version=draft.version)
    db.session.flush()
    return draft


def _new_draft(module: Module, author: User) -> ModuleDraft:
    """Insert the module's first draft; a concurrent first save makes this a conflict."""
    draft = ModuleDraft(
        module_id=module.id,
        minutes=module.minutes,
        required=module.required,
        version=1,
        base_revision=module.revision,
        updated_by_id=author.id,
    )
    try:
        with db.session.begin_nested():
            db.session.add(draft)
    except IntegrityError:
        raise _conflict(module, draft_of(module)) from None
    return draft


def _claim(module: Module, draft: ModuleDraft, author: User) -> None:
    """Move the draft to its next version, unless someone else did first."""
    moved = db.session.execute(
        update(ModuleDraft)
        .where(ModuleDraft.id == draft.id, ModuleDraft.version == draft.version)
        .values(version=ModuleDraft.version + 1, updated_by_id=author.id, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if not moved:
        raise _conflict(module, draft_of(module))
    db.session.refresh(draft)


def _write_texts(draft: ModuleDraft, texts: dict[str, tuple[str, str]]) -> None:
    """Make the draft's texts ``texts``, rendering each changed one once."""
    now = utcnow()
    existing = {text.language: text for text in draft.texts}
    for language, (title, body) in texts.items():
        row = existing.pop(language, None)
        if row is None:
            draft.texts.append(
                ModuleDraftText(
                    language=language,
                    title=title,
                    body_markdown=body,
                    body_html=render_markdown(body),
                    updated_at=now,
                )
            )
        elif (row.title, row.body_markdown) != (title, body):
            row.title, row.body_markdown, row.updated_at = title, body, now
            row.body_html = render_markdown(body)
    for row in existing.values():
        draft.texts.remove(row)


def _conflict(module: Module, draft: ModuleDraft | None) -> DraftConflict:
    """Describe what is saved now, for a trainer whose copy is out of date."""
    current = working_copy(module, draft)
    by = db.session.get(User, current.updated_by_id) if current.updated_by_id else None
    return DraftConflict(current, by)


def bump_draft_version(course: Course) -> None:
    """Count a change to ``course``'s drafts, so an earlier approval no longer holds."""
    db.session.execute(
        update(Course)
        .where(Course.id == course.id)
        .values(draft_version=Course.draft_version + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(course, ["draft_version"])


def discard_draft(module: Module, author: User) -> bool:
    """Throw ``module``'s draft away, back to what is published; return whether there was one."""
    draft = draft_of(module)
    if draft is None:
        return False
    db.session.delete(draft)
    bump_draft_version(module.course)
    record(author, "module.discard", module)
    db.session.flush()
    return True


@dataclass(frozen=True)
class LanguageState:
    """Whether one language of a module is missing, or older than another language."""

    language: str
    missing: bool
    behind: str | None = None  # the language changed after this one


def language_states(languages: list[str], copy: WorkingCopy) -> list[LanguageState]:
    """Say for each of ``languages`` whether ``copy`` lacks it or it lags another one.

    A language lags when another was changed more than a minute after it: saved in one
    go, both count as current.
    """
    states = []
    for language in languages:
        title, body = copy.texts.get(language, ("", ""))
        if not body.strip():
            states.append(LanguageState(language, missing=True))
            continue
        mine = copy.updated_at.get(language)
        newer = [
            other
            for other in languages
            if other != language
            and copy.texts.get(other, ("", ""))[1].strip()
            and mine is not None
            and copy.updated_at.get(other) is not None
            and (copy.updated_at[other] - mine).total_seconds() > 60
        ]
        states.append(LanguageState(language, missing=False, behind=newer[0] if newer else None))
    return states
