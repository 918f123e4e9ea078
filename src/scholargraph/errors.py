"""Exceptions shared by every part of scholargraph.

The command line maps :class:`InputError` to one line on stderr and exit code 2, so
its message must be a complete, human-readable sentence fragment (no traceback needed).
"""


class ScholargraphError(Exception):
    """Base class of every error scholargraph raises on purpose."""


class InputError(ScholargraphError):
    """The user's input (a file, a string, an option) cannot be used; say why in one line."""


class KnowledgeBaseError(ScholargraphError):
    """A knowledge base is missing, corrupt or of an unknown format version."""
