"""Live app or static export, decided in one place (widgets/show.py): the ui layer draws widgets only, never reads
the export switch nor imports the export; each of its interactive parts has a static counterpart in
widgets/export/panels.py that takes the same arguments."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil

import ipywidgets as W
import pandas as pd
import pytest
from IPython.display import HTML

import widgets.ui
from widgets import paths, show
from widgets.export.panels import COUNTERPARTS
from widgets.ui import page

UI = paths.ROOT / "widgets" / "ui"


def ui_modules() -> list:
    return [importlib.import_module(f"widgets.ui.{m.name}") for m in pkgutil.iter_modules(widgets.ui.__path__)]


def live_parts() -> list:
    return [fn for module in ui_modules() for _, fn in inspect.getmembers(module, inspect.isfunction)
            if hasattr(fn, "live") and fn.__module__ == module.__name__]


@pytest.mark.parametrize("path", sorted(UI.glob("*.py")), ids=lambda p: p.name)
def test_the_ui_layer_neither_reads_the_switch_nor_imports_the_export(path) -> None:
    source = path.read_text(encoding="utf-8")
    assert "is_export" not in source and show.ENV not in source, f"{path.name} reads the export switch"
    for node in ast.walk(ast.parse(source)):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        assert not any(n == "widgets.export" or n.startswith("widgets.export.") for n in names), \
            f"{path.name} imports the export: {names}"


EXPORT = paths.ROOT / "widgets" / "export"


@pytest.mark.parametrize("path", sorted(EXPORT.glob("*.py")), ids=lambda p: p.name)
def test_the_export_never_imports_the_ui_layer(path) -> None:
    """Both renderers share widgets/html_parts.py; the export names live parts by string (COUNTERPARTS)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        if isinstance(node, ast.ImportFrom) and node.module == "widgets":
            names = [f"widgets.{a.name}" for a in node.names]
        assert not any(n == "widgets.ui" or n.startswith("widgets.ui.") for n in names), \
            f"{path.name} imports the ui layer: {names}"


def test_every_interactive_part_has_a_static_counterpart_with_its_arguments() -> None:
    parts = live_parts()
    assert len(parts) >= 7, [show.name_of(p) for p in parts]
    for live in parts:
        static = COUNTERPARTS.get(show.name_of(live))
        assert static is not None, f"{show.name_of(live)} has no static counterpart in widgets/export/panels.py"
        expected = [(p.name, p.kind) for p in inspect.signature(live.live).parameters.values()]
        assert [(p.name, p.kind) for p in inspect.signature(static).parameters.values()] == expected, \
            show.name_of(live)
    assert set(COUNTERPARTS) == {show.name_of(p) for p in parts}, "a counterpart for no live part"


def test_show_draws_widgets_live_and_static_html_in_the_export(monkeypatch) -> None:
    frame = pd.DataFrame({"a": [1]})
    monkeypatch.delenv(show.ENV, raising=False)
    assert isinstance(page.table_view(frame), W.Accordion) and isinstance(page.links("<a>x</a>"), W.HTML)
    monkeypatch.setenv(show.ENV, "1")
    folded, links = page.table_view(frame, title="T"), page.links('<a href="x">x</a>')
    assert isinstance(folded, HTML) and folded.data.startswith('<details class="table-view"><summary>T</summary>')
    assert isinstance(links, HTML) and links.data == '<a href="x">x</a>'
