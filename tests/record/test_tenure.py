"""A page that shows no year is dated by when its officials held the posts it gives them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from yaowen.record import schema as s

DATED = "临江日报 {y}年{m}月{d}日\n\n# {headline}\n\n本报讯 {m}月{d}日，{body}\n"
UNDATED = "# {headline}\n\n本报讯 {m}月{d}日，{body}\n"


def _write(folder: Path, name: str, text: str) -> str:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_undated_page_gets_the_year_of_its_officials_tenure(record, tmp_path):
    pages = [
        _write(tmp_path, "d1", DATED.format(y=2020, m=2, d=10, headline="全市复工复产工作会议召开",
                                            body="全市复工复产工作会议召开。市委副书记、代理市长罗志刚主持会议。")),
        _write(tmp_path, "d2", DATED.format(y=2020, m=9, d=1, headline="罗志刚调研园区",
                                            body="市委副书记、代理市长罗志刚到高新区调研。")),
        _write(tmp_path, "d3", DATED.format(y=2022, m=5, d=6, headline="罗志刚调研企业",
                                            body="市委副书记、市长罗志刚到企业调研。")),
        _write(tmp_path, "undated", UNDATED.format(m=3, d=5, headline="全市防汛工作会议召开",
                                                   body="全市防汛工作会议召开。代理市长罗志刚主持会议并讲话。")),
        _write(tmp_path, "unknown", UNDATED.format(m=4, d=7, headline="全市植树活动举行",
                                                   body="全市植树活动举行。副市长严振华参加活动。")),
    ]
    record.ingest(pages)
    with record.engine.connect() as conn:
        rows = {r.source.rsplit("/", 1)[-1]: r for r in conn.execute(
            select(s.pages.c.source, s.pages.c.year, s.pages.c.issue_date_note))}
        dates = dict(conn.execute(select(s.articles.c.headline, s.articles.c.event_date)).all())
    assert rows["undated.txt"].year == 2020
    assert "罗志刚 代理市长 2020" in rows["undated.txt"].issue_date_note
    assert dates["全市防汛工作会议召开"] == "2020-03-05"
    assert rows["unknown.txt"].year is None  # nobody on it is dated elsewhere: no guess
    assert dates["全市植树活动举行"] is None


def test_tenures_that_share_no_single_year_date_nothing(record, tmp_path):
    pages = [
        _write(tmp_path, "d1", DATED.format(y=2020, m=2, d=10, headline="会议一", body="全市春耕生产工作会议召开，副市长严振华出席会议并讲话。")),
        _write(tmp_path, "d2", DATED.format(y=2021, m=2, d=10, headline="会议二", body="全市春耕生产工作会议召开，副市长严振华出席会议并讲话。")),
        _write(tmp_path, "u", UNDATED.format(m=3, d=5, headline="会议三", body="全市春耕生产工作会议召开，副市长严振华出席会议并讲话。")),
    ]
    record.ingest(pages)
    with record.engine.connect() as conn:
        years = [y for src, y in conn.execute(select(s.pages.c.source, s.pages.c.year)) if src.endswith("u.txt")]
    assert years == [None]  # 2020-2021: two candidate years
