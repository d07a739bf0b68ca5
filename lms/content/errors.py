"""Report problems found in course and quiz source files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError:
    """Describe one problem at a place in a source file."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        """Format the error as ``path:line: message`` like a compiler would."""
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class ContentInvalid(Exception):
    """Signal that source files are invalid, carrying every problem found."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        """Keep all errors so an author can fix them in one pass."""
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))
