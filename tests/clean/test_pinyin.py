"""Pinyin annotations, characters lost as '?', and the GBK byte-shift mojibake, on hand-made traditional text."""

from yaowen.clean import clean_text
from yaowen.clean.pinyin import repair_pinyin_annotations

PAGE = "臨(lín)江(jiāng)市(shì)召(zhào)開(kāi)會(huì)議(yì),記(jì)者(zhě)報(bào)道(dào)。"


def test_pinyin_annotations_after_characters_are_removed():
    out, omap, _ = repair_pinyin_annotations(PAGE)
    assert out == "臨江市召開會議,記者報道。"
    assert all(PAGE[omap(i)] == ch for i, ch in enumerate(out))


def test_pinyin_real_parentheses_stay():
    text = PAGE + "(記者 羅文鵬)離任(任中)審計,各縣(市)區,GDP(GDP)增長。(下轉第三版)"
    out, _, _ = repair_pinyin_annotations(text)
    assert out.endswith("(記者 羅文鵬)離任(任中)審計,各縣(市)區,GDP(GDP)增長。(下轉第三版)")


def test_pinyin_page_without_annotations_is_untouched():
    text = "临江市召开会议(记者 方晓)。" * 3
    out, omap, repairs = repair_pinyin_annotations(text)
    assert out is text and repairs == [] and omap(5) == 5


def test_pinyin_lost_character_recovered_from_reading_and_neighbours():
    text = PAGE + "臨(lín)江(jiāng)日?(bào)訊 5月6日"
    out, _, repairs = repair_pinyin_annotations(text)
    assert out.endswith("臨江日報訊 5月6日")
    assert [(r.kind, r.text) for r in repairs] == [("recovered", "報")]


def test_pinyin_undecidable_loss_is_marked_not_invented():
    text = PAGE + "臨(lín)江(jiāng)日?qǐng)?bào)訊"
    out, _, repairs = repair_pinyin_annotations(text)
    assert out.endswith("臨江日\ufffd報訊")
    assert [r.kind for r in repairs] == ["unrecoverable", "recovered"]


def test_pinyin_gbk_byte_shift_is_redecoded():
    # 燃氣等重點: lose the lead byte of 氣, decode the shifted rest as a broken page would show it
    raw = "氣等重點".encode("gbk")
    garbled = raw[1:-1].decode("gbk") + chr(raw[-1])  # e2b5 c8d6 d8fc + 'c'
    text = PAGE + f"聚焦消防、燃?xì){garbled}(diǎn)行(háng)業(yè)領域。"
    out, _, repairs = repair_pinyin_annotations(text)
    assert "燃氣等重點行業領域" in out and repairs[0].kind == "mojibake"


def test_pinyin_whole_clean_gives_simplified_text_and_raw_offsets():
    clean = clean_text(PAGE + "\n\n臨(lín)江(jiāng)日?(bào)訊 5月6日")
    assert clean.script == "traditional" and clean.text.startswith("临江市召开会议,记者报道。")
    assert clean.text.endswith("临江日报讯 5月6日")


def test_pinyin_lost_character_that_makes_several_words_takes_the_far_commonest():
    # 会?(yì): 会议 and 会意 are both words; 会议 is by far the commoner
    text = "市政府秘書長王剛出席會?(yì)。會(huì)上,討(tǎo)論氣(qì)氛十分熱(rè)烈。"
    assert clean_text(text).text == "市政府秘书长王刚出席会议。会上,讨论气氛十分热烈。"
