"""A throw-away PostgreSQL server for the tests: Debian's binaries, a temporary data directory, a Unix socket.

``.ci/run`` installs the ``postgresql`` package; this starts a private cluster from it (as the ``postgres``
user when the tests run as root, since PostgreSQL refuses to run as root) and stops it at the end.
``YAOWEN_TEST_PG`` (a ``postgresql://`` URL of a server to use instead) skips all of that.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).resolve().parent if which else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self) -> None:
        self.bindir = _bindir()
        self.dir: Path | None = None
        self.port = _free_port()
        self.external = os.environ.get("YAOWEN_TEST_PG")

    @property
    def available(self) -> bool:
        return bool(self.external) or self.bindir is not None

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)

    def start(self) -> None:
        if self.external:
            return
        assert self.bindir is not None
        self.dir = Path(tempfile.mkdtemp(prefix="yaowen-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        data = self.dir / "data"
        self._run(str(self.bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        opts = f"-k {self.dir} -c listen_addresses='' -p {self.port} -c fsync=off -c full_page_writes=off"
        self._run(str(self.bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(self.dir / "log"), "-w",
                  "start")

    def stop(self) -> None:
        if self.external or self.dir is None:
            return
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def admin_url(self, dbname: str = "postgres") -> str:
        if self.external:
            base = self.external.rsplit("/", 1)[0]
            return f"{base}/{dbname}"
        return f"postgresql://postgres@/{dbname}?host={self.dir}&port={self.port}"

    def new_database(self) -> str:
        """A fresh, empty database for one test; its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.admin_url().replace("postgresql://", "postgresql://", 1), autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return self.admin_url(name)
