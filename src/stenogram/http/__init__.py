"""The HTTP API (FastAPI): routes only, over ``stenogram.Corpus``."""
