"""The statistical name recogniser on hand-made sentences (the fictional city 临江市, invented names)."""

import numpy as np
import pytest

import yaowen.extract.names as names_mod
from yaowen.extract.names import find_names, find_names_many, name_score, name_scores
from yaowen.extract.names.features import Candidates, candidates, encode, kind_of, stage1_keys, stage2_keys


def _names(text: str) -> list[str]:
    return [x.name for x in find_names(text)]


def test_names_in_a_list_after_a_post():
    got = _names("临江市副市长邝立新、孟庆华、欧阳青出席会议。")
    assert got == ["邝立新", "孟庆华", "欧阳青"]


def test_name_as_subject_before_a_verb():
    assert _names("昨天，谭志远来到临江市第三中学，看望慰问一线教师。") == ["谭志远"]


def test_two_character_name_stops_before_the_verb():
    got = find_names("会议由临江市委书记吕涛主持。")
    assert [(x.name, x.start, x.end) for x in got] == [("吕涛", 9, 11)]


def test_foreign_name_joined_by_a_dot():
    assert "阿列克桑德拉·维特罗娃" in _names("俄罗斯友好城市代表团团长阿列克桑德拉·维特罗娃一行访问临江市。")


def test_words_that_start_with_a_surname_are_not_names():
    text = "临江市庆祝建市六十周年，各方面工作取得新进展，群众高兴地说，于是大家都来了，投入资金三万元。"
    assert find_names(text) == []


def test_place_before_a_name_is_not_glued_on():
    got = _names("临江市望江镇党委书记程明辉介绍了情况。")
    assert got == ["程明辉"]


def test_name_score_prefers_the_right_length():
    text = "市领导韦志宏出席。会议由副市长王静主持。"
    three, two_glued = name_score(text, 3, 6), name_score(text, 3, 7)
    assert three > 0.5 > two_glued
    assert name_score(text, 15, 17) > 0.5 > name_score(text, 15, 18)


def test_name_score_of_a_common_word_is_low():
    text = "大家非常高兴地参加了活动。"
    assert name_score(text, 4, 6) < 0.2


def test_name_scores_many_spans_at_once():
    text = "临江市市长邝立新、副市长孟庆华出席。"
    got = name_scores(text, [(5, 8), (12, 15), (0, 3)])
    assert got.shape == (3,) and got[0] > 0.5 and got[1] > 0.5 and got[2] < 0.2


def test_spans_are_offsets_into_the_text_and_do_not_overlap():
    text = "临江市委副书记龚建平，市委常委、秘书长严晓梅，副市长宋立文出席会议并讲话。"
    got = find_names(text)
    assert [x.name for x in got] == ["龚建平", "严晓梅", "宋立文"]
    for x in got:
        assert text[x.start : x.end] == x.name and 0.0 < x.score <= 1.0
    assert all(a.end <= b.start for a, b in zip(got, got[1:], strict=False))


def test_threshold_trades_recall_for_precision():
    text = "临江市委副书记龚建平，市委常委、秘书长严晓梅，副市长宋立文出席会议并讲话。"
    assert len(find_names(text, threshold=0.999999)) < len(find_names(text, threshold=0.01))


def test_long_text_in_chunks_gives_the_same_names(monkeypatch: pytest.MonkeyPatch):
    text = "临江市市长邝立新、副市长孟庆华出席。" * 7
    whole = find_names(text)
    monkeypatch.setattr(names_mod, "_CHUNK", 13)  # chunk edges fall inside names
    assert find_names(text) == whole
    assert len(whole) == 14


def test_empty_and_odd_text():
    assert find_names("") == []
    assert find_names("abc 123 \U0002000b\n") == []
    assert name_score("王", 0, 1) == 0.0
    assert isinstance(name_scores("王明出席", []), np.ndarray)


def test_a_found_name_scores_the_same_when_asked_alone():
    text = "临江市委副书记龚建平，市委常委、秘书长严晓梅，副市长宋立文出席会议并讲话。"
    for x in find_names(text):
        assert abs(name_score(text, x.start, x.end) - x.score) < 1e-6


def test_many_texts_at_once_give_what_each_gives_alone():
    texts = ["临江市市长邝立新出席。", "", "副市长孟庆华主持会议，欧阳青、吕涛参加。", "王明", "大家很高兴。"]
    assert find_names_many(texts) == [find_names(t) for t in texts]
    assert find_names_many(texts, threshold=0.01) == [find_names(t, threshold=0.01) for t in texts]
    assert find_names_many([]) == []


def test_half_and_full_width_punctuation_read_alike():
    # the cleaner writes , : ( where the training corpus prints ，：（: the model must see one code for both
    full = "只是目前已住进了八九户人家。此后，魏源在小卷阿寓所潜心著述（见图）：“好！”"
    half = full.replace("，", ",").replace("（", "(").replace("）", ")").replace("：", ":").replace("！", "!")
    k = full.index("魏源")
    assert name_score(full, k, k + 2) == pytest.approx(name_score(half, k, k + 2))
    assert [n.name for n in find_names(half)] == [n.name for n in find_names(full)]


def test_tabled_scores_are_the_features_weights_summed_bit_for_bit():
    # run time reads the weights from tables (names.tabled); features' keys are what the model was trained on
    model = names_mod.default_model()
    text = ("临江市委副书记龚建平、欧阳青，司马光与阿列克桑德拉·维特罗娃、约翰··史密斯会见了诺沃肖洛夫斯卡娅。"
            "记者王明摄 ABC 2024年 \U0002000b王刚（见图）：“好！”叶卡捷琳堡市长")
    enc = encode(text, model.tables)
    spans = candidates(enc, model.tables.compound)
    rng = np.random.default_rng(7)
    starts = rng.integers(4, len(text) - 8, 300)
    anywhere = Candidates(starts, starts + rng.integers(2, 13, 300))  # what name_scores may ask
    for cand in (spans, anywhere):
        kind = kind_of(enc, cand)
        stage1 = model.bias + model.weight_sum(stage1_keys(enc, model.tables, cand, kind))
        logit = stage1 + model.weight_sum(stage2_keys(enc, model.tables, cand, kind))
        expected = 1.0 / (1.0 + np.exp(-logit))
        assert np.array_equal(model.score_candidates(enc, cand, prune=False), expected)
        kept = stage1 >= model.stage1_cut
        assert kept.any() and not kept.all()
        assert np.array_equal(model.score_candidates(enc, cand), np.where(kept, expected, 0.0))
