"""What the dashboard's tests share: a store seeded through the real CLI (seed articles, the
sample corpus and planted hostile articles), and a real uvicorn server on a free loopback port.

The seeded store is built once per test session (both web test modules use it) and the server
once per module. The hostile inputs carry script and markup payloads in every field an article
has (title, outlet, URL, text, quotes), so that any page that fails to escape them runs
``window.__pwned = 1``.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from typer.testing import CliRunner

from watchfloor.cli.main import app as cli
from watchfloor.config import reset_settings
from watchfloor.store import Store

from .conftest import EXAMPLES, SEEDS

PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1">'
PAYLOAD_SVG = '"><svg onload=window.__pwned=1>'
PAYLOAD_LINK = "javascript:window.__pwned=1"
HOSTILE_TITLE = f'Rutte in Pristina {PAYLOAD_SCRIPT} {PAYLOAD_IMG} "quoted"'

HOSTILE_TEXT = (
    f"NATO Secretary General Mark Rutte visited KFOR troops in Pristina on 12 March 2025 "
    f"{PAYLOAD_SCRIPT} and met Kosovo President Vjosa Osmani.\n\n"
    f"“We will stay {PAYLOAD_SCRIPT} as long as needed,” Rutte said, adding that the mission "
    f"has about 4,700 troops {PAYLOAD_IMG}.\n\n"
    f"A spokesperson said “the word \"safe\" {PAYLOAD_SVG} means what it says” and pointed to "
    f"<a href=\"{PAYLOAD_LINK}\">the statement</a> on the website.\n\n"
    f"Earlier, on 10 March 2025, Kosovo police arrested two men in Zvečan {PAYLOAD_IMG}, "
    f"Osmani said. </textarea></title><style>body{{display:none}}</style>"
)
HOSTILE_HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>KFOR {PAYLOAD_IMG.replace('<', '&lt;')} marks &lt;script&gt;window.__pwned=1&lt;/script&gt;</title>
<meta property="og:site_name" content="Evil &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; Wire">
<meta property="article:published_time" content="2025-03-13">
<link rel="canonical" href="{PAYLOAD_LINK}">
<script>window.__pwned = 1;</script>
</head><body>
<nav><a href="/">Home</a> <a href="{PAYLOAD_LINK}">News</a></nav>
<article><h1>KFOR &lt;script&gt;window.__pwned=1&lt;/script&gt; marks</h1>
<p>KFOR commander said on 13 March 2025 that &lt;img src=x onerror="window.__pwned=1"&gt; the
mission in Zvečan remained calm, and NATO Secretary General Mark Rutte agreed.</p>
<p>“Nothing &lt;svg onload=window.__pwned=1&gt; will change,” Rutte said in Pristina, where about
4,600 personnel <img src="x" onerror="window.__pwned=1"> serve with KFOR.</p>
<p><a href="{PAYLOAD_LINK}">Read more &lt;b&gt;bold&lt;/b&gt;</a></p>
</article>
<footer>About us</footer></body></html>
"""


def write_hostile_inputs(folder: Path) -> Path:
    """Two planted articles: a JSONL record (payloads kept verbatim in every field) and an HTML
    page (payloads as escaped text and as real tags that cleaning must drop)."""
    folder.mkdir(parents=True, exist_ok=True)
    record = {"title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "url": PAYLOAD_LINK,
              "outlet": f"Hostile {PAYLOAD_IMG} Wire", "author": PAYLOAD_SVG,
              "published": "2025-03-12"}
    (folder / "hostile.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    (folder / "hostile-page.html").write_text(HOSTILE_HTML, encoding="utf-8")
    return folder


@contextmanager
def clean_environment() -> Iterator[None]:
    """Shipped settings only (the autouse fixture is function-scoped; these stores are built
    for a whole module or session, before it runs)."""
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith("WATCHFLOOR_") and name != "WATCHFLOOR_TEST_PG_URL":
                patch.delenv(name)
        patch.setenv("WATCHFLOOR_CONFIG", "/nonexistent/watchfloor.toml")
        reset_settings()
        try:
            yield
        finally:
            reset_settings()


def ingest(db: str, *paths: Path) -> None:
    """Ingest through the real command line, as a user would."""
    with clean_environment():
        result = CliRunner().invoke(cli, ["--db", db, "ingest", "-q", *map(str, paths)])
    assert result.exit_code == 0, result.output


_SEEDED: dict[str, str] = {}
_LOCK = threading.Lock()


def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The path of the session's seeded SQLite store (built on first use)."""
    with _LOCK:
        if "db" not in _SEEDED:
            folder = tmp_path_factory.mktemp("web-store")
            hostile = write_hostile_inputs(folder / "hostile")
            inputs = [p for p in (SEEDS, EXAMPLES) if p.is_dir()] + [hostile]
            db = str(folder / "web.db")
            ingest(db, *inputs)
            _SEEDED["db"] = db
        return _SEEDED["db"]


def article_ids_by_source(db: str) -> dict[str, int]:
    """Article id by the file name (and record) it was read from."""
    with clean_environment(), Store(db) as store:
        return {Path(a.source.split("#")[0]).name + a.source.partition("#")[2]: a.id
                for a in store.iter_articles()}


class Server:
    """A real uvicorn server for the dashboard on a free 127.0.0.1 port, in a thread."""

    def __init__(self, db: str) -> None:
        from watchfloor.web import create_app

        with clean_environment():
            self.app = create_app(db)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, log_level="warning", access_log=False,
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    def start(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the dashboard server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@contextmanager
def running(db: str) -> Iterator[Server]:
    server = Server(db).start()
    try:
        yield server
    finally:
        server.stop()
