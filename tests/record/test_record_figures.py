"""Figures grouped by what they measure, across pages (on SQLite and PostgreSQL)."""

from __future__ import annotations

from helpers import write_pages

from yaowen.record.listings import figure_measures


def test_the_same_measure_on_several_pages_is_one_group(record, tmp_path):
    record.ingest([str(p) for p in write_pages(tmp_path / "pages", 3)], paper="临江日报")
    with record.engine.connect() as conn:
        groups = figure_measures(conn)
    [top] = [g for g in groups if g["unit"] == "家"]
    assert (top["figures"], top["articles"]) == (3, 3) and groups[0]["figures"] == 3  # most reported first
    assert "排查企业" in top["measure"]
    assert (top["min_value"], top["max_value"], top["latest_value"]) == (100, 102, 102)  # the latest page: 2023-03-03
