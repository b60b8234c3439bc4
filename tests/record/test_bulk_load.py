"""The bulk path (shards loaded set-wise: COPY on PostgreSQL, executemany on SQLite) stores the same record as
page-by-page inserts; kept Parquet shards load into another record, idempotently; a kill in the middle of
a load, then the same command again, gives the record of a row-by-row ingest."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import varied_inputs, write_page_set
from launch import run, start
from record_content import assert_same_content, record_content
from sqlalchemy import func, select, text

from yaowen.record import Record
from yaowen.record import schema as s
from yaowen.record.ingest import ingest_sources
from yaowen.record.shards import Shard, shard_folders


def _url(db_url: str, pg_server, tmp_path: Path, name: str) -> str:
    return str(tmp_path / f"{name}.db") if "://" not in db_url else pg_server.new_database()


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_bulk_load_stores_what_row_by_row_inserts_store_and_kept_shards_load_once(db_url, tmp_path, shared, pg_server):
    sources = varied_inputs(tmp_path, shared)
    rows = Record.open(_url(db_url, pg_server, tmp_path, "rows"))
    bulk = Record.open(_url(db_url, pg_server, tmp_path, "bulk"))
    want = ingest_sources(rows.engine, sources, row_by_row=True, batch=7)
    got = ingest_sources(bulk.engine, sources, batch=7, shards=tmp_path / "shards")
    assert got.stored == want.stored > 20 and got.articles == want.articles and got.failed == want.failed
    assert_same_content(bulk.engine, rows.engine)
    again = ingest_sources(bulk.engine, sources, batch=7)  # every page stored: nothing is loaded twice
    assert again.stored == 0 and again.skipped == want.stored
    assert_same_content(bulk.engine, rows.engine)

    folders = shard_folders(tmp_path / "shards")
    assert len(folders) == -(-want.stored // 7) and sum(len(Shard.read(f).shas) for f in folders) == want.stored
    assert all(f.name.split("-")[1].isdigit() for f in folders)  # named by run, sequence and hash range
    (tmp_path / "shards" / "x.partial-1").mkdir()  # a killed writer's leftover is never loaded
    other = Record.open(_url(db_url, pg_server, tmp_path, "other"))
    loaded = other.load_shards(tmp_path / "shards")
    assert loaded.stored == want.stored and loaded.skipped == 0
    assert loaded.articles == want.articles and loaded.rows_written > loaded.articles and loaded.seconds > 0
    assert_same_content(other.engine, rows.engine)
    again = other.load_shards(tmp_path / "shards")
    assert again.stored == 0 and again.skipped == want.stored
    assert_same_content(other.engine, rows.engine)


def _loading(rec: Record) -> bool:
    """Whether another connection is inside a bulk load right now (a COPY, or the pages' INSERT … SELECT)."""
    with rec.engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database() "
            "AND state = 'active' AND (query LIKE 'COPY %' OR query LIKE 'INSERT INTO % SELECT %' "
            "OR query LIKE 'CREATE TEMP TABLE%')")).scalar())


def test_a_kill_inside_a_bulk_load_then_a_rerun_gives_the_row_by_row_record(tmp_path, pg_server):
    write_page_set(tmp_path / "pages", 10, undated=2)
    clean = Record.open(pg_server.new_database())
    ingest_sources(clean.engine, [str(tmp_path / "pages")], row_by_row=True)
    inside = 0
    for cycle in range(3):
        url = pg_server.new_database()
        rec = Record.open(url)
        argv = ["ingest", str(tmp_path / "pages"), "--db", url, "--shards",
                str(tmp_path / f"shards{cycle}")]
        proc = start(argv, tmp_path / f"k{cycle}.log", 3)
        deadline, caught = time.monotonic() + 60, False
        while proc.is_alive() and not caught and time.monotonic() < deadline:
            caught = _loading(rec)  # polled nearly as fast as the server answers: a load takes milliseconds
            time.sleep(0.001)
        proc.kill()
        proc.join()
        with rec.engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(s.pages)).scalar()
        inside += caught and stored < 12
        assert run(argv, tmp_path / f"r{cycle}.log", 3) == 0, (tmp_path / f"r{cycle}.log").read_text()
        assert record_content(rec.engine)["pages"]
        assert_same_content(rec.engine, clean.engine)
        rec.close()
    assert inside >= 1


