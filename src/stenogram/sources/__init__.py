"""Read sources: walk inputs, decode bytes, detect each document's format."""

from .decode import decode_bytes, decode_document, looks_binary
from .detect import detect_format, explain_unknown
from .walk import Failure, RawDocument, Skipped, iter_raw

__all__ = [
    "Failure",
    "RawDocument",
    "Skipped",
    "decode_bytes",
    "decode_document",
    "detect_format",
    "explain_unknown",
    "iter_raw",
    "looks_binary",
]
