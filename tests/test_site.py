"""The generated dataset pages of the documentation site, opened in a real headless browser.

The site is the one the test command has just built (``ITU_GOVERNANCE_SITE`` names it), or,
run on its own, a strict build into a temporary folder. It is served on 127.0.0.1 from a
thread and driven in Debian's Chromium through Playwright; every request to another host is
refused and counts as a failure, so the pages must work offline.
"""

from __future__ import annotations

import functools
import html
import http.server
import importlib.util
import os
import re
import subprocess
import sys
import threading
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import itu_governance as itu

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
INSTALL = (
    f"the site tests drive headless Chromium, and {CHROMIUM} is missing: install Debian's packages with "
    "'apt-get update && apt-get install -y chromium chromium-driver' (the CI script does this itself)"
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        """Serve without printing a line per request."""


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = os.environ.get("ITU_GOVERNANCE_SITE")
    if built:
        path = Path(built)
        assert (path / "dataset" / "index.html").exists(), f"{path} holds no built site with the dataset pages"
        return path
    path = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(path)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


class Browser:
    """One headless Chromium with a fresh profile; records what went wrong on each page."""

    def __init__(self, context: Any, base: str) -> None:
        self.context = context
        self.base = base
        self.problems: list[str] = []
        context.route("**/*", self._only_local)

    def _only_local(self, route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.problems.append(f"request to another host: {route.request.url}")
            route.abort()

    def new_page(self) -> Any:
        """A tab whose console errors, script errors, failed requests and HTTP errors are recorded."""
        page = self.context.new_page()

        def note(what: str, *, when: bool = True) -> None:
            if when:
                self.problems.append(f"{urlsplit(page.url).path}: {what}")

        page.on("console", lambda msg: note(f"console: {msg.text}", when=msg.type == "error"))
        page.on("pageerror", lambda error: note(f"page error: {error}"))
        # A request cancelled by the next navigation fails with ERR_ABORTED: that is the test
        # moving on, not the page failing. Requests refused as off-site are recorded by the route.
        page.on(
            "requestfailed",
            lambda req: note(f"failed: {req.url} {req.failure}", when="ERR_ABORTED" not in (req.failure or "")),
        )
        page.on("response", lambda res: note(f"HTTP {res.status}: {res.url}", when=res.status >= 400))
        return page

    def open(self, path: str, page: Any = None) -> Any:
        """Open a page of the site (in a new tab, or in ``page``); wait until its Mermaid diagrams are drawn."""
        page = page or self.new_page()
        page.goto(self.base + path, wait_until="load")
        page.wait_for_function("document.querySelectorAll('pre.mermaid').length === 0", timeout=TIMEOUT_MS)
        return page


@pytest.fixture(scope="session")
def browser(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(INSTALL)
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 (only the browser tests need it)
    except ImportError:
        pytest.fail("the site tests need Playwright for Python: pip install --group test")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            chromium_sandbox=False,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield Browser(context, server)
        finally:
            context.close()


def shadow_svgs(page: Any) -> list[str]:
    """The outer HTML of every SVG drawn inside a shadow root, closed ones included.

    Material draws each Mermaid diagram into a closed shadow root, which page scripts cannot
    enter; the DevTools protocol can.
    """
    session = page.context.new_cdp_session(page)
    root = session.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    found: list[int] = []

    def walk(node: dict[str, Any], in_shadow: bool) -> None:  # noqa: FBT001
        if in_shadow and node.get("localName") == "svg":
            found.append(node["nodeId"])
            return
        for child in node.get("children", []):
            walk(child, in_shadow)
        for shadow in node.get("shadowRoots", []):
            walk(shadow, in_shadow=True)

    walk(root, in_shadow=False)
    return [session.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"] for node in found]


def test_the_lineage_diagram_of_1344_renders_with_1336(browser: Browser) -> None:
    page = browser.open("dataset/council/res/1344/")
    svgs = shadow_svgs(page)
    assert len(svgs) == 1, f"expected one rendered lineage diagram, found {len(svgs)}"
    assert "Council Resolution 1344 (Modified 2015)" in svgs[0]
    assert "1336" in svgs[0]
    assert "Syntax error" not in svgs[0]
    assert browser.problems == []


def test_search_finds_cwg_internet(browser: Browser) -> None:
    page = browser.open("")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("CWG-Internet")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any("dataset/body/cwg-internet/" in href for href in hrefs), hrefs
    assert browser.problems == []


def test_the_index_filter_hides_rows(browser: Browser) -> None:
    page = browser.open("dataset/council/")
    rows = page.locator("article table tbody tr")
    total = rows.count()
    page.locator("input.itu-filter").fill("1344")
    visible = page.locator("article table tbody tr:not([hidden])")
    assert 1 <= visible.count() < total
    assert "Council Resolution 1344" in visible.first.inner_text()
    page.locator("input.itu-filter").fill("")
    assert page.locator("article table tbody tr:not([hidden])").count() == total


_DIAGRAM = re.compile(r'<pre class="mermaid"><code>(.*?)</code></pre>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")

# Renders each (page, Mermaid text) pair with the site's own Mermaid, as Material would draw it;
# returns one line per diagram that fails to parse or draws no SVG.
_RENDER_ALL = """async (items) => {
  const failed = [];
  for (const [i, [path, text]] of items.entries()) {
    try {
      const { svg } = await window.mermaid.render(`itu-check-${i}`, text);
      if (!svg.includes("<svg") || svg.includes("Syntax error")) failed.push(`${path}: no diagram drawn`);
    } catch (error) {
      failed.push(`${path}: ${error.message || error}`);
    }
  }
  return failed;
}"""


def _pages(site: Path) -> dict[str, list[str]]:
    """Every built page (its path in the site) with the Mermaid texts it carries."""
    pages = {}
    for file in sorted(site.rglob("index.html")):
        path = file.parent.relative_to(site).as_posix()
        html_text = file.read_text(encoding="utf-8")
        pages["" if path == "." else f"{path}/"] = [
            html.unescape(_TAG.sub("", found)) for found in _DIAGRAM.findall(html_text)
        ]
    return pages


def _attested_only() -> set[str]:
    """The pages of instruments known only from citations: one template, drawn for each of them."""
    return {f"dataset/{r.key}/" for r in itu.load().resolutions() if r.attested}


def test_every_diagram_renders(browser: Browser, site: Path) -> None:
    """Each page's lineage diagram, drawn by the site's Mermaid in one tab: a diagram the data
    makes unparsable fails here, whichever page it is on."""
    diagrams = [[path, text] for path, texts in _pages(site).items() for text in texts]
    assert len(diagrams) > 100
    page = browser.open("dataset/council/res/1344/")
    assert page.evaluate(_RENDER_ALL, diagrams) == []
    assert browser.problems == []


def test_a_broken_diagram_is_reported(browser: Browser) -> None:
    page = browser.open("dataset/council/res/1344/")
    failed = page.evaluate(_RENDER_ALL, [["good/", "flowchart LR\n  a --> b"], ["bad/", 'flowchart LR\n  a -->|"x| b']])
    assert len(failed) == 1
    assert failed[0].startswith("bad/: ")


def test_no_page_logs_a_console_error(browser: Browser, site: Path) -> None:
    """Every written page, and of the generated ones one page per template and folder.

    Generated pages of one template differ only in their (escaped) data, which carries no
    script; the one part data can break, a diagram, is drawn for every page by
    ``test_every_diagram_renders``. Opening all of them would take most of the suite's time.
    """
    attested = _attested_only()
    pages, sampled = [], set()
    for path, texts in _pages(site).items():
        if path.startswith("dataset/"):
            template = (path.count("/"), path.rsplit("/", 2)[0], path in attested, bool(texts))
            if template in sampled:
                continue
            sampled.add(template)
        pages.append(path)
    assert len(pages) > 30
    assert len(sampled) >= 15  # overview, indexes, bodies, conferences, curated and attested instruments
    tab = browser.new_page()
    for path in pages:
        browser.open(path, tab)
    assert browser.problems == []


def test_every_record_has_a_page(site: Path) -> None:
    reg = itu.load()
    keys = [r.key for r in reg.resolutions()] + [b.key for b in reg.bodies()] + [c.key for c in reg.conferences()]
    missing = [key for key in keys if not (site / "dataset" / key / "index.html").exists()]
    assert missing == []
    issuers = {r.issuer.value for r in reg.resolutions()}
    assert all((site / "dataset" / issuer / "index.html").exists() for issuer in issuers)


def _hook() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("dataset_pages", ROOT / "docs" / "_ext" / "dataset_pages.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_attested_records_are_told_apart() -> None:
    hook = _hook()
    curated = types.SimpleNamespace()
    cited = types.SimpleNamespace(attested=True)
    assert not hook.attested(curated)
    assert hook.attested(cited)
    assert hook.attested(types.SimpleNamespace(revisions=(cited, cited)))
    assert not hook.attested(types.SimpleNamespace(revisions=(cited, curated)))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Resolution 1344 (Mod. 2015)", r"Resolution 1344 \(Mod\. 2015\)"),
        ("a | b <i>", r"a \| b &lt;i&gt;"),
        ("*not emphasis*", r"\*not emphasis\*"),
    ],
)
def test_record_text_is_escaped(text: str, shown: str) -> None:
    assert _hook().md(text) == shown


def test_urls_in_notes_become_links() -> None:
    hook = _hook()
    assert (
        hook.md_linked("text seen at https://example.org/a_b.html.") == r"text seen at <https://example.org/a_b.html>\."
    )


def test_an_attested_instrument_looks_different(monkeypatch: pytest.MonkeyPatch) -> None:
    hook = _hook()
    monkeypatch.setattr(hook, "attested", lambda record: "1344" in str(getattr(record, "key", "")))
    site = hook._Site(itu.load())
    cited = site.instrument(site.reg.resolution("council/res/1344"))
    curated = site.instrument(site.reg.resolution("council/res/1336"))
    assert '!!! attested "Attested by citation"' in cited
    assert "## Timeline" not in cited  # no picture is drawn for a record known only by citation
    assert "classDef attested" in cited
    assert "itu-attested" in site.issuer_index("council")
    assert "!!! attested" not in curated
    assert "## Timeline" in curated
