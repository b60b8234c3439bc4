"""Imported once by the test fork server (launch.py): Yaowen's modules and what they load on first use (the
lexicons and name model of the extractors, the command line's argument parsing, the migrations), so that
every forked command starts warm instead of paying seconds of imports each time."""

import contextlib
import io
import tempfile
from pathlib import Path

from yaowen.cli import main
from yaowen.pipeline import process_page
from yaowen.read import read_bytes
from yaowen.record import Record

_PAGE = "临江日报 2023年3月1日 星期三\n\n# 临江召开安全生产工作会议\n\n本报讯（记者 苏晴）3月1日，全市安全生产工作会议召开。市委副书记、市长韩松涛主持会议并讲话。\n"
process_page(read_bytes(_PAGE.encode(), "warm.txt", None, None))
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main(["version"])
with tempfile.TemporaryDirectory() as tmp:
    Record.open(str(Path(tmp) / "warm.db")).close()
