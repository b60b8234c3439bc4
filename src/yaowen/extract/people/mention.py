"""What the people extractor returns for each person it finds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Mention:
    name: str
    titles: list[str]
    start: int  # offsets in the text searched (an article body)
    end: int
    # how it was found: title | list | label | appointed | appositive | speaker | object | introduced |
    # name_post (习近平总书记: often cited, not present) | address (马青同志, 王一明书记: acting in the story)
    how: str = "title"
