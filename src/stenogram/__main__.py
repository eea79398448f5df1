"""``python -m stenogram``: the same as the ``stenogram`` command."""

from .cli import main

main()
