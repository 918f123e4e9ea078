"""One hardened XML parser for every XML reader: no DTDs, no entities, no network."""

from __future__ import annotations

from lxml import etree

from ..errors import InputError


def _parser() -> etree.XMLParser:
    # resolve_entities=False keeps &ext; unexpanded; no_network and load_dtd=False mean a
    # DOCTYPE pointing at a file or URL is never fetched.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )


def parse_xml(data: bytes, source: str) -> etree._Element:
    """Parse XML bytes safely; raise InputError with one line when the XML is broken."""
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        message = str(error).splitlines()[0] if str(error) else "malformed XML"
        raise InputError(f"{source}: malformed XML ({message})") from error
    except ValueError as error:
        raise InputError(f"{source}: unreadable XML ({error})") from error
    if root is None:
        raise InputError(f"{source}: empty XML document")
    return root


def local_name(element: etree._Element) -> str:
    """The tag without its namespace ("{ns}title" -> "title"); "" for comments and the like."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def text_of(element: etree._Element | None) -> str:
    """All text inside an element, whitespace folded to single spaces."""
    if element is None:
        return ""
    return " ".join("".join(str(t) for t in element.itertext()).split())
