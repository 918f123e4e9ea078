"""``python -m scholargraph`` runs the command line."""

from .cli import main

main()
