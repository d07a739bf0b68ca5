"""Compare two texts word by word, as a trainer reads a change: what stayed, went and came.

English is split into words and the spaces between them; Chinese, written without
spaces, is split into characters, so a changed character shows as one. Lines are
matched first, so a long module with one paragraph changed is compared quickly and
its unchanged paragraphs stay whole. Imports no Flask.
"""

import re
from difflib import SequenceMatcher
from typing import Literal, NamedTuple

Op = Literal["same", "added", "removed"]

# A CJK character alone, a run of other word characters, a run of spaces, or one sign.
TOKEN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]|\w+|[^\S\n]+|\n|.")


# What makes a shared run worth showing as kept: a letter, a digit or a CJK character.
_WORDY = re.compile(r"[^\W_]")


class Segment(NamedTuple):
    """A run of text that both versions share, or that only one of them has."""

    op: Op
    text: str


def tokens(text: str) -> list[str]:
    """Split ``text`` into the pieces a difference is counted in."""
    return TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Segment]:
    """Return the segments that turn ``old`` into ``new``; joined, "same" + "added" is ``new``."""
    segments: list[Segment] = []
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    lines = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            _append(segments, "same", "".join(old_lines[i1:i2]))
        else:
            _diff_tokens(segments, "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2]))
    return segments


def has_changes(segments: list[Segment]) -> bool:
    """Tell whether any segment was added or removed."""
    return any(segment.op != "same" for segment in segments)


def _diff_tokens(segments: list[Segment], old: str, new: str) -> None:
    """Compare one changed block token by token.

    A run of only spaces or punctuation kept between two changes is counted as
    changed too, so a rewritten sentence reads as one removal and one addition, not
    as words interleaved around the spaces they happened to share.
    """
    old_tokens, new_tokens = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    opcodes = matcher.get_opcodes()
    runs: list[tuple[bool, str, str]] = []  # (kept, old text, new text)
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        before, after = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        inner = 0 < index < len(opcodes) - 1
        kept = tag == "equal" and not (inner and not _WORDY.search(before))
        if runs and not kept and not runs[-1][0]:
            runs[-1] = (False, runs[-1][1] + before, runs[-1][2] + after)
        else:
            runs.append((kept, before, after))
    for kept, before, after in runs:
        if kept:
            _append(segments, "same", before)
        else:
            _append(segments, "removed", before)
            _append(segments, "added", after)


def _append(segments: list[Segment], op: Op, text: str) -> None:
    """Add a segment, merging it into the last one when they are of the same kind."""
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1] = Segment(op, segments[-1].text + text)
    else:
        segments.append(Segment(op, text))
