"""Decide what a decoded document is: the registered sites' formats are asked in turn."""

from __future__ import annotations

from .. import sites


def detect_format(text: str) -> str | None:
    """The name of the first registered format that recognises ``text``, else None."""
    fmt = sites.detect(text)
    return fmt.name if fmt else None


def explain_unknown(text: str) -> str:
    """Why a document was not recognised, for a one-line error."""
    return sites.explain_unknown(text)
