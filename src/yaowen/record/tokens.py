"""Search tokens for Chinese text: overlapping character bigrams.

A Chinese word has no spaces around it, so the index holds every pair of neighbouring Han characters
(审计工作 -> 审计 计工 工作) plus the last character of each run on its own (作), so that every character
starts at least one token. A query of two or more characters is the phrase of its bigrams; a single
character is a prefix query (审 -> 审*) that hits both 审计 and a run-final 审. Runs of Latin letters and
digits are whole tokens, lower-cased. The same tokens feed SQLite FTS5 and PostgreSQL tsvector.
"""

from __future__ import annotations

import re

_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9A-Za-z\uff10-\uff19]+")
_HAN0 = "\u3400"


def _is_han(run: str) -> bool:
    return run[0] >= _HAN0


def index_tokens(text: str) -> list[str]:
    """The tokens of a document, in order (positions matter: a phrase is consecutive tokens)."""
    out: list[str] = []
    for run in _RUN_RE.findall(text):
        if _is_han(run):
            out.extend([run[i : i + 2] for i in range(len(run) - 1)])
            out.append(run[-1])
        else:
            out.append(run.lower())
    return out


def index_text(text: str) -> str:
    return " ".join(index_tokens(text))
