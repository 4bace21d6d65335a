"""End-to-end tests of the web UI in headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright; `bash scripts/ci-deps.sh` installs it). The app runs under uvicorn on loopback
in a thread; screenshots go to test-artifacts/. Skipped, with the reason, only where
Chromium or Playwright is missing."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest_web import ROOT, SAMPLES, XSS_TITLE, web_db  # noqa: F401  (fixture)

try:  # the waits below poll from Python: the page's CSP forbids eval, which wait_for_function needs
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips these tests with its reason
    expect = None

ARTIFACTS = ROOT / "test-artifacts"
EXAMPLE = ROOT.parent / "shared" / "examples" / "000_cd93055940a04ed1.txt"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 20_000


def _chromium() -> str:
    for name in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or ""):
        if name and Path(name).exists():
            return name
    pytest.skip("Chromium not found (install it with `bash scripts/ci-deps.sh`)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_db):  # noqa: F811
    import uvicorn

    from rasd.api import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    path = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright Python package is not installed")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=path, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1400, "height": 1000}, locale="ar")
        yield context
        context.close()


@pytest.fixture
def page(browser, server):
    page = browser.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.errors = []
    page.external = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("dialog", lambda d: (page.errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith((server, "data:")) else page.external.append(r.url))
    yield page
    page.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_dashboard_filter_aid_from_turkey_and_open_evidence(page, server):
    page.goto(f"{server}/#/events")
    page.wait_for_selector("tr.event-row")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.wait_for_selector(".leaflet-interactive, .cluster")  # markers drawn on the offline map
    page.select_option("#f-type", "AID")
    page.fill("input[name=source_country]", "tur")
    page.click("#apply")
    expect(page).to_have_url(re.compile("source_country=TUR"))
    expect(page.locator("tr.event-row")).to_have_count(1)
    row = page.locator("tr.event-row").first
    assert "AID" in row.inner_text() and "TUR GOV" in row.inner_text()
    shot(page, "01-dashboard-aid-tur")

    row.locator("a.doc-link").click()
    page.wait_for_selector(".article-text .evidence")
    evidence = page.locator(".article-text .evidence").all_inner_texts()
    assert "".join(evidence) == "أرسلت الحكومة التركية قافلة مساعدات إنسانية إلى حلب يوم الاثنين."
    assert page.locator(".event-card.active").get_attribute("data-event") == "v1"
    assert page.locator(".article-text .m-trigger.trigger-active").inner_text() == "أرسلت"
    shot(page, "02-article-evidence")

    page.locator(".event-card[data-event=v2]").click()  # another event: its evidence instead
    expect(page.locator(".event-card.active")).to_have_attribute("data-event", "v2")
    assert "تشاورت" in "".join(page.locator(".article-text .evidence").all_inner_texts())
    assert "حسب" in page.locator(".event-card.active").inner_text()  # reported_by shown
    assert not page.errors and not page.external, (page.errors, page.external)


def test_paste_an_article_shows_its_events(page, server):
    source = EXAMPLE if EXAMPLE.exists() else SAMPLES / "yemen_strikes.txt"
    lines = [ln.strip() for ln in source.read_text(encoding="utf-8").splitlines() if ln.strip()]
    page.goto(f"{server}/#/extract")
    page.fill("input[name=title]", lines[0])
    page.fill("textarea[name=text]", "\n".join(lines[1:]))
    page.click("#extract-run")
    page.wait_for_selector(".extracted .event-card", timeout=60_000)
    assert page.locator(".extracted .event-card").count() >= 1
    page.locator(".extracted .event-card").first.click()
    page.wait_for_selector(".extracted .article-text .evidence")
    shot(page, "03-extract" if EXAMPLE.exists() else "03-extract-bundled-sample")
    assert not page.errors and not page.external, (page.errors, page.external)


def test_untrusted_article_renders_as_text(page, server):
    page.goto(f"{server}/#/doc/t_xss")
    page.wait_for_selector("h1.doc-title")
    assert page.locator("h1.doc-title").inner_text() == XSS_TITLE
    assert page.evaluate("window.__xss === undefined")
    assert page.locator(".article img").count() == 0
    assert page.locator("a", has_text="المصدر").get_attribute("href") == "#"  # javascript: URL dropped
    shot(page, "04-untrusted-article")
    assert not page.errors, page.errors


def test_network_and_timeline_render(page, server):
    page.goto(f"{server}/#/events")
    page.wait_for_selector(".timeline-svg rect")
    page.goto(f"{server}/#/network")
    page.wait_for_selector(".network-svg .node")
    assert page.locator(".network-svg .node").count() >= 3
    assert page.locator("#actors-table tbody tr").count() >= 3
    shot(page, "05-network")
    page.locator(".network-svg .node[data-code='TUR GOV']").click()
    expect(page).to_have_url(re.compile("actor=TUR"))
    page.wait_for_selector("tr.event-row")
    assert not page.errors and not page.external, (page.errors, page.external)
