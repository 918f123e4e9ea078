"""YAML-style front matter at the top of a Markdown file (``---`` … ``---``).

Only flat ``key: value`` pairs and ``- item`` lists are read (no YAML library needed, and
nothing in the block is ever executed or resolved).
"""

from __future__ import annotations

import re

_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_PAIR = re.compile(r"^([A-Za-z][\w\- ]{0,40}):[ \t]*(.*)$")

#: Front matter longer than this is not front matter.
MAX_FRONT_MATTER = 20_000


def read_front_matter(text: str) -> tuple[dict[str, list[str]], int]:
    """The key → values of a leading ``---`` block and the offset where the block ends (0 if none)."""
    opening = _OPEN.match(text)
    if opening is None:
        return {}, 0
    closing = _CLOSE.search(text, opening.end(), min(len(text), MAX_FRONT_MATTER))
    if closing is None:
        return {}, 0
    values: dict[str, list[str]] = {}
    key: str | None = None
    for line in text[opening.end():closing.start()].splitlines():
        item = line.strip()
        if not item or item.startswith("#"):
            continue
        pair = _PAIR.match(line)
        if pair and not line[:1].isspace():
            key = pair.group(1).strip().lower()
            value = _unquote(pair.group(2))
            values[key] = []
            if value.startswith("[") and value.endswith("]"):
                values[key] = [_unquote(v) for v in value[1:-1].split(",") if v.strip()]
            elif value:
                values[key] = [value]
        elif key is not None and item.startswith("- "):
            entry = item[2:].strip()
            nested = _PAIR.match(entry)
            if nested and nested.group(1).lower() in ("name", "given", "family"):
                entry = nested.group(2)
            values[key].append(_unquote(entry))
        elif key is not None and line[:1].isspace():
            nested = _PAIR.match(item)
            if nested and nested.group(1).lower() == "name":
                values[key].append(_unquote(nested.group(2)))
    return values, closing.end()


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value.strip()
