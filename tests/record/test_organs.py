"""The organs a paper prints in full (for expanding 市工信局 in posts): whole names, never fragments of the
words around them."""

from __future__ import annotations

from yaowen.record.organs import full_organ_names


def test_a_word_before_the_city_is_not_part_of_the_organ():
    body = ("会议任命龚雅文为临江市财政局局长。副市长在衡阳市工业和信息化局调研。政协第十届临江市委员会常务委员会召开。"
            "湖南省湘江市教育局发布通知。")
    assert full_organ_names(body) == {"临江市财政局", "衡阳市工业和信息化局", "临江市委员会常务委员会", "湘江市教育局"}


def test_a_verb_before_a_bare_city_office_names_no_organ():
    assert full_organ_names("市委书记欧阳明远主持召开市委常委会会议。") == set()
    assert full_organ_names("会议由临江市委常委、秘书长严振华主持。") == set()  # a member's post


def test_three_character_cities_stay_whole():
    assert full_organ_names("哈尔滨市发展和改革委员会印发通知。") == {"哈尔滨市发展和改革委员会"}
