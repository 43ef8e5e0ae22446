"""The dashboard's JSON API and pages over HTTP, against a real uvicorn server on a store seeded
through the CLI: every route, bad parameters and unknown ids (clear 4xx in one error shape,
never a 500), the OpenAPI description, security headers, escaping of hostile articles, the same
field names as the export, read-only behaviour, and a smoke test on PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from markupsafe import escape

from watchfloor.cli.main import app as cli

from .conftest import require_seeds
from .webserver import (
    PAYLOAD_LINK,
    PAYLOAD_SCRIPT,
    Server,
    article_ids_by_source,
    clean_environment,
    ingest,
    running,
    seeded_store,
)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return seeded_store(tmp_path_factory)


@pytest.fixture(scope="module")
def server(db: str) -> Iterator[Server]:
    with running(db) as srv:
        yield srv


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60, follow_redirects=False) as c:
        yield c


@pytest.fixture(scope="module")
def ids(db: str) -> dict[str, int]:
    return article_ids_by_source(db)


@pytest.fixture(scope="module")
def visit_story(client: httpx.Client, ids: dict[str, int]) -> int:
    """The story of seed 000 (Rutte's visit), or of the sample corpus' Sarajevo visit."""
    key = "000_148f37cfe05c3232.txt" if "000_148f37cfe05c3232.txt" in ids else \
        "sava-daily-rutte-sarajevo.html"
    story = client.get(f"/api/articles/{ids[key]}").json()["story_id"]
    assert isinstance(story, int)
    return story


def error_of(response: httpx.Response, status: int) -> dict[str, object]:
    """Assert the one error shape and return its body."""
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message"}
    assert error["status"] == status and error["code"] and error["message"]
    return error


# -- the API description ------------------------------------------------------------------------

API_ROUTES = ["/api/overview", "/api/stories", "/api/stories/{story_id}",
              "/api/stories/{story_id}/brief.{fmt}", "/api/articles", "/api/articles/{article_id}",
              "/api/entities", "/api/entities/{entity_id}", "/api/search", "/api/disagreements"]


def test_openapi_lists_every_route(client: httpx.Client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert set(API_ROUTES) <= set(spec["paths"])
    # Pages are not API routes; every API route is a GET that documents the error shape.
    assert not any(not p.startswith("/api/") for p in spec["paths"])
    for path in API_ROUTES:
        assert set(spec["paths"][path]) == {"get"}
        responses = spec["paths"][path]["get"]["responses"]
        assert {"400", "404"} <= set(responses)


# -- every route answers --------------------------------------------------------------------------

def test_overview(client: httpx.Client) -> None:
    data = client.get("/api/overview").json()
    assert data["totals"]["articles"] >= 10 and data["totals"]["stories"] >= 3
    assert data["latest_stories"] and data["most_covered_stories"]
    assert data["events_by_month"] and all(
        re.fullmatch(r"\d{4}-\d{2}", m) for series in data["events_by_month"].values()
        for m in series)
    assert data["disagreements"][0]["status"] == "conflict"
    assert all("figure" in f and "evidence" in f for f in data["disagreements"][0]["figures"])
    assert data["stale_articles"] and data["stale_articles"][0]["stale_reasons"]


def test_story_is_the_dossier(client: httpx.Client, visit_story: int) -> None:
    data = client.get(f"/api/stories/{visit_story}").json()
    assert data["story"]["id"] == visit_story and data["story"]["articles"]
    dossier = data["dossier"]
    for key in ("sources", "timeline", "undated", "actors", "links", "places", "quotes",
                "figures", "disagreements", "context", "trend"):
        assert key in dossier
    assert any(r["kind"] == "rewrite" for s in dossier["sources"] for r in s["relations"])
    assert any(a["ref"]["id"] == "mark-rutte" for a in dossier["actors"])
    assert all(c["sentence"] for d in dossier["timeline"] for c in d["statement"]["citations"])
    listing = client.get("/api/stories", params={"per_page": 100}).json()
    assert visit_story in {s["id"] for s in listing["items"]}
    assert listing["paging"]["total"] == len(listing["items"])


def test_article_is_the_export_record(client: httpx.Client, db: str, ids: dict[str, int],
                                      tmp_path: Path) -> None:
    """The API's article has every field of the export's, with the same values, plus its
    extractions in the export's shapes."""
    out = tmp_path / "export.json"
    from typer.testing import CliRunner

    with clean_environment():
        assert CliRunner().invoke(cli, ["--db", db, "export", "-o", str(out)]).exit_code == 0
    export = json.loads(out.read_text(encoding="utf-8"))
    article_id = ids["sava-daily-rutte-sarajevo.html"]
    exported = next(a for a in export["articles"] if a["id"] == article_id)
    served = client.get(f"/api/articles/{article_id}").json()
    assert {k: served[k] for k in exported} == exported
    for kind in ("mentions", "times", "quotes", "claims", "events"):
        expected = [r for r in export[kind] if (r.get("evidence") or {}).get("article_id")
                    == article_id]
        assert sorted(r["id"] for r in served[kind]) == sorted(r["id"] for r in expected)
        by_id = {r["id"]: r for r in served[kind]}
        for record in expected:
            assert {k: by_id[record["id"]][k] for k in record if k != "group_id"} == \
                {k: v for k, v in record.items() if k != "group_id"}
    kfor = next(e for e in export["entities"] if e["id"] == "kfor")
    entity = client.get("/api/entities/kfor").json()
    assert entity["entity"] == kfor


def test_entity(client: httpx.Client) -> None:
    data = client.get("/api/entities/mark-rutte").json()
    assert data["entity"]["type"] == "person" and data["entity"]["roles"]
    assert data["articles_by_month"] and data["mentions"]["items"]
    assert data["mentions"]["paging"]["total"] == data["entity"]["mention_count"]
    assert data["quotes_by"] and data["events"] and data["co_mentioned"] and data["stories"]
    assert all("Rutte" in m["sentence"] or "Rute" in m["sentence"]
               for m in data["mentions"]["items"])
    page2 = client.get("/api/entities/mark-rutte", params={"page": 2, "per_page": 5}).json()
    assert page2["mentions"]["paging"]["page"] == 2 and len(page2["mentions"]["items"]) == 5
    place = client.get("/api/entities/zvecan").json()
    assert place["entity"]["coordinates"] and place["events"]
    people = client.get("/api/entities", params={"type": "person", "per_page": 5}).json()
    assert len(people["items"]) == 5 and {e["type"] for e in people["items"]} == {"person"}


def test_search_and_filters(client: httpx.Client, ids: dict[str, int]) -> None:
    def search(**params: object) -> dict[str, object]:
        response = client.get("/api/search", params=params)
        assert response.status_code == 200, response.text
        return response.json()

    hits = search(q="Vucic")
    assert hits["items"] and all(h["snippet"] for h in hits["items"])
    total = hits["paging"]["total"]
    assert search(q="Вучић")["paging"]["total"] == total  # script folded
    serbian = search(language="sr")["items"]
    assert serbian and {h["language"] for h in serbian} == {"sr"}
    sava = search(q="Rutte", outlet="sava daily")["items"]
    assert [h["id"] for h in sava] == [ids["sava-daily-rutte-sarajevo.html"]]
    dated = search(q="KFOR", since="2025-03-01", until="2025-03-31")["items"]
    assert dated and all(h["published"] is None or "2025-03" in h["published"] for h in dated)
    attacks = search(event_type="assault")["items"]
    assert ids["frontier-daily-banjska-attack.txt"] in {h["id"] for h in attacks}
    rutte = search(entity="Rute")  # a spelling seen in the texts
    assert [e["id"] for e in rutte["entities"]] == ["mark-rutte"] and rutte["items"]
    nobody = search(entity="Nobody Atall")
    assert nobody["items"] == [] and nobody["notes"]
    beyond = search(q="KFOR", page=500)
    assert beyond["items"] == [] and beyond["paging"]["page"] == 500
    assert search(q='"(( AND NEAR( -"')["items"] == []  # operators are text
    listing = client.get("/api/articles", params={"per_page": 3}).json()
    assert len(listing["items"]) == 3 and listing["paging"]["total"] == len(ids)


def test_disagreements(client: httpx.Client) -> None:
    data = client.get("/api/disagreements", params={"subject": "KFOR"}).json()
    assert {d["status"] for d in data["items"]} >= {"conflict"}
    assert all(d["subject"] == "kfor" and len(d["figures"]) >= 2 for d in data["items"])
    conflicts = client.get("/api/disagreements", params={"status": "conflict"}).json()
    assert {d["status"] for d in conflicts["items"]} == {"conflict"}


# -- failures -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/api/search?page=0", "/api/search?page=-1", "/api/search?page=10001",
    "/api/search?page=99999999999999999999999", "/api/search?page=abc", "/api/search?per_page=0",
    "/api/search?per_page=1000", "/api/search?since=2025-13-01", "/api/search?until=yesterday",
    "/api/search?since=%00", "/api/search?event_type=NOTATYPE", "/api/articles?since=2025-02-30",
    "/api/entities?type=robot", "/api/entities?page=-5", "/api/disagreements?status=maybe",
    "/api/stories?per_page=-1", "/api/stories/abc", "/api/stories/-1", "/api/articles/1.5",
    "/api/articles/99999999999999999999999", "/api/entities/kfor?page=0",
])
def test_bad_parameters_are_400(client: httpx.Client, path: str) -> None:
    error = error_of(client.get(path), 400)
    assert error["code"] == "bad_parameter"


