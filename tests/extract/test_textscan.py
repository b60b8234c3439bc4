"""The text scans that stand in for a regex's finditer find what it finds."""

import random
import re

from yaowen.extract.documents import _APPROVE_RE, _approvals
from yaowen.extract.lexicons import trie_regex
from yaowen.extract.textscan import WordFinder, at_sentence_starts


def test_word_finder_finds_what_the_trie_regex_finds() -> None:
    rng = random.Random(1)
    for _ in range(2000):
        words = {"".join(rng.choice("张王三明") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 6))}
        text = "".join(rng.choice("张王三明，") for _ in range(rng.randint(0, 30)))
        expected = [m.span() for m in re.finditer(trie_regex(words), text)]
        finder = WordFinder(words)
        assert finder.spans(text) == expected
        finder._FIND_WORK = 0  # the regex path
        assert finder.spans(text) == expected


def test_at_sentence_starts_is_finditer_of_an_anchored_regex() -> None:
    anchored = re.compile(r"(?:^|(?<=[。\n]))\s*(?:会上|座谈中)[,，]")
    rng = random.Random(2)
    for _ in range(2000):
        text = "".join(rng.choice(["会上", "座谈中", "，", "。", "\n", " ", "甲"]) for _ in range(rng.randint(0, 20)))
        assert [m.span() for m in at_sentence_starts(anchored, text)] == [m.span() for m in anchored.finditer(text)]


def test_approvals_searched_around_their_core_are_all_of_them() -> None:
    rng = random.Random(3)
    for _ in range(5000):
        text = "".join(rng.choice("审议讨论表决研究并后原则通过批准同意了会议《》，") for _ in range(rng.randint(0, 30)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = [(m.span(), m.group(0)) for m in _APPROVE_RE.finditer(text, start, end)]
        assert [(m.span(), m.group(0)) for m in _approvals(text, start, end)] == expected
