"""The on-disk layout of a built knowledge base (one directory, immutable once built).

Files (all little-endian; ``n`` entities, ``k`` surface keys, ``c`` candidates):

- ``manifest.json``: format version, KB version (content hash), sources with sha256, counts, build time.
- ``names.marisa``: trie of entity names; the trie's key id *is* the entity id (dense 0..n-1).
- ``entity_support.bin`` (int64[n]); ``entity_record_start.bin`` (uint64[n]) and
  ``entity_record_length.bin`` (uint32[n]) into ``entity_records.blob``: one UTF-8 record per entity,
  fields separated by RS (0x1e), list items by US (0x1f): label, description, types, aliases,
  abbreviations, related names, disambiguation pages.
- ``redirects.marisa`` + ``redirect_target.bin`` (int32 per redirect key id; -1 = dangling).
- ``disambiguations.marisa``: names of disambiguation pages.
- ``surfaces.marisa``: normalised surface keys; per key id ``surface_start.bin`` (uint64),
  ``surface_count.bin`` (uint32) into the candidate table, ``surface_link_probability.bin``
  (float32, NaN = unknown) and ``surface_link_total.bin`` (uint32: how many occurrences that
  probability was counted on; 0 = unknown).
- ``candidates.bin``: packed records (entity int32, count int64, prior float32, flags uint8),
  sorted by prior within a key; ``candidate_surface.bin`` (uint64[c+1] offsets) into
  ``candidate_surfaces.blob``: each candidate's surface form in its original case.
- ``spot_shards.json`` + ``spots.NNN.marisa``: the spotting forms (see :mod:`.build_spots`), with per
  global form id ``spot_key_start.bin`` (uint32) and ``spot_key_count.bin`` (uint16) into
  ``spot_keys.bin`` (uint32 surface-key ids), and ``spot_inflected.bin`` (uint8).
"""

from __future__ import annotations

import numpy as np

FORMAT_NAME = "scholargraph-kb"
FORMAT_VERSION = 3  # 2: spotting index; 3: link-statistics totals

MANIFEST = "manifest.json"
NAMES = "names.marisa"
ENTITY_SUPPORT = "entity_support.bin"
ENTITY_RECORD_START = "entity_record_start.bin"
ENTITY_RECORD_LENGTH = "entity_record_length.bin"
ENTITY_RECORDS = "entity_records.blob"
REDIRECTS = "redirects.marisa"
REDIRECT_TARGET = "redirect_target.bin"
DISAMBIGUATIONS = "disambiguations.marisa"
SURFACES = "surfaces.marisa"
SURFACE_START = "surface_start.bin"
SURFACE_COUNT = "surface_count.bin"
SURFACE_LINK_PROBABILITY = "surface_link_probability.bin"
SURFACE_LINK_TOTAL = "surface_link_total.bin"
CANDIDATES = "candidates.bin"
CANDIDATE_SURFACE_OFFSETS = "candidate_surface.bin"
CANDIDATE_SURFACES = "candidate_surfaces.blob"
SPOT_SHARDS = "spot_shards.json"
SPOT_KEY_START = "spot_key_start.bin"
SPOT_KEY_COUNT = "spot_key_count.bin"
SPOT_KEYS = "spot_keys.bin"
SPOT_INFLECTED = "spot_inflected.bin"


def spot_shard(index: int) -> str:
    """File name of one shard of the spotting-form tries."""
    return f"spots.{index:03d}.marisa"


SUPPORT_DTYPE = np.dtype("<i8")
RECORD_START_DTYPE = np.dtype("<u8")
RECORD_LENGTH_DTYPE = np.dtype("<u4")
REDIRECT_DTYPE = np.dtype("<i4")
SURFACE_START_DTYPE = np.dtype("<u8")
SURFACE_COUNT_DTYPE = np.dtype("<u4")
LINK_PROBABILITY_DTYPE = np.dtype("<f4")
LINK_TOTAL_DTYPE = np.dtype("<u4")
CANDIDATE_DTYPE = np.dtype([("entity", "<i4"), ("count", "<i8"), ("prior", "<f4"), ("flags", "u1")])
OFFSET_DTYPE = np.dtype("<u8")
SPOT_KEY_START_DTYPE = np.dtype("<u4")
SPOT_KEY_COUNT_DTYPE = np.dtype("<u2")
SPOT_KEYS_DTYPE = np.dtype("<u4")
SPOT_INFLECTED_DTYPE = np.dtype("u1")

FLAG_ABBREVIATION = 1

FIELD_SEP = "\x1e"
ITEM_SEP = "\x1f"
_SEPARATORS = str.maketrans({FIELD_SEP: " ", ITEM_SEP: " "})


def clean_field(text: str) -> str:
    """Make a value safe to store in an entity record (no separator characters)."""
    return text.translate(_SEPARATORS)


def encode_record(label: str, description: str, types: list[str], aliases: list[str],
                  abbreviations: list[str], related: list[str], disambiguations: list[str]) -> bytes:
    """Encode one entity record (values must already be cleaned with :func:`clean_field`)."""
    fields = [label, description, ITEM_SEP.join(types), ITEM_SEP.join(aliases),
              ITEM_SEP.join(abbreviations), ITEM_SEP.join(related), ITEM_SEP.join(disambiguations)]
    return FIELD_SEP.join(fields).encode("utf-8")


def decode_record(data: bytes) -> tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...],
                                        tuple[str, ...], tuple[str, ...]]:
    """Inverse of :func:`encode_record`."""
    label, description, types, aliases, abbreviations, related, disambiguations = (
        data.decode("utf-8").split(FIELD_SEP))
    return (label, description, _items(types), _items(aliases), _items(abbreviations),
            _items(related), _items(disambiguations))


def _items(field: str) -> tuple[str, ...]:
    return tuple(field.split(ITEM_SEP)) if field else ()
