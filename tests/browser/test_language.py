"""The page's language (issue 17): ?lang=fr in the address sets <html lang>, the language menu, localStorage and the
cookie; the choice survives a visit to an address without lang (the server's cookie redirect, or the page's own
when the cookie is gone); links carry lang; presentation mode speaks French; the menu goes back to English with the
other address parameters kept. The French narrative is a translation of one overview cell served from a folder of
this test's own (BRIEFING_TRANSLATIONS; never notebooks/i18n, which the translators fill): the current cell shows
in French from the first paint, a stale one in English."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from . import narrative_fr
from .conftest import (ROOT, SERVER_START_TIMEOUT_S, free_port, open_probe, screenshot, stop_group, wait_for_http,
                       wait_for_voila)
from .pages import assert_clean, open_chapter

pytestmark = pytest.mark.browser

NB = narrative_fr.NB
FR_HEADING = "#La-situation-en-une-carte"  # ids nbconvert gives the headings
EN_HEADING = "#The-situation-on-one-map"
STALE_HEADING = "#The-chapters"

# Every block written per language (narrative, loading message) is recorded as it enters the page, with whether it
# was displayed then: microtasks run before the browser paints, so a block shown here would have flashed.
RECORD_BLOCKS = """
window.__briefingBlocks = [];
new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach((node) => {
  if (node.nodeType !== 1) return;
  [node, ...node.querySelectorAll('[data-briefing-lang]')].filter((el) => el.matches('[data-briefing-lang]'))
    .forEach((el) => window.__briefingBlocks.push({lang: el.dataset.briefingLang, page: document.documentElement.lang,
                                                     shown: getComputedStyle(el).display !== 'none'}));
}))).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture(scope="module")
def lang_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app as `make app` serves it (the data is built by the session's fixture), reading this test's
    translations: `widgets.serve` itself, so that the folder reaches it without going through make's environment."""
    folder = narrative_fr.write(tmp_path_factory.mktemp("i18n"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log_path = Path(tempfile.gettempdir()) / f"briefing-app-{port}.log"
    env = {**os.environ, "BRIEFING_TRANSLATIONS": str(folder)}
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "widgets.serve", "--port", str(port)], cwd=ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for_http(url, process, SERVER_START_TIMEOUT_S)
            yield url
        finally:
            stop_group(process)


def chosen(page: Page) -> dict:
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return page.evaluate("""(cookie) => ({html: document.documentElement.lang,
        menu: document.getElementById('briefing-lang')?.value, stored: localStorage.getItem('briefing-lang'),
        cookie})""", cookies.get("briefing_lang"))


def chapter_links(page: Page) -> list[str]:
    """Every link on the page to a chapter of the briefing (the bar's and the cells')."""
    return page.evaluate("""() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))
        .filter((h) => /^\\d\\d_\\w+\\.ipynb/.test(h))""")


def test_the_pure_rules(lang_app: str, browser: Browser) -> None:
    probe = open_probe(browser)
    page = probe.page
    page.goto(f"{lang_app}voila/render/{NB}?lang=en", timeout=240_000)
    page.wait_for_function("() => window.Briefing && window.Briefing.lang")
    known = ["en", "fr"]
    cases = [("?lang=fr", None), ("?lang=en", "fr"), ("?lang=de", "fr"), ("", "fr"), ("", "de"), ("", None)]
    got = [page.evaluate("([s, st, k]) => window.Briefing.lang.resolve(s, st, k)", [s, st, known]) for s, st in cases]
    assert got == ["fr", "en", "en", "fr", "en", "en"]  # the address wins; an unknown one means English
    links = ["01_threat.ipynb", "01_threat.ipynb?present=1#top", "http://h/voila/render/01_threat.ipynb?lang=en&a=1"]
    assert [page.evaluate("([h]) => window.Briefing.lang.withLang(h, 'fr')", [h]) for h in links] == [
        "01_threat.ipynb?lang=fr", "01_threat.ipynb?present=1&lang=fr#top",
        "http://h/voila/render/01_threat.ipynb?lang=fr&a=1"]
    probe.page.context.close()


def test_french_is_chosen_kept_followed_and_left(lang_app: str, browser: Browser) -> None:
    probe = open_probe(browser)
    page = probe.page
    page.add_init_script(RECORD_BLOCKS)

    open_chapter(probe, lang_app, NB, "?lang=fr&keep=1")
    assert chosen(page) == {"html": "fr", "menu": "fr", "stored": "fr", "cookie": "fr"}
    expect(page.locator(FR_HEADING)).to_be_visible()
    expect(page.locator(EN_HEADING)).to_be_hidden()  # the English of the translated cell
    expect(page.locator(STALE_HEADING)).to_be_visible()  # a stale translation: the English shows
    assert narrative_fr.STALE_FR not in page.content()
    blocks = page.evaluate("() => window.__briefingBlocks")
    assert {b["lang"] for b in blocks} == {"en", "fr"} and {b["page"] for b in blocks} == {"fr"}
    assert [b for b in blocks if b["shown"] != (b["lang"] == "fr")] == []  # never the other language, not once
    expect(page.locator(".briefing-present-button")).to_have_text("Présenter")
    expect(page.locator("label[for=briefing-lang]")).to_have_text(re.compile(r"^Langue"))
    links = chapter_links(page)
    assert len(links) >= 6 and [h for h in links if "lang=fr" not in h] == []
    screenshot(page, "language-fr-overview")

    # A later visit to an address without lang: the server sends it on with the cookie's language…
    page.goto(f"{lang_app}voila/render/{NB}", timeout=240_000)
    wait_for_voila(page)
    assert "lang=fr" in page.url and chosen(page)["html"] == "fr"
    # …and the page does it itself from localStorage when the cookie is gone.
    page.context.clear_cookies(name="briefing_lang")
    page.goto(f"{lang_app}voila/render/{NB}", timeout=240_000)
    page.wait_for_url(re.compile(r"[?&]lang=fr"), timeout=240_000)
    wait_for_voila(page)
    assert chosen(page) == {"html": "fr", "menu": "fr", "stored": "fr", "cookie": "fr"}

    # Presentation mode: French controls and notes, the French prose of the translated cell, kept over a reload.
    page.locator(".briefing-present-button").click()
    expect(page.locator(".briefing-slide-counter")).to_have_text(re.compile(r"^Diapositive 1 sur \d+$"))
    page.keyboard.press("n")
    notes = []
    for _ in range(page.evaluate("() => window.Briefing.present.slideCount()")):
        notes.append(page.locator("#briefing-notes").inner_text())
        page.keyboard.press("ArrowRight")
    assert notes[0].startswith("Notes de l’orateur")
    assert any("Pays enclavé" in n for n in notes) and not any("Landlocked Mali" in n for n in notes)
    assert re.search(r"[?&]present=1", page.url) and "lang=fr" in page.url
    page.reload(timeout=240_000)
    wait_for_voila(page)
    expect(page.locator(".briefing-slide-counter")).to_have_text(re.compile(r"^(Diapositive \d+ sur \d+|Fin du chapitre)$"))
    expect(page.locator(".briefing-end-slide a")).to_have_attribute("href", re.compile(r"present=1&lang=fr"))
    page.keyboard.press("Escape")

    # Back to English from the menu: the page reloads with lang=en, the other parameters kept.
    page.goto(f"{lang_app}voila/render/{NB}?keep=1&lang=fr", timeout=240_000)
    wait_for_voila(page)
    page.select_option("#briefing-lang", "en")
    page.wait_for_url(re.compile(r"[?&]lang=en"), timeout=240_000)
    wait_for_voila(page)
    assert "keep=1" in page.url
    assert chosen(page) == {"html": "en", "menu": "en", "stored": "en", "cookie": "en"}
    expect(page.locator(EN_HEADING)).to_be_visible()
    expect(page.locator(FR_HEADING)).to_be_hidden()
    expect(page.locator(".briefing-present-button")).to_have_text("Present")
    assert [h for h in chapter_links(page) if "lang=" in h] == []  # English keeps its links as written
    assert_clean(probe)
    page.context.close()


def test_links_between_chapters_carry_the_language(lang_app: str, browser: Browser) -> None:
    probe = open_probe(browser)
    page = open_chapter(probe, lang_app, NB, "?lang=fr")
    page.locator(".briefing-bar a[rel=next]").click()
    page.wait_for_url(re.compile(r"/01_threat\.ipynb\?lang=fr$"), timeout=240_000)
    wait_for_voila(page)
    assert chosen(page)["html"] == "fr"
    expect(page.locator('.briefing-bar a[aria-current="page"]')).to_have_text("1 · La menace")
    assert_clean(probe)
    page.context.close()
