"""The French narrative on the page: the template's filter gives a cell's translation only while it is current, and
every translation stored in notebooks/i18n is current (a changed English cell makes its translation stale: fail)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from widgets import narrative
from widgets.paths import NOTEBOOKS, TRANSLATIONS


def _cell(source: str, cell_id: str = "c1", kind: str = "markdown") -> nbformat.NotebookNode:
    make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
    cell = make(source)
    cell["id"] = cell_id
    return cell


def _store(folder: Path, cells: dict[str, tuple[str, str]], notebook: str = "00_overview") -> None:
    """folder/fr/<notebook>.json with cell id -> (English it translates, French)."""
    entries = {cid: {"en_sha256": narrative.source_hash(en), "text": fr} for cid, (en, fr) in cells.items()}
    (folder / "fr").mkdir(parents=True, exist_ok=True)
    (folder / "fr" / f"{notebook}.json").write_text(
        json.dumps({"language": "fr", "notebook": f"{notebook}.ipynb", "cells": entries}), encoding="utf-8")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(narrative, "TRANSLATIONS", tmp_path)
    return tmp_path


def test_a_current_translation_is_shown(store: Path) -> None:
    _store(store, {"c1": ("## Limits\n\nText.", "## Limites\n\nTexte.")})
    assert narrative.shown_translations(_cell("## Limits\n\nText."), "00_overview") == [("fr", "## Limites\n\nTexte.")]
    assert narrative.shown_translations(_cell("## Limits\n\nText."), "00_overview.ipynb") == [("fr", "## Limites\n\nTexte.")]


def test_a_stale_or_missing_translation_leaves_the_english(store: Path) -> None:
    _store(store, {"c1": ("## Limits\n\nText.", "## Limites\n\nTexte.")})
    assert narrative.shown_translations(_cell("## Limits\n\nText, revised."), "00_overview") == []  # stale
    assert narrative.shown_translations(_cell("## Other", cell_id="c2"), "00_overview") == []  # not translated
    assert narrative.shown_translations(_cell("## Limits\n\nText."), "01_threat") == []  # no file
    assert narrative.shown_translations(_cell("x = 1", kind="code"), "00_overview") == []


def test_no_translations_folder_means_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(narrative, "TRANSLATIONS", tmp_path / "absent")
    assert narrative.shown_translations(_cell("## Limits"), "00_overview") == []


def problems(translations: Path, notebooks: Path) -> list[str]:
    """Stale translations, orphans (a cell or a notebook that no longer exists) and mislabelled files."""
    found = []
    for path in sorted(translations.glob("*/*.json")):
        language, notebook = path.parent.name, notebooks / f"{path.stem}.ipynb"
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("language") != language or doc.get("notebook") != notebook.name:
            found.append(f"{path.relative_to(translations)}: says {doc.get('language')}/{doc.get('notebook')}")
        if not notebook.exists():
            found.append(f"{path.relative_to(translations)}: no notebook {notebook.name}")
            continue
        status = narrative.status(language, notebook)
        found += [f"{language}/{notebook.name}: cell {c} is stale (its English changed)" for c in status.stale]
        found += [f"{language}/{notebook.name}: cell {c} no longer exists" for c in status.orphans]
    return found


def test_every_stored_translation_is_current() -> None:
    """`python -m widgets.narrative skeleton fr <notebook>` gives a stale cell's new English to translate again."""
    assert problems(TRANSLATIONS, NOTEBOOKS) == []


def test_a_changed_english_cell_makes_its_translation_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above, on a scratch copy of a notebook whose English cell is then edited."""
    notebooks, translations = tmp_path / "notebooks", tmp_path / "i18n"
    notebooks.mkdir()
    monkeypatch.setattr(narrative, "TRANSLATIONS", translations)
    original = NOTEBOOKS / "00_overview.ipynb"
    copy = notebooks / original.name
    copy.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    first = narrative.english_cells(copy)[0]
    _store(translations, {first.id: (first.source, "## Traduction")})
    assert problems(translations, notebooks) == []

    nb = nbformat.read(copy, as_version=4)
    cell = next(c for c in nb.cells if c.get("id") == first.id)
    cell.source += "\nOne more sentence."
    nbformat.write(nb, copy)
    assert problems(translations, notebooks) == [f"fr/00_overview.ipynb: cell {first.id} is stale (its English changed)"]

    cell.id = "renamed1"
    nbformat.write(nb, copy)
    assert problems(translations, notebooks) == [f"fr/00_overview.ipynb: cell {first.id} no longer exists"]
