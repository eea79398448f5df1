"""Exports in the field's formats: tables (JSONL, CSV, Parquet), TEI (ParlaMint),
ClaimReview, and event reports. ``EXPORTERS`` names them; ``export()`` runs one."""

from .registry import EXPORTERS, export

__all__ = ["EXPORTERS", "export"]
