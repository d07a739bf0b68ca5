"""Parse GIFT text into questions, following Moodle's ``qformat_gift`` reader.

Each chunk is read as Moodle does: an optional ``::title::``, the question
text, at most one ``{...}`` answer block (a missing-word question when text
follows it) with ``####general feedback`` at its end. The block's content
decides the type. Problems are collected for the whole file.
"""

from __future__ import annotations

from lms.content.errors import ContentError, ContentInvalid
from lms.content.gift.formats import (
    DEFAULT_FORMAT,
    UnknownFormat,
    split_format,
    text_html,
)
from lms.content.gift.lexer import Chunk, read_comments, split_chunks
from lms.content.gift.model import DATA_VERSION, Question
from lms.content.gift.source import BLANK, WHITESPACE, Src
from lms.content.gift.types import Block, detect

CATEGORY = "$CATEGORY:"


class _Skip(Exception):
    """Stop reading a question after its problem was reported."""


def _category(chunk: Chunk, path: str, errors: list[ContentError]) -> str | None:
    """Read a ``$CATEGORY: path`` chunk."""
    body = chunk.body
    if "\n" in body.text:
        extra = body[body.text.index("\n") + 1 :]
        errors.append(ContentError(path, extra.line, "$CATEGORY needs a blank line after it"))
    name = body.split("\n", 1)[0][len(CATEGORY) :].decoded().strip(WHITESPACE)
    if not name:
        errors.append(ContentError(path, chunk.line, "empty $CATEGORY"))
    elif "\n" in name:
        errors.append(ContentError(path, chunk.line, "line break in $CATEGORY"))
    return name or None


def _title(body: Src, block: Block) -> tuple[str, Src]:
    """Split a leading ``::title::`` off the question."""
    if not body.text.startswith("::"):
        return "", body
    end = body.text.find("::", 2)
    if end < 0:
        block.error(body, 'unclosed title "::"')
        raise _Skip
    return " ".join(body[2:end].decoded().split()), body[end + 2 :].strip()


def _split_block(body: Src, block: Block) -> tuple[Src, Src | None, Src]:
    """Return (text before, inside of the ``{...}`` or None, text after)."""
    opening, closing = body.text.find("{"), body.text.find("}")
    if opening < 0 and closing < 0:
        return body, None, body[len(body) :]
    if closing >= 0 and (opening < 0 or closing < opening):
        block.error(body[closing:], '"}" without "{" (write \\} for a brace in text)')
        raise _Skip
    if closing < 0 or "{" in body.text[opening + 1 : closing]:
        block.error(body[opening:], 'unclosed answer block "{"')
        raise _Skip
    after = body[closing + 1 :]
    extra = min((at for at in (after.text.find("{"), after.text.find("}")) if at >= 0), default=-1)
    if extra >= 0:
        message = "only one answer block per question (separate questions with a blank line)"
        block.error(after[extra:], message)
        raise _Skip
    return body[:opening], body[opening + 1 : closing], after


def _question(chunk: Chunk, number: int, category: str | None, path: str, errors: list) -> dict:
    """Read one question chunk into its data; raise :class:`_Skip` on any problem."""
    found = len(errors)
    ident, tags = read_comments(chunk, path, errors)
    block = Block(chunk.body, DEFAULT_FORMAT, path, errors)
    title, body = _title(chunk.body.strip(), block)
    before, inside, after = _split_block(body, block)
    general = None
    answers = inside.strip() if inside is not None else None
    if answers is not None and "####" in answers.text:
        at = answers.text.rfind("####")
        general, answers = answers[at + 4 :], answers[:at].strip()
    blank = inside is not None and bool(after.decoded().strip(WHITESPACE))
    raw = before.text + (BLANK + after.text if blank else "")
    try:
        fmt, source = split_format(raw, DEFAULT_FORMAT)
    except UnknownFormat as problem:
        block.error(body, str(problem))
        raise _Skip from None
    blank_at = source.index(BLANK) if blank else None
    source = source.replace(BLANK, "")
    if not source.strip(WHITESPACE):
        block.error(body, "question has no text")
    block = Block(answers if answers is not None else body[:0], fmt, path, errors)
    kind = detect(None if answers is None else answers.text)
    data = {
        "v": DATA_VERSION,
        "type": kind.name,
        "ident": ident or f"q{number}",
        "title": title,
        "category": category,
        "tags": tags,
        "text": {"format": fmt, "source": source},
        "html": text_html(fmt, source, blank_at),
        "blank": blank,
        "blank_at": blank_at,
        "general_feedback": block.feedback(general) if general is not None else None,
    }
    data |= kind.parse(block)
    if len(errors) > found:
        raise _Skip
    return data


def parse_gift(text: str, path: str = "<gift>") -> list[Question]:
    """Parse GIFT ``text``; raise :class:`ContentInvalid` with every problem in the file."""
    errors: list[ContentError] = []
    questions: list[Question] = []
    first_line: dict[str, int] = {}
    category: str | None = None
    number = 0
    for chunk in split_chunks(text, path, errors):
        if chunk.body.text.startswith(CATEGORY):
            category = _category(chunk, path, errors)
            continue
        number += 1
        try:
            data = _question(chunk, number, category, path, errors)
        except _Skip:
            continue
        ident = data["ident"]
        if ident in first_line:
            message = f'duplicate question id "{ident}" (first at line {first_line[ident]})'
            errors.append(ContentError(path, chunk.line, message))
            continue
        first_line[ident] = chunk.line
        question = Question(
            ident, data["type"], data["title"], category, tuple(data["tags"]), chunk.line, data
        )
        questions.append(question)
    if errors:
        raise ContentInvalid(sorted(errors, key=lambda error: error.line or 0))
    return questions
