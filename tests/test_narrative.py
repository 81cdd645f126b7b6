"""The notebooks' narrative in another language stays in step with the English (widgets/narrative.py)."""

import json
from pathlib import Path

import pytest

from widgets import narrative
from widgets.paths import NOTEBOOKS

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(narrative, "TRANSLATIONS", tmp_path)
    return tmp_path


def _notebook(tmp_path: Path, cells: list[tuple[str, str]]) -> Path:
    doc = {"cells": [{"cell_type": "markdown", "id": cid, "metadata": {}, "source": text} for cid, text in cells],
           "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _store(store: Path, cells: dict) -> None:
    (store / "fr").mkdir(exist_ok=True)
    (store / "fr" / "x.json").write_text(json.dumps({"language": "fr", "notebook": "x.ipynb", "cells": cells}),
                                         encoding="utf-8")


def test_a_changed_english_cell_makes_its_translation_stale(store, tmp_path) -> None:
    notebook = _notebook(tmp_path, [("a", "The roads."), ("b", "The gold."), ("c", "The spillover.")])
    _store(store, {"a": {"en_sha256": narrative.source_hash("The roads."), "text": "Les routes."},
                   "b": {"en_sha256": narrative.source_hash("The gold, before."), "text": "L'or."},
                   "gone": {"en_sha256": "0", "text": "Disparu."}})
    status = narrative.status("fr", notebook)
    assert (status.current, status.stale, status.missing, status.orphans) == (["a"], ["b"], ["c"], ["gone"])
    assert narrative.current_text("fr", "x.ipynb", "a", "The roads.") == "Les routes."
    assert narrative.current_text("fr", "x.ipynb", "b", "The gold.") is None  # stale: the page shows the English


def test_a_skeleton_not_filled_in_is_not_counted_as_translated(store, tmp_path) -> None:
    notebook = _notebook(tmp_path, [("a", "The roads.")])
    _store(store, {"a": {"en_sha256": narrative.source_hash("The roads."), "text": "The roads."}})
    status = narrative.status("fr", notebook)
    assert status.current == [] and status.untranslated == ["a"]


def test_a_broken_translation_file_names_itself_and_the_fix(store) -> None:
    (store / "fr").mkdir()
    (store / "fr" / "x.json").write_text("{", encoding="utf-8")
    with pytest.raises(narrative.TranslationFileError, match=r"x\.json is not a translation file.*skeleton fr"):
        narrative.translations("fr", "x.ipynb")


def test_skeleton_keeps_current_translations_and_adds_new_cells(store, tmp_path) -> None:
    notebook = _notebook(tmp_path, [("a", "The roads."), ("b", "New cell.")])
    _store(store, {"a": {"en_sha256": narrative.source_hash("The roads."), "text": "Les routes."}})
    cells = json.loads(narrative.skeleton("fr", notebook))["cells"]
    assert cells["a"]["text"] == "Les routes." and cells["b"]["text"] == "New cell."


@pytest.mark.parametrize("notebook", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_every_stored_french_cell_translates_the_english_as_it_now_stands(notebook: Path) -> None:
    """Fails when an English narrative cell changed after its French was written: re-translate it and update its
    hash (`python -m widgets.narrative skeleton fr <notebook> --write` keeps the current ones)."""
    status = narrative.status("fr", notebook)
    assert not status.stale, f"{notebook.name}: French out of date for cells {status.stale}"
    assert not status.orphans, f"{notebook.name}: French kept for cells that no longer exist: {status.orphans}"
    assert not status.untranslated, f"{notebook.name}: cells stored untranslated: {status.untranslated}"
