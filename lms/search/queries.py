"""Build the search statement for each database: SQLite's FTS5 or PostgreSQL's tsvector.

Both give the same rows in one statement: the best entry of each matching course or
module (the reader's language first), whether the course is still published and the
module still active, the course's title in the reader's language, and the total count
for paging. Only the match and its score differ between the databases.
"""

from functools import cache

from sqlalchemy import TextClause, text

from ..content.search_text import Term

MATCHES = {
    "sqlite": """
        SELECT e.id, e.course_id, e.module_id, e.language, e.title, e.body,
               bm25(lms_search_fts) AS score
        FROM lms_search_fts JOIN lms_search_entry e ON e.id = lms_search_fts.rowid
        WHERE lms_search_fts MATCH :match""",
    "postgresql": """
        SELECT e.id, e.course_id, e.module_id, e.language, e.title, e.body,
               -ts_rank(f.document, to_tsquery('english', :match)) AS score
        FROM lms_search_fts f JOIN lms_search_entry e ON e.id = f.entry_id
        WHERE f.document @@ to_tsquery('english', :match)""",
}

# Lower scores are better on both databases (bm25 is negative; the rank is negated).
RESULTS = """
WITH hits AS ({match}),
chosen AS (
    SELECT h.*, c.slug AS course_slug, c.default_language, m.slug AS module_slug,
           COALESCE(m.position, -1) AS position,
           ROW_NUMBER() OVER (
               PARTITION BY h.course_id, h.module_id
               ORDER BY CASE WHEN h.language = :language THEN 0 ELSE 1 END, h.score, h.id
           ) AS choice
    FROM hits h
    JOIN lms_course c ON c.id = h.course_id
    LEFT JOIN lms_module m ON m.id = h.module_id
    WHERE c.status = 'published' AND (h.module_id IS NULL OR m.active = TRUE)
)
SELECT ch.course_slug, ch.module_slug, ch.language, ch.title, ch.body,
       COALESCE(wanted.title, fallback.title, ch.title) AS course_title,
       COUNT(*) OVER () AS total
FROM chosen ch
LEFT JOIN lms_course_text wanted
       ON wanted.course_id = ch.course_id AND wanted.language = :language
LEFT JOIN lms_course_text fallback
       ON fallback.course_id = ch.course_id AND fallback.language = ch.default_language
WHERE ch.choice = 1
ORDER BY CASE WHEN ch.language = :language THEN 0 ELSE 1 END, ch.score,
         ch.course_slug, ch.position
LIMIT :limit OFFSET :offset
"""


@cache
def results_statement(dialect: str) -> TextClause:
    """Return the search statement for ``dialect``; it takes ``match``, ``language``,
    ``limit`` and ``offset``."""
    return text(RESULTS.format(match=MATCHES[dialect]))


def match_expression(dialect: str, terms: list[Term]) -> str:
    """Return what every term must match: FTS5 query syntax, or a ``to_tsquery`` text.

    Words match as prefixes (after stemming); CJK runs as phrases of their characters.
    Terms hold only letters and digits, so nothing typed can reach the syntax.
    """
    if dialect == "postgresql":
        return " & ".join(
            "(" + " <-> ".join(term.tokens) + ")" if term.cjk else f"{term.text}:*"
            for term in terms
        )
    return " ".join(
        '"' + " ".join(term.tokens) + '"' if term.cjk else f'"{term.text}"*' for term in terms
    )
