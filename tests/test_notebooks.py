"""Every notebook executes headless, shows no error or fallback message, and is committed without outputs."""

import ast
import html
import json

import nbformat
import pytest
from nbclient import NotebookClient

from widgets import loaders, paths
from widgets.html_parts import PART_FAILED_CLASS

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
FALLBACK = "could not be drawn"  # what the page guard (widgets/ui/guard.py) shows instead of a traceback
SCENARIO_FAILED = "could not be computed"  # what a scenario panel shows when its model or figure failed


def test_there_are_notebooks():
    assert any(nb.name == "05_methods_and_sources.ipynb" for nb in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_without_outputs(path):
    cells = json.loads(path.read_text())["cells"]
    for cell in cells:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs") and cell.get("execution_count") is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_code_cells_are_calls_not_logic(path):
    """Logic lives in widgets/: no function or class definitions and no loops in notebooks."""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.AsyncFunctionDef)), \
                f"{path.name}: {type(node).__name__} in a code cell"


def executed(path):
    """The notebook run headless as Voilà would, checked for errors, stderr and parts that failed (found by their
    class, whatever the page's language)."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(paths.NOTEBOOKS)}}).execute()
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"{path.name}: {output.get('ename')}"
            assert output.get("name") != "stderr", f"{path.name}: stderr: {output.get('text', '')[:300]}"
            assert PART_FAILED_CLASS not in json.dumps(output.get("data", {})), f"{path.name}: a part failed"
    return nb


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_executes_without_errors(path):
    nb = executed(path)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = json.dumps(output.get("data", {}))
            assert FALLBACK not in text, f"{path.name}: a part of the page fell back to an error message"
    shown = page_text(nb)
    assert SCENARIO_FAILED not in shown, f"{path.name}: a scenario panel could not compute its opening scenario"
    leaked = [figure_id for figure_id, note in note_texts() if note in shown]
    assert not leaked, f"{path.name}: notes-column text (not evidence) reaches the page for {leaked}"


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def page_text(nb) -> str:
    """Every string a reader can be shown: cell outputs and the widgets' state, markup unescaped."""
    parts = [s for cell in nb.cells for output in cell.get("outputs", []) for s in _strings(output.get("data", {}))]
    parts += _strings(nb.metadata.get("widgets", {}))
    return html.unescape("\n".join(parts))


def note_texts() -> list[tuple[str, str]]:
    """(figure id, clause) for every clause of the register's notes that holds a number: notes are not evidence,
    so such a clause must never reach a page (a page's numbers come from register values or computations on them).
    """
    figures = loaders.load_figures()
    return [(f, clause.strip()) for f, n in zip(figures["figure_id"], figures["notes_register"])
            for clause in n.split(";") if any(ch.isdigit() for ch in clause) and len(clause.strip()) >= 12]


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_executes_in_french(path, monkeypatch):
    """The page as a French reader opens it (`?lang=fr`, which Voilà hands the kernel as QUERY_STRING): no error, no
    part fallen back to its message (found by its class, whatever the language), and French source lines."""
    monkeypatch.setenv("QUERY_STRING", "lang=fr")
    shown = page_text(executed(path))
    assert "n’a pas pu être calcul" not in shown and "n'a pas pu être calcul" not in shown, f"{path.name}: a scenario failed"
    assert "Sources\u00a0:" in shown or "Source\u00a0:" in shown, f"{path.name}: no French source line"
    assert "Sources:" not in shown, f"{path.name}: an English source line in the French page"