@pytest.mark.parametrize("path, message", [
    ("/api/stories/999999", "no story with id 999999"),
    ("/api/articles/999999", "no article with id 999999"),
    ("/api/entities/nobody-at-all", "no entity with id 'nobody-at-all'"),
    ("/api/entities/person:nobody", "no entity"),
    ("/api/stories/999999/brief.md", "no story with id 999999"),
    ("/api/stories/1/brief.docx", "no brief format"),
    ("/api/no-such-route", "no API route /api/no-such-route"),
    ("/api/", "no API route"),
])
def test_unknown_ids_and_routes_are_404(client: httpx.Client, path: str, message: str) -> None:
    error = error_of(client.get(path), 404)
    assert error["code"] == "not_found" and message in str(error["message"])


def test_head_is_get_without_a_body(client: httpx.Client) -> None:
    for path in ("/", "/api/overview", "/static/style.css"):
        head, get = client.head(path), client.get(path)
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]
        assert head.headers["content-security-policy"] == CSP


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_read_only_methods_are_refused(client: httpx.Client, method: str) -> None:
    error = error_of(client.request(method, "/api/search"), 405)
    assert "read-only" in str(error["message"])
    assert client.request(method, "/").status_code == 405


def test_pages_show_errors_as_pages(client: httpx.Client) -> None:
    for path, status, text in (("/story/999999", 404, "no story with id 999999"),
                               ("/article/999999", 404, "no article with id 999999"),
                               ("/entity/nobody-at-all", 404, "no entity"),
                               ("/nowhere", 404, "nothing at /nowhere"),
                               ("/search?since=not-a-date", 400, "is not a date"),
                               ("/search?page=0", 400, "page"),
                               ("/entities?type=robot", 400, "type")):
        response = client.get(path)
        assert response.status_code == status, path
        assert response.headers["content-type"].startswith("text/html")
        assert text in response.text and "<h1>" in response.text
        assert response.headers["content-security-policy"] == CSP


