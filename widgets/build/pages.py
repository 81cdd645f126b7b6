"""The build's last step: every chapter's reader-independent parts, per language, into data/processed/pages/.

Runs each builder of `widgets.build.chapters` inside `fmt.using(language)` on the tables just written, and writes
data/processed/pages/<language>/<chapter>.json with the build's input fingerprint (which covers the widgets code,
see `widgets.build.input_fingerprint`), so a page can tell a store built from other data or code
(`widgets.page_parts`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from plotly.utils import PlotlyJSONEncoder

from widgets import fmt, loaders, page_parts
from widgets.build.chapters import BUILDERS
from widgets.register_text import translate_cells

LANGUAGES = fmt.LANGUAGES  # every language a page can be read in: its parts are stored for each


def compute(chapter: str, language: str) -> dict:
    """{part name: encoded part} of one chapter in one language, as the page will read it (a table's register
    texts in that language: `register_text.translate_cells`)."""
    with fmt.using(language):
        return {name: page_parts.encode(translate_cells(value) if isinstance(value, pd.DataFrame) else value)
                for name, value in BUILDERS[chapter](loaders).items()}


def write(fingerprint: str, log=print) -> list[Path]:
    """Every chapter in every language; returns the files written."""
    _forget()  # read the tables this build has just written, not a former build's
    try:
        return _write_all(fingerprint, log)
    finally:
        _forget()  # nor keep them for later readers in this process (a test's sandboxed build, say)


def _forget() -> None:
    for cached in (loaders._table, loaders._geo, loaders._catalogue, loaders._editions, page_parts._load):
        cached.cache_clear()


def _write_all(fingerprint: str, log) -> list[Path]:
    written = []
    for language in LANGUAGES:
        for chapter in BUILDERS:
            store = {"format": page_parts.FORMAT, "inputs": fingerprint, "chapter": chapter, "language": language}
            try:
                store["parts"] = compute(chapter, language)
            except Exception as err:  # noqa: BLE001 — one chapter's analysis failing must not stop the data build
                # (e.g. an earlier edition's register, which `make update` builds, lacks a row a chapter names);
                # the page then says so instead of showing parts computed from other data.
                store["failed"] = f"{type(err).__name__}: {err}"
                log(f"page parts of {chapter} ({language}) could not be computed: {store['failed']}")
            path = page_parts.store_path(chapter, language)
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(store, sort_keys=True, separators=(",", ":"), cls=PlotlyJSONEncoder)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    log(f"page parts: {len(written)} chapter file(s) in {', '.join(LANGUAGES)}")
    return written
