"""Store the curriculum's glossary at import: one row per term, keyed by its anchor."""

from sqlalchemy import select

from ..content.glossary import Glossary, GlossaryTerm
from ..database import assign_changed
from ..extensions import db
from ..models import GlossaryTerm as TermRow
from ..models import GlossaryTermCourse
from ..models.glossary import ALSO_SEPARATOR


def _fields(term: GlossaryTerm) -> dict:
    return {
        "name_en": term.names["en"],
        "name_zh": term.names["zh"],
        "also_en": ALSO_SEPARATOR.join(term.also["en"]),
        "also_zh": ALSO_SEPARATOR.join(term.also["zh"]),
        "definition_en": term.definitions["en"],
        "definition_zh": term.definitions["zh"],
    }


def _sync_courses(row: TermRow, slugs: tuple[str, ...]) -> bool:
    """Link ``row`` to exactly the courses ``slugs``; tell whether that changed anything."""
    links = {link.course_slug: link for link in row.courses}
    for slug, link in links.items():
        if slug not in slugs:
            row.courses.remove(link)
    row.courses += [GlossaryTermCourse(course_slug=slug) for slug in slugs if slug not in links]
    return set(links) != set(slugs)


def sync_glossary(glossary: Glossary) -> tuple[int, int, int, int]:
    """Make the stored terms match ``glossary``; return the terms added, changed, removed, held."""
    stored = {row.anchor: row for row in db.session.scalars(select(TermRow))}
    added = changed = 0
    for position, term in enumerate(glossary.terms, start=1):
        row = stored.pop(term.anchor, None)
        if row is None:
            row = TermRow(anchor=term.anchor)
            db.session.add(row)
            added += 1
        # A term moved by an addition above it is not a changed term.
        row.position = position
        edited = assign_changed(row, **_fields(term))
        edited |= _sync_courses(row, term.courses)
        changed += edited and row.id is not None
    for row in stored.values():
        db.session.delete(row)
    db.session.flush()
    return added, changed, len(stored), len(glossary.terms)
