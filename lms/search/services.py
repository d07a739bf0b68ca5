"""Keep the search index in step with the curriculum, and search it; never commits.

The index holds what the catalogue shows: published courses (title and summary) and
their active modules (title and text, from the stored sanitized HTML), once per
language. :func:`refresh_index` rewrites a course's entries whenever an import changes
it; the database's full-text index follows the entries by itself. :func:`search` reads
one page of results in one statement, on SQLite or PostgreSQL.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select

from ..content.search_text import Term, index_text, plain_text, query_terms, snippet
from ..content.search_text import marked as marked_pieces
from ..extensions import db
from ..i18n import lazy_gettext as _l
from ..models import Course, SearchEntry
from ..rules import RuleError
from .queries import match_expression, results_statement

MAX_QUERY_LENGTH = 200
PER_PAGE = 20
MAX_PAGE = 500  # deeper pages are never read by people, only by crawlers

Pieces = list[tuple[str, bool]]


def refresh_index(changed: Iterable[Course], unchanged: Iterable[Course] = ()) -> None:
    """Rewrite the entries of the ``changed`` courses, and of any ``unchanged`` one not
    indexed yet (a course imported before search existed)."""
    changed, unchanged = list(changed), list(unchanged)
    if unchanged:
        indexed = set(
            db.session.scalars(
                select(SearchEntry.course_id)
                .where(SearchEntry.course_id.in_([course.id for course in unchanged]))
                .distinct()
            )
        )
        changed += [course for course in unchanged if course.id not in indexed]
    if not changed:
        return
    ids = [course.id for course in changed]
    db.session.execute(delete(SearchEntry).where(SearchEntry.course_id.in_(ids)))
    for course in changed:
        if course.status == "published":
            db.session.add_all(course_entries(course))
    db.session.flush()


def course_entries(course: Course) -> list[SearchEntry]:
    """Return the entries of ``course`` and of its active modules, one per language."""
    languages = set(course.language_list)
    entries = [
        _entry(course.id, None, text.language, text.title, text.summary) for text in course.texts
    ]
    entries += [
        _entry(course.id, module.id, text.language, text.title, plain_text(text.body_html))
        for module in course.modules
        if module.active
        for text in module.texts
        if text.language in languages
    ]
    return entries


def _entry(course_id: int, module_id: int | None, language: str, title: str, body: str):
    terms = index_text(title, body)
    return SearchEntry(
        course_id=course_id,
        module_id=module_id,
        language=language,
        title=title,
        body=body,
        terms=terms,
    )


@dataclass(frozen=True)
class SearchHit:
    """One course or module found, with its title and a snippet marked where it matched."""

    course_slug: str
    module_slug: str | None
    language: str
    course_title: str
    title: Pieces
    snippet: Pieces


@dataclass(frozen=True)
class SearchResults:
    """One page of results, with what the shared pager needs."""

    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        """Return the number of pages the results fill."""
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        """Tell whether a page comes before this one."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """Tell whether a page comes after this one."""
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        """Return the number of the page before."""
        return self.page - 1

    @property
    def next_num(self) -> int:
        """Return the number of the page after."""
        return self.page + 1


def search_terms(query: str) -> list[Term]:
    """Return the terms of ``query``, or raise :class:`RuleError` saying what is wrong."""
    if len(query) > MAX_QUERY_LENGTH:
        raise RuleError(
            "q",
            _l(
                "Your search is too long: use at most %(limit)s characters.",
                limit=MAX_QUERY_LENGTH,
            ),
        )
    if not query.strip():
        raise RuleError("q", _l("Type a word or a few Chinese characters to search for."))
    terms = query_terms(query)
    if not terms:
        raise RuleError("q", _l("Search for words or Chinese characters, not only signs."))
    return terms


def search(query: str, language: str, page: int = 1) -> SearchResults:
    """Return page ``page`` of what matches ``query``, entries in ``language`` first.

    Every term must match (words by prefix, CJK runs as phrases). Raises
    :class:`RuleError` for an empty, unsearchable or too long ``query``.
    """
    terms = search_terms(query)
    page = min(max(page, 1), MAX_PAGE)
    dialect = db.session.get_bind().dialect.name
    rows = db.session.execute(
        results_statement(dialect),
        {
            "match": match_expression(dialect, terms),
            "language": language,
            "limit": PER_PAGE,
            "offset": (page - 1) * PER_PAGE,
        },
    ).all()
    hits = [
        SearchHit(
            course_slug=row.course_slug,
            module_slug=row.module_slug,
            language=row.language,
            course_title=row.course_title,
            title=marked_pieces(row.title, terms),
            snippet=snippet(row.body, terms),
        )
        for row in rows
    ]
    return SearchResults(hits=hits, total=rows[0].total if rows else 0, page=page)