# -- pages --------------------------------------------------------------------------------------

def page_paths(ids: dict[str, int], story: int) -> list[str]:
    hostile = ids["hostile.jsonlline-1"]
    return ["/", "/stories", f"/story/{story}", "/entities", "/entities?type=place",
            "/entity/mark-rutte", "/entity/kfor", "/entity/zvecan", f"/article/{hostile}",
            f"/article/{ids['hostile-page.html']}", f"/article/{ids['sava-daily-rutte-sarajevo.html']}",
            "/search", "/search?q=pwned", "/search?q=KFOR&language=en&since=2025-01-01"
            "&until=2025-12-31&entity=KFOR&event_type=CONSULT", "/disagreements",
            "/disagreements?status=conflict&subject=KFOR"]


class _Audit(HTMLParser):
    """Everything in a page that could run script, load something or style inline."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.scripts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name == "style":
                self.problems.append(f"<{tag} style=>")
            if name in ("href", "src", "action", "xlink:href") and value is not None:
                self.links.append(value)
                if value.strip().lower().startswith(("javascript:", "data:text", "vbscript:")):
                    self.problems.append(f"<{tag} {name}={value[:40]}>")
        if tag == "script":
            self.scripts.append(values.get("src") or "(inline)")
        if tag in ("style", "iframe", "object", "embed", "base"):
            self.problems.append(f"<{tag}>")


def test_pages_render_escaped_with_headers(client: httpx.Client, ids: dict[str, int],
                                           visit_story: int) -> None:
    for path in page_paths(ids, visit_story):
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        assert response.headers["content-type"].startswith("text/html")
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        page = response.text
        assert "window.__pwned=1</script>" not in page, path
        assert 'onerror="window' not in page and "<svg onload" not in page, path
        audit = _Audit()
        audit.feed(page)
        assert audit.problems == [], (path, audit.problems)
        assert audit.scripts == ["/static/app.js"], path
        # Nothing loads from another host: every reference is local, except links out to an
        # article's own http(s) address, which only a click follows.
        external = [u for u in audit.links if not u.startswith(("/", "#", "?"))]
        assert all(u.startswith(("http://", "https://")) for u in external), (path, external)
    hostile = client.get(f"/article/{ids['hostile.jsonlline-1']}").text
    assert str(escape(PAYLOAD_SCRIPT)) in hostile
    assert PAYLOAD_LINK in hostile and f'href="{PAYLOAD_LINK}' not in hostile


def test_static_files_and_icon(client: httpx.Client) -> None:
    for path, kind in (("/static/style.css", "text/css"), ("/static/app.js", "javascript"),
                       ("/favicon.ico", "image/svg+xml")):
        response = client.get(path)
        assert response.status_code == 200 and kind in response.headers["content-type"]
        assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/../app.py").status_code == 404
    assert "url(http" not in client.get("/static/style.css").text
    assert "@import" not in client.get("/static/style.css").text


def test_brief_downloads(client: httpx.Client, visit_story: int) -> None:
    import pypdfium2

    for fmt, kind in (("md", "text/markdown"), ("html", "text/html"), ("pdf", "application/pdf")):
        for prefix in ("/story", "/api/stories"):
            response = client.get(f"{prefix}/{visit_story}/brief.{fmt}")
            assert response.status_code == 200, response.text[:300]
            assert response.headers["content-type"].startswith(kind)
            assert response.headers["content-disposition"] == (
                f'attachment; filename="watchfloor-story-{visit_story}.{fmt}"')
            if fmt == "pdf":
                assert response.content.startswith(b"%PDF")
                assert len(pypdfium2.PdfDocument(response.content)) >= 1
                break  # one PDF is enough: rendering takes a while
            assert "Rutte" in response.text


def test_the_server_never_writes(client: httpx.Client, db: str, ids: dict[str, int],
                                 visit_story: int) -> None:
    """After every page and API route, the export of the store is byte-for-byte the same."""
    from typer.testing import CliRunner

    def digest() -> str:
        out = Path(db).with_name("check-export.json")
        with clean_environment():
            assert CliRunner().invoke(cli, ["--db", db, "export", "-o", str(out)]).exit_code == 0
        return hashlib.sha256(out.read_bytes()).hexdigest()

    before = digest()
    for path in page_paths(ids, visit_story) + ["/api/overview", "/api/stories", "/api/search",
                                                 f"/api/stories/{visit_story}",
                                                 "/api/entities/kfor", "/api/disagreements"]:
        assert client.get(path).status_code == 200
    assert digest() == before


def test_concurrent_requests(server: Server, ids: dict[str, int], visit_story: int) -> None:
    """Sync routes run in a thread pool: the store must serve them side by side."""
    from concurrent.futures import ThreadPoolExecutor

    paths = page_paths(ids, visit_story) + ["/api/overview", f"/api/stories/{visit_story}",
                                             "/api/entities/kfor", "/api/search?q=KFOR"]

    def get(path: str) -> int:
        with httpx.Client(base_url=server.url, timeout=60) as c:
            return c.get(path).status_code

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(get, paths * 2))
    assert set(statuses) == {200}


def test_no_500_on_odd_input(client: httpx.Client) -> None:
    """Whatever is typed into the search box or an id, the answer is never a server error."""
    for q in ("", " ", "*", "-", '"', "((", "a" * 5000, "NEAR(a b)", "\x00", "🙂", "%",
              "'; DROP TABLE articles; --", "<script>alert(1)</script>"):
        for path in ("/api/search", "/search"):
            response = client.get(path, params={"q": q, "entity": q, "outlet": q})
            assert response.status_code < 500, (q, response.text[:200])
    for entity in ("%2F..%2F", "a/b", "kfor%00", "%E2%80%AE", "x" * 400):
        error_of(client.get(f"/api/entities/{entity}"), 404)
    # A client normalises "/api/entities/.." to "/api/"; whatever it asks, no server error.
    assert client.get("/api/entities/..").status_code < 500


# -- PostgreSQL ---------------------------------------------------------------------------------

def test_api_smoke_on_both_databases(db_url: str) -> None:
    """The routes that query in SQL of their own (search with every filter, coverage by month,
    quotes about an entity) on SQLite and on a real PostgreSQL server."""
    seeds = require_seeds()
    ingest(db_url, seeds)
    with running(db_url) as srv, httpx.Client(base_url=srv.url, timeout=60) as c:
        overview = c.get("/api/overview").json()
        assert overview["totals"]["articles"] == 5 and overview["events_by_month"]
        hits = c.get("/api/search", params={"q": "KFOR", "entity": "KFOR", "language": "en",
                                            "since": "2024-01-01", "until": "2025-12-31",
                                            "event_type": "CONSULT"}).json()
        assert hits["paging"]["total"] >= 1
        assert c.get("/api/search", params={"q": "kfor*", "outlet": "\x00"}).status_code == 200
        assert c.get("/api/search", params={"q": "kfor*"}).json()["items"]
        entity = c.get("/api/entities/mark-rutte").json()
        assert entity["articles_by_month"] and entity["mentions"]["items"]
        assert c.get("/api/entities/kfor").json()["quotes_about"] is not None
        assert c.get("/api/entities", params={"type": "organization"}).json()["items"]
        story = c.get("/api/stories/1").json()
        assert story["dossier"]["sources"]
        for page in ("/", "/story/1", "/entity/kfor", "/article/1", "/search?q=nato"):
            assert c.get(page).status_code == 200, page
        error_of(c.get("/api/articles/424242"), 404)
        error_of(c.get("/api/entities/kfor%00"), 404)
