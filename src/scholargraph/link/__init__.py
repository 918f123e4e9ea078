"""Entity linking: abbreviations, spotting, disambiguation and the Annotator that combines them."""

from .abbreviations import Abbreviation, find_definitions, find_uses
from .annotator import DEFAULT_CONFIDENCE, Annotator
from .model import Annotation, LinkResult

__all__ = ["DEFAULT_CONFIDENCE", "Abbreviation", "Annotation", "Annotator", "LinkResult", "find_definitions",
           "find_uses"]