def test_a_damaged_shard_is_one_line_naming_its_file(tmp_path, capsys):
    from yaowen.cli import main

    damaged = tmp_path / "shards" / "0123456789ab-000001-aaaaaaaa-bbbbbbbb"
    damaged.mkdir(parents=True)
    (damaged / "pages.parquet").write_bytes(b"junk")
    with pytest.raises(SystemExit) as done:
        main(["load-shards", str(tmp_path / "shards"), "--db", str(tmp_path / "r.db")])
    err = capsys.readouterr().err
    assert done.value.code == 2 and len(err.strip().splitlines()) == 1
    assert str(damaged / "pages.parquet") in err and "Traceback" not in err


def _pending_index_pages(rec: Record) -> int:
    """Merges the search index's pending list; how many pages it held (0: none was left)."""
    with rec.engine.begin() as conn:
        return conn.execute(text("SELECT gin_clean_pending_list('ix_article_fts_tsv')")).scalar()


def test_search_index_entries_a_load_leaves_pending_are_merged_by_settle_also_after_a_kill(tmp_path, pg_server):
    from yaowen.record.batches import IngestReport
    from yaowen.record.bulk import load_folder
    from yaowen.record.pending import summary

    write_page_set(tmp_path / "pages", 12, undated=0)  # no page for settle to re-derive: the same articles
    first = Record.open(pg_server.new_database())
    ingest_sources(first.engine, [str(tmp_path / "pages")], shards=tmp_path / "shards")
    assert _pending_index_pages(first) == 0  # the ingest's settle merged them
    def found(rec: Record) -> list[tuple[int, list[tuple[str | None, float, str]]]]:
        results = [rec.search(q) for q in ("安全生产", "审计整改", "韩松涛 邱建国", "城镇燃气")]
        return [(r.total, [(h.headline, h.score, h.snippet) for h in r.hits]) for r in results]

    want = found(first)
    assert all(total for total, _ in want) and want[3][0] < want[0][0]

    for rerun in (False, True):  # loads whose command was killed before its global steps
        rec = Record.open(pg_server.new_database())
        loaded = IngestReport()
        load_folder(rec.engine, tmp_path / "shards", loaded)
        assert loaded.stored == 12 and loaded.articles >= 12 and loaded.rows_written > loaded.articles
        with rec.engine.connect() as conn:
            assert "search_index" in {r["kind"] for r in summary(conn)}
        assert found(rec) == want  # searches read the pending list through
        if not rerun:
            assert _pending_index_pages(rec) > 0  # what the load left pending, merged here by hand
            continue
        again = rec.load_shards(tmp_path / "shards")  # the same command again: nothing to load, settles
        assert again.stored == 0
        with rec.engine.connect() as conn:
            assert not summary(conn)
        assert _pending_index_pages(rec) == 0
        assert found(rec) == want
        assert_same_content(rec.engine, first.engine)


def test_a_shard_kept_by_another_version_is_one_line_naming_its_file_and_column(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from yaowen.record.shards import BadShard

    write_page_set(tmp_path / "pages", 2, undated=0)
    ingest_sources(Record.open(str(tmp_path / "r.db")).engine, [str(tmp_path / "pages")], shards=tmp_path / "shards")
    folder = shard_folders(tmp_path / "shards")[0]
    assert Shard.read(folder).shas
    articles = pq.read_table(folder / "articles.parquet")
    at = articles.schema.get_field_index("tsv")
    pq.write_table(articles.set_column(at, "tsv", pa.array(["'审计':1"] * len(articles))), folder / "articles.parquet")
    with pytest.raises(BadShard, match=r"articles\.parquet: column tsv is string, not binary"):
        Shard.read(folder)
