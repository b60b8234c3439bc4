"""The ``serve`` command: the web interface and JSON API over a record, with uvicorn."""

from __future__ import annotations

import errno
import os
import socket
from typing import Annotated

import typer
from rich.text import Text

from . import validate
from .cli import app, err_console, fail
from .cli_record import DbOption, _open, checked


def check_port_free(host: str, port: int) -> None:
    """End in one line if the server could not listen there (in use, no such address, not allowed), rather
    than announce a server that never answers."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        fail(f"--host {host}: no such address ({e.strerror})")
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as e:
            reason = "in use by another program" if e.errno == errno.EADDRINUSE else (e.strerror or str(e))
            fail(f"cannot listen on {host}:{port}: {reason} (choose another with --port)")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on. The default serves this machine only; "
                                           "0.0.0.0 opens it to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes (each opens the record); about one per core.")] = 1,
    threads: Annotated[int, typer.Option(help="Threads per process that run requests (CPU work under one "
                                              "GIL: a few do better than many).")] = 4,
    token: Annotated[str | None, typer.Option(envvar="YAOWEN_TOKEN", show_envvar=True,
                                              help="Enables the API's write routes for requests that send "
                                                   "'Authorization: Bearer TOKEN'. Without it nothing writes.")] = None,
) -> None:
    """Serve the web interface and JSON API (/api/v1/, schema at /openapi.json) over the record."""
    import uvicorn

    from .web import create_app

    checked(validate.port, port)
    if not 1 <= workers <= 64 or not 1 <= threads <= 256:
        fail("--workers is 1 to 64 and --threads 1 to 256")
    os.environ["YAOWEN_THREADS"] = str(threads)
    rec = _open(db)  # fail here, in one line, if the record cannot be opened
    check_port_free(host, port)
    err_console.print(Text(f"yaowen: serving {rec.url} on http://{host}:{port}/"
                           f"{'' if token else ' (read-only: no --token)'}", style="green"), soft_wrap=True)
    if workers > 1:
        rec.close()
        os.environ["YAOWEN_DB"] = db or os.environ.get("YAOWEN_DB") or "yaowen.db"
        if token:
            os.environ["YAOWEN_TOKEN"] = token
        uvicorn.run("yaowen.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning")
    else:
        uvicorn.run(create_app(rec, token), host=host, port=port, log_level="warning")
