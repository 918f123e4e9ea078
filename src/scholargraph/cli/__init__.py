"""The ``scholargraph`` command: a thin layer of argument handling and printing.

Errors the user can fix (:class:`~scholargraph.errors.ScholargraphError`) become one line on
stderr and exit code 2; Ctrl-C exits 130; anything else is an internal failure, exit 1.
"""

from __future__ import annotations

import os
import sys
import traceback

import typer

from ..errors import ScholargraphError
from . import annotate as annotate_commands
from . import graph as graph_commands
from . import read as read_commands

app = typer.Typer(
    name="scholargraph",
    help="Turn scholarly papers into a linked-data knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
read_commands.register(app)
annotate_commands.register(app)
graph_commands.register(app)


def _register_optional() -> None:
    # Sub-command groups live in their own modules so each area owns its CLI surface.
    from . import kb as kb_commands

    app.add_typer(kb_commands.app, name="kb")


_register_optional()


def main() -> None:
    """Entry point of the console script."""
    try:
        # Standalone mode: typer itself reports usage errors (exit 2) and exits with each
        # command's code; only errors raised by our own code reach the handlers below.
        app()
    except ScholargraphError as error:
        print(f"scholargraph: error: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("scholargraph: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the last line of defence must catch everything
        if os.environ.get("SCHOLARGRAPH_DEBUG"):
            traceback.print_exc()
        print(f"scholargraph: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
