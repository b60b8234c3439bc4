"""The offset map: every cleaned character points back at the character of the page it came from."""

import random
import re

from yaowen.clean.rewrite import rewrite
from yaowen.model import OffsetMap


def test_offsets_identity_and_span():
    m = OffsetMap.identity(10)
    assert m(0) == 0 and m(9) == 9 and m.span(2, 5) == (2, 5)


def test_offsets_three_composed_rewrites_match_brute_force():
    rng = random.Random(7)
    alphabet = "临江市委书记会议召开审计(x)**  \n"
    for _ in range(50):
        text = "".join(rng.choice(alphabet) for _ in range(80))
        origin = list(range(len(text)))  # brute force: carry each character's origin along
        omap = OffsetMap.identity(len(text))
        for pattern, repl in ((r"\(x\)", ""), (r"\*\*", ""), (r" {2,}", " ")):
            new, m = rewrite(text, re.compile(pattern), lambda mt, r=repl: r)
            pos, new_origin = 0, []
            for mt in re.finditer(pattern, text):
                new_origin += origin[pos : mt.start()] + [origin[mt.start()]] * len(repl)
                pos = mt.end()
            new_origin += origin[pos:]
            text, origin, omap = new, new_origin, omap.then(m)
            assert [omap(i) for i in range(len(text))] == origin
