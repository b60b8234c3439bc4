"""Who is who: one person per name within a paper, hand corrections, post timelines, organ names."""

from __future__ import annotations

from pathlib import Path

import pytest

from yaowen.record.organs import organ_canon, split_post
from yaowen.record.people import given_name_aliases

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pages"

PAGE = """临江日报 {date}

# {headline}

本报讯 {md}，{body}
"""


def _page(folder: Path, name: str, date: str, headline: str, body: str) -> str:
    y, m, d = date.split("-")
    path = folder / f"{name}.txt"
    text = PAGE.format(date=f"{y}年{int(m)}月{int(d)}日", headline=headline, md=f"{int(m)}月{int(d)}日", body=body)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_split_post_and_organ_canon():
    assert split_post("市工信局局长") == ("市工信局", "局长")
    assert split_post("市长") == ("", "市长")
    fulls = {"临江市工业和信息化局", "临江市公安局", "临江市发展和改革委员会"}
    assert organ_canon({"市工信局", "市公安局", "市发改委", "市财政局"}, fulls) == {
        "市工信局": "临江市工业和信息化局", "市公安局": "临江市公安局", "市发改委": "临江市发展和改革委员会",
    }


def test_given_name_stands_for_the_one_full_name_with_a_shared_post():
    posts = {"邓群策": {"市委书记"}, "群策": {"市委书记"}, "王群策": {"县长"}, "建国": {"村支书"}}
    assert given_name_aliases(posts) == {"群策": "邓群策"}
    assert given_name_aliases({"邓群策": {"市委书记"}, "群策": {"市长"}}) == {}


def test_timeline_orders_posts_and_merges_organ_short_forms(record, tmp_path):
    pages = [
        _page(tmp_path, "p1", "2021-03-02", "临江市工业和信息化局召开会议",
              "临江市工业和信息化局召开全市工业经济运行调度会。市工信局局长罗志刚主持会议。"),
        _page(tmp_path, "p2", "2022-05-06", "全市工业经济调度会召开",
              "全市工业经济调度会召开。临江市工业和信息化局局长罗志刚出席会议并讲话。"),
        _page(tmp_path, "p3", "2023-07-08", "副市长罗志刚调研园区",
              "副市长罗志刚到高新区调研园区建设。他强调，要抓好项目建设。"),
    ]
    record.ingest(pages, paper="临江日报")
    [person] = record.person("罗志刚")
    timeline = [(t["post"], t["first_seen"], t["last_seen"]) for t in person["timeline"]]
    assert timeline == [("临江市工业和信息化局局长", "2021-03-02", "2022-05-06"),
                        ("副市长", "2023-07-08", "2023-07-08")]
    assert person["mentions"] == 3 and person["first_seen"] == "2021-03-02"
    assert [m["role"] for m in person["meetings"]].count("chair") >= 1


def test_hand_merge_and_split(record, tmp_path):
    pages = [
        _page(tmp_path, "a", "2022-01-05", "市委常委会召开", "市委常委会召开会议。市委书记邓群策主持会议。"),
        _page(tmp_path, "b", "2022-02-05", "群策调研", "市委书记群策到园区调研。"),
        _page(tmp_path, "c", "2022-03-05", "王伟出席会议", "全市农业工作会议召开。副市长王伟出席会议。"),
        _page(tmp_path, "d", "2022-04-05", "村里的新变化", "石门村党支部书记王伟介绍，村里新修了道路。"),
    ]
    record.ingest(pages, paper="临江日报")
    # the given name 群策 shares 市委书记 with 邓群策 only: one person without any rule
    assert [p["key"] for p in record.person("邓群策")] == ["邓群策"]
    assert record.person("群策") == []
    assert record.person("邓群策")[0]["mentions"] == 2
    assert len(record.person("王伟")) == 1

    record.add_rule("split", "王伟", "村党支部书记")
    keys = sorted(p["key"] for p in record.person("王伟"))
    assert keys == ["王伟", "王伟#村党支部书记"]
    village = next(p for p in record.person("王伟") if p["key"].endswith("书记"))
    assert [t["post"] for t in village["timeline"]] == ["石门村党支部书记"]

    with pytest.raises(ValueError, match="no one named 王伟#村党支部书记 in the record"):
        record.add_rule("merge", "王伟#村党支部书记", "王伟")  # rules act on names, not keys: refused
    with pytest.raises(ValueError, match="no one named 张三 in the record"):
        record.add_rule("merge", "张三", "王伟")
    with pytest.raises(ValueError, match="no one named 李四 in the record to merge 王伟 into"):
        record.add_rule("merge", "王伟", "李四")
    with pytest.raises(ValueError, match="no mention of 王伟 has a post containing 局长"):
        record.add_rule("split", "王伟", "局长")
    with pytest.raises(ValueError, match="no one named 王伟 in the record in 临江晚报"):
        record.add_rule("split", "王伟", "村党支部书记", paper="临江晚报")
    assert len(record.person("王伟")) == 2
    assert len(record.rules()) == 1  # nothing stored by the refused rules
    [rule] = [r for r in record.rules() if r["kind"] == "split"]
    assert record.remove_rule(rule["id"])
    assert len(record.person("王伟")) == 1


def test_people_listing_and_meetings(record):
    record.ingest([str(EXAMPLES)])
    people = record.people(limit=5)
    assert people == sorted(people, key=lambda p: -p["mentions"])
    assert all(p["latest_post"] is None or isinstance(p["latest_post"], str) for p in people)
    assert record.people(name="明远")[0]["name"] == "欧阳明远"
    meetings = record.meetings(limit=100)
    assert meetings and all({"chairs", "attendees", "approved"} <= set(m) for m in meetings)
    assert any(m["approved"] for m in meetings)
    body = meetings[0]["body"]
    assert all(m["body"] == body for m in record.meetings(body=body))
    chaired = record.meetings(person="欧阳明远")
    assert chaired and all("欧阳明远" in m["chairs"] + m["attendees"] for m in chaired)
