from yaowen.clean.forms import normalize_forms
from yaowen.clean.script import detect_script, to_simplified


def test_forms_full_width_folds_and_markdown_marks_go():
    text = "## 市委审计委员会举行第二次会议\n# 强化审计监督　服务发展\n**本报讯**（记者　方晓）５月６日，会议召开。  \n"
    out, omap, headings = normalize_forms(text)
    assert out.split("\n")[:3] == ["市委审计委员会举行第二次会议", "强化审计监督 服务发展", "本报讯(记者 方晓)5月6日,会议召开。"]
    assert headings == {0: 2, 1: 1}
    i = out.index("5月6日")
    assert text[omap(i)] == "５"


def test_forms_keep_cjk_punctuation_and_single_spaces():
    out, _, _ = normalize_forms("认清形势 严阵以待、“两个控制”《条例》。\t\t结束")
    assert out == "认清形势 严阵以待、“两个控制”《条例》。 结束"


def test_script_detects_traditional_only_when_it_is():
    assert detect_script("臨江市委書記主持召開會議,強調要做好審計整改工作。" * 3) == "traditional"
    assert detect_script("临江市委书记主持召开会议,强调要做好审计整改工作。著名的乾隆年间。" * 3) == "simplified"


def test_script_t2s_keeps_offsets():
    out, omap = to_simplified("臨江市委書記")
    assert out == "临江市委书记" and omap(3) == 3


def test_script_t2s_keeps_a_common_character_opencc_would_code_in_an_extension_plane():
    out, _ = to_simplified("臨江市副市長彭晛")
    assert out == "临江市副市长彭晛"
