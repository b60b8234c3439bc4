"""The global steps after an ingest work on what the new pages can change, and leave the record as the
whole-record steps would: a whole refresh and whole tenure dating afterwards change nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import write_page_set, write_pages
from record_content import record_content
from sqlalchemy import select

from yaowen.record import Record, ingest
from yaowen.record import pending as work
from yaowen.record import schema as s
from yaowen.record.people import refresh_people
from yaowen.record.tenure import years_by_tenure
from yaowen.record.txn import write

REPO = Path(__file__).resolve().parents[2]

@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_steps_on_the_new_pages_leave_what_the_whole_steps_would(db_url, tmp_path, shared):
    rec = Record.open(db_url)
    write_page_set(tmp_path / "a", 0, undated=2)  # undated pages no dated page can place yet
    rec.ingest([str(tmp_path / "a")], paper="临江日报")
    with rec.engine.connect() as conn:
        undated = conn.execute(select(s.pages.c.id).where(s.pages.c.year.is_(None))).scalars().all()
    write_pages(tmp_path / "b", 3, start=10)  # the same 市长 on more dated pages
    shutil.copytree(shared / "seeds", tmp_path / "c")
    for name in sorted((shared / "dev" / "raw").glob("d01*.txt"))[:4]:
        shutil.copy(name, tmp_path / "c" / name.name)
    for folder in ("b", "c"):
        rec.ingest([str(tmp_path / folder)])
        with rec.engine.connect() as conn:
            assert not conn.execute(select(s.pending_work)).all()
    incremental = record_content(rec.engine)

    def whole(conn) -> dict[int, tuple[int, str]]:
        refresh_people(conn)
        return years_by_tenure(conn)

    assert write(rec.engine, whole) == {}  # every page tenures can date is dated
    assert record_content(rec.engine) == incremental
    with rec.engine.connect() as conn:
        years = dict(conn.execute(select(s.pages.c.id, s.pages.c.year).where(s.pages.c.id.in_(undated))).all())
    assert undated and all(years[i] == 2023 for i in undated), years  # dated by the later pages' tenures


def test_a_page_stored_marks_the_steps_for_itself_not_the_whole_record(tmp_path, monkeypatch):
    rec = Record.open(str(tmp_path / "r.db"))
    write_pages(tmp_path / "p", 2)
    rec.ingest([str(tmp_path / "p")])
    write_pages(tmp_path / "q", 1, start=5)
    seen = {}

    def look(conn) -> None:  # noqa: ANN001 - the record as the steps find it
        seen.update(whole=work.whole(conn, work.PEOPLE),
                    pages=conn.execute(work.marked_pages(work.PEOPLE)).scalars().all())

    real = ingest.settle
    monkeypatch.setattr(ingest, "settle", lambda engine, **kw: (write(engine, look), real(engine, **kw)))
    ingest.ingest_sources(rec.engine, [str(tmp_path / "q")])
    with rec.engine.connect() as conn:
        newest = conn.execute(select(s.pages.c.id).order_by(s.pages.c.id.desc()).limit(1)).scalar()
    assert seen == {"whole": False, "pages": [newest]}


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_a_full_name_printed_later_takes_in_the_given_name_printed_before(db_url, tmp_path):
    """An ingest's refresh looks at every row of a given name again (a page printing the full name with
    the same post makes the earlier pages' 群策 邓群策), and at the new pages' rows of any other name."""
    rec = Record.open(db_url)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "a.txt").write_text("临江日报\n2023年3月1日\n群策调研园区\n市委书记群策到园区调研，"
                                          "市长韩松涛陪同。\n", encoding="utf-8")
    rec.ingest([str(tmp_path / "a")])
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "b.txt").write_text("临江日报\n2023年3月9日\n市委常委会召开\n市委常委会召开会议。市委书记"
                                          "邓群策主持会议，市长韩松涛出席。\n", encoding="utf-8")
    rec.ingest([str(tmp_path / "b")])
    incremental = record_content(rec.engine)
    with rec.engine.connect() as conn:
        people = dict(conn.execute(select(s.people.c.name, s.people.c.mentions)).all())
        persons = dict(conn.execute(select(s.mentions.c.name, s.mentions.c.person_id).distinct()).all())
    assert persons["群策"] == persons["邓群策"] and "群策" not in people, people
    assert people["邓群策"] == 2 and people["韩松涛"] == 2, people
    write(rec.engine, refresh_people)
    assert record_content(rec.engine) == incremental
