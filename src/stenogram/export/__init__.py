"""Exports in the field's formats. Exporters register in ``EXPORTERS`` (built-ins too)."""

from .tables import EXPORTERS, export

__all__ = ["EXPORTERS", "export"]
