"""The dashboard in a real headless Chromium (Playwright driving /usr/bin/chromium), against a
real uvicorn server on a seeded store: an analyst's path from the overview to a story, an
article, an entity and search, with a brief downloaded; planted script and markup payloads that
must run nothing; no request leaving 127.0.0.1; and screenshots of every page at a laptop and a
phone size (written to ``$WATCHFLOOR_SCREENSHOTS`` or a temporary folder, printed at the end).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from .conftest import IN_CI
from .webserver import PAYLOAD_SCRIPT, Server, article_ids_by_source, running, seeded_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SIZES = {"laptop": (1366, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is required in CI for the browser tests")
        pytest.skip(f"{CHROMIUM} not found: the browser tests need Debian's chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - the test extra installs it
        if IN_CI:
            pytest.fail(f"playwright is required in CI: {exc}")
        pytest.skip(f"playwright not installed: {exc}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running(seeded_store(tmp_path_factory)) as srv:
        yield srv


@pytest.fixture(scope="module")
def ids(server: Server, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    return article_ids_by_source(seeded_store(tmp_path_factory))


@pytest.fixture(scope="module")
def story_id(server: Server, ids: dict[str, int]) -> int:
    key = "000_148f37cfe05c3232.txt" if "000_148f37cfe05c3232.txt" in ids else \
        "sava-daily-rutte-sarajevo.html"
    found = httpx.get(f"{server.url}/api/articles/{ids[key]}").json()["story_id"]
    assert isinstance(found, int)
    return found


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """Where screenshots go; the path is printed when the module ends."""
    chosen = os.environ.get("WATCHFLOOR_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")

    def report() -> None:
        count = len(list(folder.glob("*.png")))
        line = f"dashboard screenshots ({count}): {folder}"
        if reporter is not None:
            reporter.write_line(line)
        else:  # pragma: no cover
            print(line)

    request.addfinalizer(report)
    return folder


@dataclass
class Watch:
    """What a browser context did: every request, dialog, page error and console error."""

    base: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def local(self, url: str) -> bool:
        return url.startswith(self.base + "/") or url == self.base or url.startswith(
            ("data:", "about:blank"))

    def check(self) -> None:
        assert self.blocked == [], f"requests left 127.0.0.1: {self.blocked}"
        assert all(self.local(u) for u in self.requests), self.requests
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"
        assert self.errors == [], f"errors in the page: {self.errors}"


@pytest.fixture
def open_page(browser: Any, server: Server) -> Iterator[Any]:
    """``open_page(size) -> (page, watch)``: a fresh context that records and blocks any
    request to another host, and fails the test on a dialog, a script error or a CSP report."""
    contexts: list[tuple[Any, Watch]] = []

    def make(size: str = "laptop") -> tuple[Any, Watch]:
        width, height = SIZES[size]
        context = browser.new_context(viewport={"width": width, "height": height},
                                      accept_downloads=True, java_script_enabled=True)
        watch = Watch(server.url)

        def route(r: Any) -> None:
            url = r.request.url
            watch.requests.append(url)
            if watch.local(url):
                r.continue_()
            else:
                watch.blocked.append(url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", lambda d: (watch.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: watch.errors.append(f"pageerror: {e}"))
        page.on("console", lambda m: watch.errors.append(f"console {m.type}: {m.text}")
                if m.type == "error" else None)
        contexts.append((context, watch))
        return page, watch

    yield make
    for context, watch in contexts:
        context.close()
        watch.check()


def shoot(page: Any, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5000
    return path


# -- the analyst's path ---------------------------------------------------------------------------

def test_overview_story_article_entity_search_and_a_brief(open_page: Any, server: Server,
                                                          story_id: int, shots: Path) -> None:
    page, watch = open_page("laptop")
    page.goto(server.url + "/")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator(".graphic svg").count() >= 1  # the events chart
    # overview → story
    page.locator(f'a[href="/story/{story_id}"]').first.click()
    page.wait_for_url(f"**/story/{story_id}")
    title = page.locator("h1").inner_text()
    assert "Rutte" in title or "NATO" in title
    for heading in ("Summary", "Timeline", "Places", "Actors", "Who said what", "Figures",
                    "Disagreements", "Sources"):
        assert page.get_by_role("heading", name=heading, exact=True).count() == 1, heading
    assert page.locator("table.sources .badge-rewrite, table.sources .badge-near-copy").count()
    # evidence unfolds on click
    evidence = page.locator("details.ev").first
    evidence.locator("summary").click()
    assert evidence.get_attribute("open") is not None
    # the brief downloads
    with page.expect_download() as pdf_info:
        page.get_by_role("link", name="PDF", exact=True).click()
    pdf = pdf_info.value
    assert pdf.suggested_filename == f"watchfloor-story-{story_id}.pdf"
    data = Path(pdf.path()).read_bytes()
    assert data.startswith(b"%PDF")
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    assert len(document) >= 1
    document[0].render(scale=1).to_pil().save(shots / "brief-page-1.png")
    with page.expect_download() as md_info:
        page.get_by_role("link", name="Markdown", exact=True).click()
    markdown = Path(md_info.value.path()).read_text(encoding="utf-8")
    assert md_info.value.suggested_filename.endswith(".md") and "Rutte" in markdown
    # story → article
    page.locator('table.sources a[href^="/article/"]').first.click()
    page.wait_for_url("**/article/*")
    marks = page.locator(".article-text mark.m-entity")
    assert marks.count() > 0
    # the highlight layers switch off and on without script
    before = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    page.locator('label[for="layer-entity"]').click()
    after = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert before != after and after in ("rgba(0, 0, 0, 0)", "transparent")
    page.locator('label[for="layer-entity"]').click()
    # article → entity
    link = page.locator(".article-text mark.m-entity a").first
    name = link.inner_text()
    link.click()
    page.wait_for_url("**/entity/*")
    assert page.get_by_role("heading", name="Profile").count() == 1
    assert page.locator("h1").inner_text().strip()
    assert name  # the entity is reached through its mention
    # entity → search, from the box on every page
    page.locator(".top-search input[type=search]").fill("KFOR")
    page.locator(".top-search input[type=search]").press("Enter")
    page.wait_for_url("**/search?q=KFOR*")
    results = page.locator("ol.results > li")
    assert results.count() > 0
    assert page.locator("ol.results mark.m-match").count() > 0
    # filters narrow it, and a filter that matches nothing says so
    page.locator('select[name="language"]').select_option("en")
    page.locator('input[name="since"]').fill("2025-03-01")
    page.locator(".search-form button[type=submit]").click()
    page.wait_for_url("**since=2025-03-01*")
    narrowed = page.locator("ol.results > li .meta").all_inner_texts()
    assert all(m.endswith(" en") for m in narrowed), narrowed
    page.locator('select[name="event_type"]').select_option("SANCTION")
    page.locator('input[name="entity"]').fill("Nobody Atall")
    page.locator(".search-form button[type=submit]").click()
    page.wait_for_url("**event_type=SANCTION*")
    assert "no entity named" in page.locator("main").inner_text()
    watch.check()


# -- hostile content ------------------------------------------------------------------------------

def test_planted_payloads_execute_nothing(open_page: Any, server: Server,
                                          ids: dict[str, int]) -> None:
    hostile, page_html = ids["hostile.jsonlline-1"], ids["hostile-page.html"]
    story = httpx.get(f"{server.url}/api/articles/{hostile}").json()["story_id"]
    page, watch = open_page("laptop")
    paths = [f"/article/{hostile}", f"/article/{page_html}", "/", "/search?q=pwned",
             "/search?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E", "/entity/mark-rutte",
             "/entity/zvecan", "/disagreements", "/search?outlet=Hostile", "/stories"]
    if story is not None:
        paths.append(f"/story/{story}")
    for path in paths:
        page.goto(server.url + path)
        page.wait_for_load_state("load")
        state = page.evaluate("""() => ({
            pwned: typeof window.__pwned,
            handlers: document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover]').length,
            scripts: [...document.scripts].map(s => s.src || 'inline'),
            images: document.querySelectorAll('main img, main iframe, main object, main embed').length,
            jsLinks: [...document.querySelectorAll('a[href]')].filter(
                a => (a.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript:')).length,
            styles: document.querySelectorAll('main style, [style]').length,
            hidden: getComputedStyle(document.body).display,
        })""")
        assert state["pwned"] == "undefined", path
        assert state["handlers"] == 0 and state["images"] == 0 and state["jsLinks"] == 0, path
        assert state["scripts"] == [server.url + "/static/app.js"], (path, state["scripts"])
        assert state["styles"] == 0 and state["hidden"] != "none", path
    # The payloads are there, as text.
    page.goto(f"{server.url}/article/{hostile}")
    text = page.locator(".article-text").inner_text()
    assert PAYLOAD_SCRIPT in text and 'onerror="window.__pwned=1"' in text
    assert "<script>" in page.title()
    assert "javascript:window.__pwned=1" in page.locator("table.meta-table").inner_text()
    # Hovering and clicking highlights runs nothing either.
    for mark in page.locator(".article-text mark").all()[:6]:
        mark.hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    watch.check()


# -- screenshots ---------------------------------------------------------------------------------

@pytest.mark.parametrize("size", list(SIZES))
def test_screenshots_of_every_page(open_page: Any, server: Server, ids: dict[str, int],
                                   story_id: int, shots: Path, size: str) -> None:
    page, watch = open_page(size)
    width = SIZES[size][0]
    views = {
        "overview": "/",
        "story": f"/story/{story_id}",
        "article": f"/article/{ids['sava-daily-rutte-sarajevo.html']}",
        "article-hostile": f"/article/{ids['hostile.jsonlline-1']}",
        "entity": "/entity/mark-rutte",
        "entity-place": "/entity/zvecan",
        "search": "/search?q=KFOR",
        "stories": "/stories",
        "entities": "/entities",
        "error": "/story/999999",
    }
    for name, path in views.items():
        response = page.goto(server.url + path)
        assert response is not None
        assert response.status == (404 if name == "error" else 200), path
        if name == "error":  # the browser logs the 404 of the page itself: expected here
            watch.errors = [e for e in watch.errors if "status of 404" not in e]
        layout = page.evaluate("""() => ({
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            font: parseFloat(getComputedStyle(document.querySelector('main')).fontSize),
            emptyCards: [...document.querySelectorAll('section.card')].filter(c => {
                const head = c.querySelector('h2');
                const rest = c.innerText.replace(head ? head.innerText : '', '').trim();
                return rest.length === 0;
            }).map(c => (c.querySelector('h2') || {}).innerText),
            wideTables: [...document.querySelectorAll('table')].filter(
                t => !t.closest('.table-wrap') && t.scrollWidth > t.parentElement.clientWidth + 1
            ).length,
        })""")
        # Nothing widens the page: wide tables and graphics scroll inside their own box.
        assert layout["overflow"] <= 1, (size, path, layout)
        assert layout["font"] >= 13, (size, path, layout)
        # A section with nothing to show says so rather than staying blank.
        assert layout["emptyCards"] == [], (size, path, layout)
        assert layout["wideTables"] == 0, (size, path, layout)
        shoot(page, shots, f"{name}-{size}-{width}")
    names = {p.name for p in shots.glob(f"*-{size}-*.png")}
    assert len(names) == len(views)
    watch.check()


def test_keyboard_shortcut_and_anchor_links(open_page: Any, server: Server,
                                            ids: dict[str, int]) -> None:
    """The optional script: "/" focuses the search box; a link to a fact lands on it."""
    page, watch = open_page("laptop")
    article = ids["sava-daily-rutte-sarajevo.html"]
    page.goto(f"{server.url}/article/{article}")
    page.locator("h1").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"
    anchor = page.locator(".article-text mark[id^='q-']").first
    if anchor.count():
        target = anchor.get_attribute("id")
        page.goto(f"{server.url}/article/{article}#{target}")
        assert page.evaluate("location.hash") == f"#{target}"
        assert re.match(r"q-\d+", target or "")
    watch.check()
