"""A module's published history: its revisions, the difference between two, a restore.

A revision row is kept only for the languages that changed, so the text of revision
N in a language is that language's newest row at or below N. Never commits.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from ..content.word_diff import Segment, has_changes, word_diff
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Module, ModuleRevision, User
from .drafts import ModuleGone, ModuleInput, draft_of, is_editable, save_draft, working_copy
from .services import AuthoringError


@dataclass
class Revision:
    """One published state of a module: who, when, why, and each language's text."""

    number: int
    created_at: datetime
    author: str | None
    source: str
    note: str
    minutes: int
    changed: list[str] = field(default_factory=list)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class LanguageDiff:
    """How one language's title and text differ between two revisions."""

    language: str
    title: list[Segment]
    body: list[Segment]

    @property
    def changed(self) -> bool:
        """Tell whether the title or the text differs."""
        return has_changes(self.title) or has_changes(self.body)


def revisions(module: Module) -> list[Revision]:
    """Return every revision of ``module``, newest first, each with its full texts.

    One statement reads the rows with their authors' names.
    """
    rows = db.session.execute(
        select(
            ModuleRevision.revision,
            ModuleRevision.language,
            ModuleRevision.title,
            ModuleRevision.body_markdown,
            ModuleRevision.minutes,
            ModuleRevision.source,
            ModuleRevision.note,
            ModuleRevision.created_at,
            User.name,
        )
        .outerjoin(User, User.id == ModuleRevision.author_id)
        .where(ModuleRevision.module_id == module.id)
        .order_by(ModuleRevision.revision, ModuleRevision.language)
    )
    history: list[Revision] = []
    texts: dict[str, tuple[str, str]] = {}
    for number, language, title, body, minutes, source, note, created_at, author in rows:
        if not history or history[-1].number != number:
            history.append(Revision(number, created_at, author, source, note or "", minutes))
        texts[language] = (title, body)
        history[-1].changed.append(language)
        history[-1].texts = dict(texts)
    return history[::-1]


def find_revision(history: list[Revision], number: int) -> Revision:
    """Return revision ``number`` of ``history``; refuse one the module never had."""
    for revision in history:
        if revision.number == number:
            return revision
    raise AuthoringError("revision", _l("This module has no revision %(number)s.", number=number))


def compare(older: Revision, newer: Revision, languages: list[str]) -> list[LanguageDiff]:
    """Return the word-level difference of each of ``languages`` from ``older`` to ``newer``."""
    diffs = []
    for language in languages:
        old_title, old_body = older.texts.get(language, ("", ""))
        new_title, new_body = newer.texts.get(language, ("", ""))
        diffs.append(
            LanguageDiff(language, word_diff(old_title, new_title), word_diff(old_body, new_body))
        )
    return diffs


def restore(module: Module, revision: Revision, author: User, version: int, languages: list[str]):
    """Make ``revision``'s texts and minutes ``module``'s draft, to be published as a new revision.

    ``version`` is the draft version the trainer's page showed: a draft saved since is a
    :class:`~lms.authoring.drafts.DraftConflict`. Whether the module is required stays
    as it is now, and so does a language written only after ``revision``: restoring an
    old English text does not take the Chinese away. Languages the course no longer
    has are left out.
    """
    if not is_editable(module):
        raise ModuleGone()
    current = working_copy(module, draft_of(module))
    texts = {
        language: text
        for language, text in {**current.texts, **revision.texts}.items()
        if language in languages
    }
    data = ModuleInput(
        minutes=revision.minutes, required=current.required, texts=texts, version=version
    )
    return save_draft(module, author, data)
