"""People the meeting rules need and the people finder misses (found while testing meetings).

A miss is marked ``xfail(strict=True)``: it documents it for the people finder and fails the suite the day the
finder gets it right, so the mark is then removed (as it was for the posts before unlisted verbs, 民主党派
posts, 还有 before a label and 党组 posts in a list).
"""

import pytest

from yaowen.extract.people import find_people


def _people(text: str) -> list[tuple[str, list[str]]]:
    return [(m.name, m.titles) for m in find_people(text)]


@pytest.mark.parametrize("text", ["市统计局局长马晓东发布相关情况。", "市长欧阳青推介临江投资环境。"])
def test_a_name_after_a_post_before_any_verb(text: str) -> None:
    assert len(_people(text)) == 1


@pytest.mark.xfail(strict=True, reason="a name that is also a common word (田野) is not read even after a post")
def test_a_name_that_is_a_word_after_a_post() -> None:
    assert _people("市住建局局长田野主持会议。") == [("田野", ["市住建局局长"])]


@pytest.mark.xfail(strict=True, reason="作 after a two-character name is read as part of it (于兰作)")
def test_a_two_character_name_before_作() -> None:
    assert [n for n, _ in _people("省委党校教授于兰作专题辅导。")] == ["于兰"]


def test_democratic_party_posts() -> None:
    assert [n for n, _ in _people("民革临江市委会主委罗一鸣,民盟临江市委会副主委许丽先后发言。")] == ["罗一鸣", "许丽"]


def test_a_group_label_after_还有() -> None:
    assert _people("市长欧阳青主持会议。在主席台就座的还有市领导谭卫国。")[-1] == ("谭卫国", ["市领导"])


def test_party_group_posts_in_a_list() -> None:
    got = _people("党组副书记、常务副主任方志强,党组成员、副主任梁秀英出席会议。")
    assert [n for n, _ in got] == ["方志强", "梁秀英"]
