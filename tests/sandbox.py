"""A copy of data/ with every path of widgets.paths pointed at it, so a test can change inputs safely."""

from __future__ import annotations

import shutil
from pathlib import Path

from widgets import paths


def make(tmp_path: Path, monkeypatch) -> Path:
    """Copy data/raw, data/editions and the catalogue under tmp_path/data and repoint widgets.paths there (the
    gettext catalogues' folder too, left empty: a test copies it in when it needs it)."""
    data = tmp_path / "data"
    shutil.copytree(paths.RAW, data / "raw")
    shutil.copytree(paths.EDITIONS, data / "editions")
    shutil.copy(paths.CATALOGUE, data / "catalogue.toml")
    if paths.BATCH_TEMPLATE.exists():
        shutil.copytree(paths.BATCH_TEMPLATE, data / paths.BATCH_TEMPLATE.name)
    moved = {name: tmp_path / getattr(paths, name).relative_to(paths.ROOT)
             for name in ("DATA", "RAW", "PROCESSED", "CATALOGUE", "EDITIONS", "EDITIONS_TABLE", "CHANGELOG",
                          "BATCH_TEMPLATE", "LOCALE", "LOCALE_SOURCES")}
    raw = {k: tmp_path / v.relative_to(paths.ROOT) for k, v in paths.RAW_FILES.items()}
    out = {k: tmp_path / v.relative_to(paths.ROOT) for k, v in paths.PROCESSED_FILES.items()}
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    for name, value in moved.items():
        monkeypatch.setattr(paths, name, value)
    monkeypatch.setattr(paths, "RAW_FILES", raw)
    monkeypatch.setattr(paths, "PROCESSED_FILES", out)
    return tmp_path
