"""Verify quotations against the corpus: candidates, alignment, verdicts, evidence."""
