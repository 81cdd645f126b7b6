"""A page's kernel imports only what it needs: every page view pays its kernel's imports (see `make bench`)."""

import json
import subprocess
import sys

import pytest

from widgets.paths import NOTEBOOKS

PAGE_KERNEL = """
import sys
import plotly.graph_objects as go
from widgets.ui import page
bundle = go.Figure(go.Bar(x=[1], y=[2]))._repr_mimebundle_()
assert "application/vnd.plotly.v1+json" in bundle, list(bundle)
print(sorted(name for name in ("nbformat", "jsonschema", "rfc3987_syntax") if name in sys.modules))
"""


def test_figures_display_without_nbformat_and_jsonschema() -> None:
    """plotly would import nbformat (and with it jsonschema's grammar-building format checkers, ~1.2 s) only to
    check its version for fig.show(); the pages display mime bundles, so widgets.ui.page keeps it out."""
    done = subprocess.run([sys.executable, "-c", PAGE_KERNEL], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


GEOMETRY = ("geopandas", "shapely", "pyproj", "networkx")
# A page's code cells, run in order in a fresh IPython shell (as the page's kernel runs them), then the geometry
# modules that got imported.
RUN_PAGE = """
import json, sys
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
for cell in json.load(open(sys.argv[1], encoding="utf-8"))["cells"]:
    if cell["cell_type"] == "code":
        result = shell.run_cell("".join(cell["source"]), silent=True)
        assert result.success, (cell["source"], result.error_before_exec or result.error_in_exec)
print(json.dumps(sorted(name for name in %r if name in sys.modules)))
""" % (GEOMETRY,)


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_a_page_imports_no_geometry_stack(notebook) -> None:
    """What no reader changes is computed by `make data` (widgets/build/pages.py): a page view loads it, and
    geopandas, shapely, pyproj and networkx (~0.5 s and ~50 MB of every kernel) wait for a reader's upload."""
    done = subprocess.run([sys.executable, "-c", RUN_PAGE, str(notebook)], capture_output=True, text=True,
                          cwd=NOTEBOOKS)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [], notebook.name
