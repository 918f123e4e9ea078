"""Small helpers the XML readers (JATS, TEI) share: namespace-blind child lookup and a text
builder that remembers where each block of ``Document.text`` landed."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ..document import AbstractPart, Reference, Section
from .xmlsafe import local_name


def kids(element: etree._Element | None, *names: str) -> list[etree._Element]:
    """Direct child elements with one of the given local names."""
    if element is None:
        return []
    return [c for c in element if isinstance(c.tag, str) and local_name(c) in names]


def kid(element: etree._Element | None, *names: str) -> etree._Element | None:
    """The first direct child with one of the given local names."""
    found = kids(element, *names)
    return found[0] if found else None


def path(element: etree._Element | None, *steps: str) -> etree._Element | None:
    """Follow direct children by local name: ``path(tei, "teiHeader", "fileDesc")``."""
    for step in steps:
        element = kid(element, step)
    return element


def descendants(element: etree._Element | None, name: str) -> Iterator[etree._Element]:
    """Every element below ``element`` with that local name, in document order."""
    if element is None:
        return
    for el in element.iter():
        if isinstance(el.tag, str) and local_name(el) == name:
            yield el


def part_line(part: AbstractPart) -> str:
    """An abstract part as one line of text: "Methods: We …"."""
    return f"{part.label}: {part.text}" if part.label else part.text


class TextBuilder:
    """Appends blocks separated by blank lines and reports where each one landed."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.length = 0

    def add(self, block: str, separator: str = "\n\n") -> tuple[int, int]:
        """Append a block; return its (start, end) offsets in the final text."""
        if self.length:
            self._parts.append(separator)
            self.length += len(separator)
        start = self.length
        self._parts.append(block)
        self.length += len(block)
        return start, self.length

    def text(self) -> str:
        """The text built so far."""
        return "".join(self._parts)


def add_references(
    builder: TextBuilder, references: list[Reference], sections: list[Section]
) -> tuple[int, int] | None:
    """Append a "References" section, one entry per line; return the span of the entries.

    The span covers the entries only; the "References" section covers heading and entries.
    """
    if not references:
        return None
    heading_start, heading_end = builder.add("References")
    for reference in references:
        builder.add(reference.text, separator="\n")
    sections.append(Section("References", heading_start, builder.length, 1))
    return (heading_end + 1, builder.length)
