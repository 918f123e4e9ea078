"""A progress display on stderr that costs nothing when switched off."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class BuildProgress:
    """Rich progress bars for the build phases, or nothing when ``enabled`` is false."""

    def __init__(self, enabled: bool) -> None:
        self._progress: Progress | None = None
        if enabled:
            self._progress = Progress(TextColumn("{task.description}"), BarColumn(),
                                      MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
                                      console=Console(stderr=True), transient=False)

    def __enter__(self) -> BuildProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

    def task(self, description: str, total: int | None) -> TaskID | None:
        """Start a bar; returns a handle for :meth:`advance` (None when disabled)."""
        if self._progress is None:
            return None
        return self._progress.add_task(description, total=total)

    def advance(self, task: TaskID | None, amount: int = 1) -> None:
        """Move a bar forward."""
        if self._progress is not None and task is not None:
            self._progress.advance(task, amount)

    def finish(self, task: TaskID | None) -> None:
        """Mark a bar complete."""
        if self._progress is not None and task is not None:
            total = self._progress.tasks[task].total
            self._progress.update(task, completed=total if total is not None else 0)

