"""The knowledge base: DBpedia entities, their surface forms and the statistics the linker needs.

Build one with :func:`build_kb` (or ``scholargraph kb build``), open it with :func:`open_kb` or
:meth:`KnowledgeBase.open`. Without an explicit KB, the starter KB shipped in ``kb/starter/`` is
built into the user's cache directory on first use.
"""

from scholargraph.kb.builder import build_kb
from scholargraph.kb.defaults import open_kb, starter_kb_path, starter_sources
from scholargraph.kb.model import DBPEDIA_RESOURCE, Candidate, Entity
from scholargraph.kb.normalize import normalize_surface
from scholargraph.kb.store import KnowledgeBase

__all__ = [
    "DBPEDIA_RESOURCE",
    "Candidate",
    "Entity",
    "KnowledgeBase",
    "build_kb",
    "normalize_surface",
    "open_kb",
    "starter_kb_path",
    "starter_sources",
]
