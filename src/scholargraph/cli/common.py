"""Helpers every command module shares: reading inputs with per-file errors, stderr messages."""

from __future__ import annotations

import sys
from collections.abc import Iterator

from ..document import Document
from ..readers import read_inputs


class RunStatus:
    """Counts the inputs that failed so a command can exit 2 after processing the rest."""

    def __init__(self) -> None:
        self.failures = 0

    def report(self, message: str) -> None:
        """Print one error line on stderr and remember the failure."""
        self.failures += 1
        print(f"scholargraph: error: {message}", file=sys.stderr)

    @property
    def exit_code(self) -> int:
        """0 when everything worked, 2 when any input was bad."""
        return 2 if self.failures else 0


def iter_documents(paths: list[str], status: RunStatus) -> Iterator[Document]:
    """Every document of every input; bad inputs are reported and skipped."""
    for result in read_inputs(paths):
        if result.error is not None:
            status.report(str(result.error))
            continue
        yield from result.documents
