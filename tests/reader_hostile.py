"""Hostile XML shared by the XML reader tests: external entities, entity bombs, truncation."""

from __future__ import annotations

from pathlib import Path

#: A file whose contents must never show up in a document.
SECRET_FILE = Path("/etc/passwd")


def xxe(root_open: str, inner: str, root_close: str) -> bytes:
    """A document whose DOCTYPE declares an external entity ``&xxe;`` used inside ``inner``."""
    name = root_open.split()[0].strip("<>")
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE {name} [<!ENTITY xxe SYSTEM "file://{SECRET_FILE}">]>\n'
        f"{root_open}{inner}{root_close}"
    ).encode()


def billion_laughs(root_open: str, inner: str, root_close: str) -> bytes:
    """Nested internal entities that would expand to about 10^9 copies of "lol"."""
    name = root_open.split()[0].strip("<>")
    levels = ['<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        levels.append(f'<!ENTITY lol{level} "' + f"&lol{level - 1};" * 10 + '">')
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE {name} [{"".join(levels)}]>\n{root_open}{inner}{root_close}'
    ).encode()


def secret_lines() -> list[str]:
    """Distinctive lines of the secret file (empty when it cannot be read)."""
    try:
        return [line for line in SECRET_FILE.read_text().splitlines() if len(line) > 8][:5]
    except OSError:
        return []
