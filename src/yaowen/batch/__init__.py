"""Batch engines: map the per-page pipeline over many pages (local processes now; Ray for clusters later)."""

from .local import PageOutcome, extract_input, extract_many, extract_one, ordered_map

__all__ = ["PageOutcome", "extract_input", "extract_many", "extract_one", "ordered_map"]
