"""Hostile XML shared by the XML reader tests: external entities, entity bombs, truncation."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import strategies as st

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


def element_soup(tags: list[str], attributes: list[str], texts: list[str]) -> st.SearchStrategy[str]:
    """Random, well-formed XML fragments built from a format's own vocabulary (for no-crash tests)."""
    leaf = st.sampled_from(texts).map(escape)
    return st.recursive(
        leaf,
        lambda inner: st.builds(
            lambda tag, attribute, children: f"<{tag}{attribute}>{''.join(children)}</{tag}>",
            st.sampled_from(tags), st.sampled_from(attributes), st.lists(inner, max_size=4),
        ),
        max_leaves=30,
    )


#: Text that exercises the date, name and identifier parsers.
SOUP_TEXTS = [
    "", "2020", "11", "Nov", "Spring", "Smith", "Jane", "10.1/abc", "0000-0002-1825-0097", "x y", "a1",
    "<", "&", "31", "²", "2023 Nov-Dec", "Tue, 12 May 2026 00:00:00 GMT", "Venkataraman S, Lee K"
]
