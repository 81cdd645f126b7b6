"""A page's kernel imports only what it needs: every page view pays its kernel's imports (see `make bench`)."""

import subprocess
import sys

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
