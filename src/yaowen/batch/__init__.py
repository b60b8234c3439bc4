"""Batch engines: map the per-page pipeline over many pages (local processes now; Ray for clusters later)."""

from .local import PageOutcome, extract_many, extract_one

__all__ = ["PageOutcome", "extract_many", "extract_one"]
