"""Hold GIFT text whose escapes are resolved, keeping each character's line number.

Like Moodle, the lexer swaps every escaped control character (``\\{``,
``\\#`` ...) for a placeholder before the text is taken apart, so splitting
on ``{``, ``~``, ``=`` or ``#`` only ever meets the unescaped ones;
:meth:`Src.decoded` turns placeholders back into the characters.
"""

from __future__ import annotations

from dataclasses import dataclass

# PHP's trim() set: Moodle trims with it, and full-width spaces stay text.
WHITESPACE = " \t\n\r\0\x0b"
ESCAPES = {":": "\ue000", "#": "\ue001", "=": "\ue002", "{": "\ue003", "}": "\ue004"}
ESCAPES |= {"~": "\ue005", "n": "\ue006"}
# Marks where a missing-word block sat; like the placeholders it never occurs in input.
BLANK = "\ue00f"
RESERVED = frozenset(chr(code) for code in range(0xE000, 0xE010))
_DECODE = str.maketrans({value: ("\n" if key == "n" else key) for key, value in ESCAPES.items()})


def resolve_escapes(line: str) -> str:
    """Replace GIFT escapes in one line with placeholders; ``\\\\`` becomes one backslash."""
    out: list[str] = []
    index = 0
    while index < len(line):
        char = line[index]
        following = line[index + 1 : index + 2]
        if char == "\\" and following == "\\":
            out.append("\\")
            index += 2
        elif char == "\\" and following in ESCAPES:
            out.append(ESCAPES[following])
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def decode(text: str) -> str:
    """Turn placeholders back into the characters they stand for."""
    return text.translate(_DECODE)


@dataclass(frozen=True)
class Src:
    """Keep text with the source line of every character; slice and split it like a string."""

    text: str
    lines: tuple[int, ...]
    start_line: int

    def __len__(self) -> int:
        """Count characters."""
        return len(self.text)

    def __getitem__(self, key: slice) -> Src:
        """Slice text and line numbers together."""
        start, stop, _ = key.indices(len(self.text))
        stop = max(start, stop)
        if start < len(self.lines):
            line = self.lines[start]
        else:
            line = self.lines[-1] if self.lines else self.start_line
        return Src(self.text[start:stop], self.lines[start:stop], line)

    @property
    def line(self) -> int:
        """Return the line of the first non-blank character (or where the text starts)."""
        stripped = len(self.text) - len(self.text.lstrip(WHITESPACE))
        if stripped < len(self.lines):
            return self.lines[stripped]
        return self.start_line

    def strip(self) -> Src:
        """Trim PHP whitespace at both ends."""
        left = len(self.text) - len(self.text.lstrip(WHITESPACE))
        right = max(left, len(self.text.rstrip(WHITESPACE)))
        return self[left:right]

    def decoded(self) -> str:
        """Return the text with escapes turned back into characters."""
        return decode(self.text)

    def split(self, separator: str, limit: int = -1) -> list[Src]:
        """Split on ``separator`` like :meth:`str.split`, at most ``limit`` times."""
        pieces: list[Src] = []
        start = 0
        while limit != 0:
            found = self.text.find(separator, start)
            if found < 0:
                break
            pieces.append(self[start:found])
            start = found + len(separator)
            limit -= 1
        pieces.append(self[start:])
        return pieces

    def split_before(self, markers: str) -> tuple[Src, list[Src]]:
        """Cut before every marker character: return (text before the first, pieces)."""
        cuts = [index for index, char in enumerate(self.text) if char in markers]
        if not cuts:
            return self, []
        ends = [*cuts[1:], len(self.text)]
        return self[: cuts[0]], [self[start:end] for start, end in zip(cuts, ends, strict=True)]


_ESCAPE = str.maketrans({char: "\\" + char for char in "\\#=~{}:"} | {"\n": "\\n", "\r": ""})


def escape(text: str) -> str:
    """Escape GIFT's control characters and newlines so the text reads back the same."""
    return text.translate(_ESCAPE)
