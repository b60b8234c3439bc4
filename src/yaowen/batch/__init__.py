"""Batch engines: map the per-page pipeline over many pages, in input order, streaming — in this process, a
pool of local processes (``local``) or a Ray cluster (``ray``), through one interface (``PageEngine``)."""

from .engine import ENGINES, EngineUnavailable, PageEngine, open_engine
from .work import Extraction, PageOutcome, extract_path

__all__ = ["ENGINES", "EngineUnavailable", "Extraction", "PageEngine", "PageOutcome", "extract_path", "open_engine"]
