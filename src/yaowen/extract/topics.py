"""Topics: 1-3 labels of the GOLD.md taxonomy, by weighted cue words (lexicons/topics.txt).

What the headline stack names is what the article is about, so its cues weigh much more than the body's;
body counts are damped (square root) so that one word repeated through a long report does not decide.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache

from .lexicons import load_lexicon, trie_regex

HEADLINE_WEIGHT = 4.0
SECOND_LABEL_SHARE = 0.35  # a further label needs at least this share of the top label's score
MIN_SCORE = 4.0  # less evidence than this (one incidental word) is no topic: "other"
_OWN_BODY = {"congress": re.compile(r"人大|人民代表大会|人代会"), "cppcc": re.compile(r"政协|政治协商")}
_LEAD_CHARS = 80
_CITED_BODY = 0.3  # the weight of the body's congress or CPPCC cues when the stack names neither


@cache
def _cues() -> tuple[dict[str, list[tuple[str, float]]], re.Pattern[str]]:
    by_cue: dict[str, list[tuple[str, float]]] = {}
    for line in load_lexicon("topics"):
        label, weight, cue = line.split("\t")
        by_cue.setdefault(cue, []).append((label, float(weight)))
    # the cues as a trie (one branch per character, not 160 words tried in turn at every position); it tries the
    # cues that match at a position longest first, as an alternation sorted by length does.
    # A cue inside someone's post (市人大常委会副主任A, 市政协主席B出席) says who came, not what it is about.
    return by_cue, re.compile(f"(?:{trie_regex(by_cue)})(?!{_POST_AFTER})")


_POST_AFTER = r"[^，,。；;、\n]{0,4}?(?:主任|主席|秘书长|党组|书记|常委|部长|局长|组长)(?!会)"


def _counts(text: str) -> Counter[str]:
    by_cue, cue_re = _cues()
    return Counter(cue_re.findall(text))


def classify_topics(
    headline: str | None, kicker: str | None, subheadline: str | None, body: str,
    meetings: list[str] | tuple[str, ...] = (), max_labels: int = 3,
) -> list[str]:
    """``meetings``: the names of the meetings the article reports held; they weigh as the headline does."""
    by_cue, _ = _cues()
    scores: Counter[str] = Counter()
    stack = " ".join(x for x in (kicker, headline, subheadline, *meetings) if x)
    for cue, n in _counts(stack).items():
        for label, w in by_cue[cue]:
            scores[label] += HEADLINE_WEIGHT * w * n
    # an article on the congress or the CPPCC says so in its headline or its meeting's name; in the body of
    # another's report they are what the meeting dealt with (办理人大代表建议和政协委员提案, 提请人大常委会审议)
    named = stack or body[:_LEAD_CHARS]  # a headless article names its subject in its first lines
    bodies = {label for label, needed in _OWN_BODY.items() if not needed.search(named)}
    for cue, n in _counts(body).items():
        for label, w in by_cue[cue]:
            scores[label] += w * math.sqrt(n) * (_CITED_BODY if label in bodies else 1.0)
    ranked = scores.most_common()
    if not ranked or ranked[0][1] < MIN_SCORE:
        return ["other"]
    top = ranked[0][1]
    return [label for label, s in ranked[:max_labels] if s >= SECOND_LABEL_SHARE * top]
