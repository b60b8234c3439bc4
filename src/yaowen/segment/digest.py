"""A news round-up: brief items, each opened by a bullet and its date or under a 【place】 label, split into
blocks of their own."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..genre import STORY_START_RE
from .blocks import Block

if TYPE_CHECKING:
    from .story import Story

DIGEST_BULLET_RE = re.compile(r"^\s*[●◆■▲★•]\s*")
DIGEST_LABEL_RE = re.compile(r"^\s*【[^】]{1,10}】\s*$")


def split_digest(story: Story) -> list[Block] | None:
    """A round-up of brief items, each opened by a bullet and its date or under a 【place】 label: the items,
    each a block of its own (what precedes the first item is the round-up's introduction). None if the
    story is no round-up."""
    body = story.block.body
    starts: list[int] = []
    labels: set[int] = set()
    for i, p in enumerate(body):
        if DIGEST_BULLET_RE.match(p.text) and STORY_START_RE.match(p.text):
            starts.append(i)
        elif DIGEST_LABEL_RE.match(p.text) and i + 1 < len(body) and STORY_START_RE.match(body[i + 1].text):
            starts.append(i)
            labels.add(i)
    if len(starts) < 2:
        return None
    items = []
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(body)
        paras = body[s + 1 : end] if s in labels else body[s:end]
        if paras and (m := DIGEST_BULLET_RE.match(paras[0].text)):
            paras = [paras[0].slice(m.end())] + paras[1:]
        items.append(Block("headless", body=list(paras)))
    return items
