"""Read source files and their YAML metadata, keeping line numbers for errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from lms.content.errors import ContentError, ContentInvalid

KeyPath = tuple[str | int, ...]


def read_source_text(path: Path, max_bytes: int) -> str:
    """Read a UTF-8 source file with newlines normalized to ``\\n``.

    A leading BOM is dropped. Raises :class:`ContentInvalid` when the file is
    larger than ``max_bytes`` or is not valid UTF-8.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            message = f"file is {size} bytes; the limit is {max_bytes}"
            raise ContentInvalid([ContentError(str(path), None, message)])
        data = path.read_bytes()
    except OSError as exc:
        error = ContentError(str(path), None, f"cannot read the file: {exc.strerror}")
        raise ContentInvalid([error]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        line = data[: exc.start + bom].count(b"\n") + 1
        message = f"not valid UTF-8 (byte 0x{data[exc.start + bom]:02x}); save the file as UTF-8"
        raise ContentInvalid([ContentError(str(path), line, message)]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_yaml_with_lines(
    text: str, path: str, line_offset: int = 0
) -> tuple[Any, dict[KeyPath, int]]:
    """Parse ``text`` safely and map each key path to its 1-based file line.

    ``line_offset`` is the number of file lines before ``text`` (1 for front
    matter after its opening ``---``). ``lines[()]`` is the line where the
    document starts; ``lines[("title", "zh")]`` the line of that key. Raises
    :class:`ContentInvalid` on syntax errors and duplicate keys.
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = exc.problem or exc.context or "syntax error"
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            # "unexpected end of stream" alone hides where the open quote was.
            context_line = exc.context_mark.line + 1 + line_offset
            problem += f" ({exc.context}, line {context_line})"
        error = ContentError(path, line, f"invalid YAML: {problem}")
        raise ContentInvalid([error]) from None
    except yaml.YAMLError as exc:
        error = ContentError(path, None, f"invalid YAML: {exc}")
        raise ContentInvalid([error]) from None
    except RecursionError:
        error = ContentError(path, None, "YAML is nested too deeply")
        raise ContentInvalid([error]) from None
    finally:
        loader.dispose()
    lines: dict[KeyPath, int] = {(): 1 + line_offset}
    errors: list[ContentError] = []
    if node is not None:
        lines[()] = node.start_mark.line + 1 + line_offset
        _walk(node, (), line_offset, lines, errors, path, set())
    if errors:
        raise ContentInvalid(errors)
    return data, lines


def _walk(
    node: yaml.Node,
    prefix: KeyPath,
    offset: int,
    lines: dict[KeyPath, int],
    errors: list[ContentError],
    path: str,
    seen: set[int],
) -> None:
    # Aliases share nodes; visiting each node once keeps "billion laughs"
    # documents linear instead of exponential.
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*prefix, str(key_node.value))
            line = key_node.start_mark.line + 1 + offset
            if key in lines:
                # PyYAML keeps the last value silently; an author means one of them.
                errors.append(ContentError(path, line, f"duplicate key {key[-1]!r}"))
                continue
            lines[key] = line
            _walk(value_node, key, offset, lines, errors, path, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*prefix, index)] = item.start_mark.line + 1 + offset
            _walk(item, (*prefix, index), offset, lines, errors, path, seen)


def split_front_matter(text: str, path: str) -> tuple[str, str, int]:
    """Split a module file into its front matter and its body.

    Returns ``(front_matter, body, body_line)`` where ``body_line`` is the
    file line the body starts on. Raises :class:`ContentInvalid` when the
    ``---`` fences are missing.
    """
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        message = "missing front matter: the file must start with a '---' line"
        raise ContentInvalid([ContentError(path, 1, message)])
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            front = "\n".join(lines[1:index]) + "\n"
            return front, "\n".join(lines[index + 1 :]), index + 2
    message = "front matter opened on this line is never closed by a '---' line"
    raise ContentInvalid([ContentError(path, 1, message)])


class MetaFields:
    """Read typed values from one YAML mapping, collecting errors at key lines."""

    def __init__(
        self,
        data: Any,
        lines: dict[KeyPath, int],
        path: str,
        errors: list[ContentError],
        allowed: tuple[str, ...],
    ) -> None:
        """Check that ``data`` is a mapping with only ``allowed`` keys."""
        self.lines, self.path, self.errors = lines, path, errors
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.error((), "expected a mapping of 'key: value' lines")
            data = {}
        self.data = data
        for key in data:
            if key not in allowed:
                known = ", ".join(allowed)
                message = f"unknown key {str(key)!r}; allowed keys: {known}"
                self.error((str(key),), message)

    def line(self, key: KeyPath) -> int:
        """Return the line of ``key``, or of its nearest present parent."""
        while key not in self.lines:
            key = key[:-1]
        return self.lines[key]

    def error(self, key: KeyPath, message: str) -> None:
        """Record an error at the line of ``key``."""
        self.errors.append(ContentError(self.path, self.line(key), message))

    def string(self, key: str, *, required: bool = False) -> str | None:
        """Return the stripped non-empty string at ``key``, or None."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.error((key,), f"missing required key {key!r}")
            return None
        if not isinstance(value, str) or not value.strip():
            self.error((key,), f"{key!r} must be a non-empty text, not {value!r}")
            return None
        return value.strip()

    def integer(self, key: str, default: int | None, low: int, high: int) -> int | None:
        """Return the whole number at ``key`` within ``low..high``, or ``default``."""
        value = self.data.get(key)
        if value is None:
            return default
        # bool is an int subclass, and "version: yes" is surely a mistake.
        is_int = isinstance(value, int) and not isinstance(value, bool)
        if not is_int or not low <= value <= high:
            self.error(
                (key,),
                f"{key!r} must be a whole number from {low} to {high}, not {value!r}",
            )
            return default
        return value

    def boolean(self, key: str, default: bool | None) -> bool | None:
        """Return the true/false value at ``key``, or ``default``."""
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error((key,), f"{key!r} must be true or false, not {value!r}")
            return default
        return value

    def choice(self, key: str, default: str, choices: tuple[str, ...]) -> str:
        """Return the value at ``key`` if it is one of ``choices``, else ``default``."""
        value = self.data.get(key, default)
        if value not in choices:
            message = f"{key!r} must be one of {', '.join(choices)}, not {value!r}"
            self.error((key,), message)
            return default
        return value
