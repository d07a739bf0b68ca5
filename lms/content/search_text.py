"""Turn texts and searches into the words a full-text index reads, and mark what matched.

Chinese is written without spaces, so a full-text tokenizer would take a whole run of
characters for one word and "合作" would never find "合作社". Every CJK character is
therefore indexed as a word of its own, and a Chinese search is a phrase of consecutive
characters. Other words are lower-cased letters and digits; the index stems them (the
Porter stemmer on SQLite, ``english`` on PostgreSQL) and the search matches them as
prefixes. Pure Python: the search service builds its SQL from :class:`Term` lists.
"""

import functools
import html
import re
from dataclasses import dataclass

# Han ideographs (with extensions and compatibility forms), and Japanese kana.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
# A letter of those blocks: unassigned code points and signs among them are no words.
_CJK_LETTER = rf"(?=[^\W_])[{_CJK}]"
_CJK_CHAR = re.compile(f"({_CJK_LETTER})")
_CJK_RUN = re.compile(f"(?:{_CJK_LETTER})+")
# What remains between words once the CJK characters are set apart: not a letter or digit.
_SEPARATORS = re.compile(r"[\W_]+")
_WORD = re.compile(rf"[^\W_{_CJK}]+|(?:{_CJK_LETTER})+")
# Endings stripped before highlighting, so "cooperative" marks "cooperatives" and
# "cooperation" as the stemmer matched them; the stem keeps at least four letters.
_ENDINGS = ("ations", "ation", "ings", "ives", "ing", "ies", "ive", "es", "ed", "s")
MAX_TERMS = 12
# Sanitized module HTML: a [TOC] only repeats the headings; block tags part words, while
# inline tags sit inside them ("**时间表**：" is "时间表：", not "时间表 ：").
_TOC = re.compile(r'<div class="toc">.*?</div>', re.DOTALL)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|br|hr|pre|blockquote|table|thead|tbody|tr|td|th|dl|dt|dd)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Term:
    """One word of a search, or one run of CJK characters searched as a phrase."""

    text: str
    cjk: bool

    @property
    def tokens(self) -> list[str]:
        """Return the index words the term is made of: one per CJK character."""
        return list(self.text) if self.cjk else [self.text]


def plain_text(fragment: str) -> str:
    """Return the text a reader sees in sanitized HTML, on one line, without its [TOC]."""
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", _TOC.sub(" ", fragment)))
    return " ".join(html.unescape(text).split())


def index_text(*texts: str) -> str:
    """Return ``texts`` as the index stores them: lower-case words, each CJK character apart."""
    spaced = _CJK_CHAR.sub(r" \1 ", " ".join(texts))
    return " ".join(_SEPARATORS.sub(" ", spaced).lower().split())


def query_terms(query: str) -> list[Term]:
    """Return the terms of a typed search, at most :data:`MAX_TERMS`, without repeats."""
    terms: list[Term] = []
    for match in _WORD.finditer(query.lower()):
        term = Term(match.group(), bool(_CJK_RUN.fullmatch(match.group())))
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


@functools.lru_cache(maxsize=256)
def _compiled(terms: tuple[Term, ...]) -> re.Pattern | None:
    parts = [
        re.escape(term.text) if term.cjk else rf"(?<![^\W_]){re.escape(_stem(term.text))}[^\W_]*"
        for term in terms
    ]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _pattern(terms: list[Term]) -> re.Pattern | None:
    # A page marks 20 titles and snippets with the same terms: build their pattern once.
    return _compiled(tuple(terms))


def marked(text: str, terms: list[Term]) -> list[tuple[str, bool]]:
    """Split ``text`` into pieces, each with whether it matches one of ``terms``.

    Templates show the matching pieces in ``<mark>`` and escape every piece, so no
    HTML is ever built from the text here.
    """
    pattern = _pattern(terms)
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(text) if pattern else ():
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((match.group(), True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def snippet(text: str, terms: list[Term], width: int = 180) -> list[tuple[str, bool]]:
    """Return about ``width`` characters of ``text`` around its first match, as :func:`marked`.

    A cut end is shown as "…"; a text with no match gives its beginning. Chinese
    characters are twice as wide as Latin letters, so a Chinese text gets half as many.
    """
    if _CJK_RUN.search(text, 0, width):
        width //= 2
    pattern = _pattern(terms)
    found = pattern.search(text) if pattern else None
    start = max(0, found.start() - width // 3) if found else 0
    if start:
        space = text.find(" ", start, found.start())
        start = space + 1 if space != -1 else start
    end = start + width
    if end < len(text):
        space = text.rfind(" ", end - width // 4, end)
        end = space if space != -1 else end
    window = ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
    return marked(window, terms)
