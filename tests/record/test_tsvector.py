"""The bulk path's tsvector, built in binary form by Python, is the one PostgreSQL makes of the row-by-row
path's text: tokens in its order, at most 256 positions each, the headline weighted, positions past the
largest clipped."""

from __future__ import annotations

import psycopg

from yaowen.record.tsvector import TsvectorBytes, register_tsvector, tsvector_literal, tsvectors_binary

ARTICLES = [
    ("", ""),
    ("审计工作 ABC", "审计工作会议召开 abc ２０２３年 Ｘ"),
    ("发展", "发展改革" * 200 + " a1" * 300),  # tokens past 256 positions
    ("标题 标题", "发展" * 9000 + " 结尾 z"),  # 18,000 tokens: positions past 16,383 clipped to it
    ("", "单"),
]


def test_binary_tsvectors_are_what_postgresql_parses_of_the_literal(pg_server):
    with psycopg.connect(pg_server.new_database()) as conn:
        register_tsvector(conn)
        conn.execute("CREATE TEMP TABLE t (n integer, tsv tsvector)")
        with conn.cursor().copy("COPY t (n, tsv) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["int4", "tsvector"])
            for n, tsv in enumerate(tsvectors_binary(ARTICLES)):
                copy.write_row((n, TsvectorBytes(tsv)))
        got = conn.execute("SELECT tsv::text, length(tsv) FROM t ORDER BY n").fetchall()
        want = [conn.execute("SELECT CAST(%s AS tsvector)::text, length(CAST(%s AS tsvector))",
                             [tsvector_literal(h, b)] * 2).fetchone() for h, b in ARTICLES]
    assert got == want
    assert want[2][0].count(",") > 256 and "16383" in want[3][0] and want[0] == ("", 0)


def test_an_extraction_asked_for_the_search_index_brings_it_beside_an_unchanged_record():
    from pathlib import Path

    from yaowen.batch import Extraction
    from yaowen.read.inputs import iter_inputs
    from yaowen.record.tsvector import article_tsvectors

    page = next(iter(iter_inputs([str(Path(__file__).resolve().parents[2] / "examples" / "pages" /
                                      "02_standing_committee.txt")])))
    plain, indexed = Extraction()(page), Extraction(search_index=True)(page)
    assert plain.record == indexed.record and plain.tsvectors is None  # what extract --out writes is the same
    assert indexed.record is not None and len(indexed.record["articles"]) > 0
    assert indexed.tsvectors == article_tsvectors(indexed.record["articles"])
    assert len(indexed.tsvectors) == len(indexed.record["articles"])
