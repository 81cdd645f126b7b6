"""The notebooks' narrative (markdown) cells in another language, kept in step with the English.

Each translation lives in `notebooks/i18n/<language>/<notebook stem>.json`:

    {"language": "fr", "notebook": "01_threat.ipynb",
     "cells": {"<cell id>": {"en_sha256": "<sha256 of the English cell's source>", "text": "<translated markdown>"}}}

A translation is *current* while the hash it stores is the hash of the English cell as it now stands; when the
English changes, the translation is *stale* until it is re-translated (and its hash updated). The notebooks keep one
copy of their code: only markdown cells are translated here. `python -m widgets.narrative status fr` lists what is
missing, stale or untranslated; `python -m widgets.narrative skeleton fr <notebook> --write` creates or updates
the file to fill in (new cells with their English as text, current translations kept).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from widgets.paths import NOTEBOOKS, TRANSLATIONS


@dataclass(frozen=True)
class Cell:
    """One English narrative cell: its id, its source and that source's hash."""

    id: str
    source: str

    @property
    def sha256(self) -> str:
        return source_hash(self.source)


def source_hash(source: str) -> str:
    """The hash a translation records of the English it translates (the cell's source as one string, UTF-8)."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def english_cells(notebook: Path) -> list[Cell]:
    """The notebook's non-empty markdown cells, in order (nbformat ≥ 4.5 gives each an id)."""
    doc = json.loads(notebook.read_text(encoding="utf-8"))
    cells = []
    for cell in doc["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown" and source.strip():
            cells.append(Cell(cell["id"], source))
    return cells


def translation_path(language: str, notebook: str) -> Path:
    return TRANSLATIONS / language / f"{Path(notebook).stem}.json"


def translations(language: str, notebook: str) -> dict[str, dict[str, str]]:
    """cell id -> {"en_sha256", "text"} for a notebook in `language` ({} when none is stored)."""
    path = translation_path(language, notebook)
    if not path.exists() or not path.read_text(encoding="utf-8").strip():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (ValueError, KeyError) as error:
        raise TranslationFileError(f"{path} is not a translation file ({error}); restore it from git or write it "
                                   f"again with `python -m widgets.narrative skeleton {language} {notebook}`") from error


class TranslationFileError(ValueError):
    """A translation file that cannot be read: the message says which and how to restore it."""


def current_text(language: str, notebook: str, cell_id: str, english: str) -> str | None:
    """The translation of a cell if it is current, else None (the page then shows the English)."""
    entry = translations(language, notebook).get(cell_id)
    if entry is None or entry["en_sha256"] != source_hash(english):
        return None
    return entry["text"]


def languages() -> list[str]:
    """The languages that have a folder of translations, besides English (the notebooks' own language)."""
    if not TRANSLATIONS.is_dir():
        return []
    return sorted(p.name for p in TRANSLATIONS.iterdir() if p.is_dir() and p.name != "en")


def shown_translations(cell: Any, notebook: str) -> list[tuple[str, str]]:
    """(language, markdown) for each current translation of a markdown cell of `notebook` (a name or a stem).

    The page template's Jinja filter (`briefing_translations`, registered by widgets/voila_app.py): the page renders
    the English and these, and shows the one in the page's language; a stale or missing translation is left out, so
    the English shows."""
    if cell.get("cell_type") != "markdown" or not cell.get("id"):
        return []
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    found = [(lang, current_text(lang, notebook, cell["id"], source)) for lang in languages()]
    return [(lang, text) for lang, text in found if text is not None]


@dataclass(frozen=True)
class Status:
    notebook: str
    current: list[str]
    untranslated: list[str]  # stored with the English text itself (a skeleton not filled in)
    stale: list[str]  # translated from an English text that has since changed
    missing: list[str]
    orphans: list[str]  # translations of cells that no longer exist


def status(language: str, notebook: Path) -> Status:
    stored = translations(language, notebook.name)
    cells = english_cells(notebook)
    current = [c.id for c in cells if c.id in stored and stored[c.id]["en_sha256"] == c.sha256
               and stored[c.id]["text"] != c.source]
    untranslated = [c.id for c in cells if c.id in stored and stored[c.id]["text"] == c.source]
    stale = [c.id for c in cells if c.id in stored and stored[c.id]["en_sha256"] != c.sha256]
    missing = [c.id for c in cells if c.id not in stored]
    orphans = sorted(set(stored) - {c.id for c in cells})
    return Status(notebook.name, current, untranslated, stale, missing, orphans)


def skeleton(language: str, notebook: Path) -> str:
    """A translation file to fill in: every cell's hash with its English text (to be replaced by the translation);
    cells already translated and current keep their translation."""
    stored = translations(language, notebook.name)
    cells = {}
    for cell in english_cells(notebook):
        kept = stored.get(cell.id)
        text = kept["text"] if kept and kept["en_sha256"] == cell.sha256 else cell.source
        cells[cell.id] = {"en_sha256": cell.sha256, "text": text}
    return json.dumps({"language": language, "notebook": notebook.name, "cells": cells}, ensure_ascii=False,
                      indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.narrative", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["status", "skeleton"])
    parser.add_argument("language")
    parser.add_argument("notebook", nargs="?", help="for skeleton: the notebook's file name")
    parser.add_argument("--write", action="store_true",
                        help="for skeleton: update the translation file in place (a shell redirection to the same "
                             "file would empty it before it is read, losing its translations)")
    args = parser.parse_args(argv)
    if args.command == "skeleton":
        text = skeleton(args.language, NOTEBOOKS / Path(args.notebook).name)
        if args.write:
            path = translation_path(args.language, args.notebook)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        else:
            print(text, end="")
        return 0
    bad = 0
    for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
        st = status(args.language, notebook)
        bad += len(st.stale) + len(st.missing) + len(st.untranslated)
        print(f"{st.notebook}: {len(st.current)} current, {len(st.untranslated)} untranslated, {len(st.stale)} stale {st.stale or ''}, "
              f"{len(st.missing)} missing {st.missing or ''}, {len(st.orphans)} orphans {st.orphans or ''}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
