"""What the people extractor returns for each person it finds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Mention:
    name: str
    titles: list[str]
    start: int  # offsets in the text searched (an article body)
    end: int
    # how it was found: title | list | label | appointed | appositive | speaker | name_post | introduced
    how: str = "title"
