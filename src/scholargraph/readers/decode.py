"""Bytes to text: detect the encoding, refuse binary junk."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """True when the bytes are clearly not text (NUL bytes or many control characters)."""
    sample = data[:65536]
    if not sample:
        return False
    if any(sample.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05


def decode_text(data: bytes, source: str = "input") -> str:
    """Decode bytes to str: BOM first, then strict UTF-8, then charset-normalizer's best guess.

    Raises InputError for empty or binary input.
    """
    if not data.strip():
        raise InputError(f"{source}: empty input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if looks_binary(data):
        raise InputError(f"{source}: binary data, not a text, XML, JSON or PDF document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise InputError(f"{source}: cannot detect the text encoding")
    return data.decode(best.encoding, errors="replace")
