"""The page's one error guard under the real Voilà server (`widgets.serve`, as `make app` runs it).

A small notebook set up like a chapter (`page.setup()` first, then plain calls) has a cell that raises. Voilà
must show the reader the guard's short message in its place, no traceback and none of Voilà's own error lines,
and must go on to draw the cells after it (without the guard's post_run_cell hook, Voilà stops the page at the
failing cell: see widgets/ui/guard.py). The traceback goes to the server's log.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from widgets.serve import CELL_ERROR
from widgets.ui.guard import MESSAGE

from .conftest import ROOT, SERVER_START_TIMEOUT_S, PageProbe, free_port, stop_group, wait_for_http, wait_for_voila

SECRET = "secret detail 4711"  # the exception's text: in the server log, never on the page
CELLS = [
    "from widgets.ui import page\npage.setup()",
    'page.note("drawn before the failure")',
    f'page.note(str(1 / 0) + "{SECRET}")',
    f'raise ValueError("{SECRET}")',
    'page.note("drawn after the failures")',
]


@pytest.fixture(scope="module")
def guarded_app(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """(base URL, server log) of Voilà serving one notebook whose third and fourth cells fail."""
    root = tmp_path_factory.mktemp("guarded")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    nbformat.write(nb, root / "failing.ipynb")
    port = free_port()
    log_path = Path(tempfile.gettempdir()) / f"briefing-guard-{port}.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # the kernel imports this checkout's widgets
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "widgets.serve", f"--port={port}", f"--root={root}"],
                                   cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for_http(f"http://127.0.0.1:{port}/", process, SERVER_START_TIMEOUT_S)
            yield f"http://127.0.0.1:{port}/", log_path
        finally:
            stop_group(process)


def test_the_served_page_has_the_message_no_traceback_and_the_later_cells(guarded_app) -> None:
    url, log_path = guarded_app
    with urllib.request.urlopen(url + "voila/render/failing.ipynb", timeout=240) as response:
        served = response.read().decode("utf-8")
    outputs = [json.loads(s) for s in _output_scripts(served)]
    shown = json.dumps(outputs)
    assert shown.count(MESSAGE) == 2, shown[:2000]
    assert "drawn before the failure" in shown and "drawn after the failures" in shown
    for leak in ("Traceback", SECRET, "ZeroDivisionError", "ValueError", "There was an error", CELL_ERROR):
        assert leak not in served, f"the page shows {leak!r}"
    assert shown.index("drawn before") < shown.index(MESSAGE) < shown.rindex(MESSAGE) < shown.index("drawn after")
    log = log_path.read_text(encoding="utf-8", errors="replace")
    assert "ZeroDivisionError" in log and f"ValueError: {SECRET}" in log, "the traceback is not in the server log"


def test_a_reader_sees_the_message_and_the_rest_of_the_page(guarded_app, page_probe: PageProbe) -> None:
    url, _ = guarded_app
    page = page_probe.page
    page.goto(url + "voila/render/failing.ipynb", timeout=240_000)
    wait_for_voila(page)
    text = page.inner_text("body")
    assert text.count(MESSAGE) == 2
    assert "drawn before the failure" in text and "drawn after the failures" in text
    assert "Traceback" not in text and SECRET not in text and "error" not in text.lower().replace(MESSAGE.lower(), "")
    assert page_probe.page_errors == [] and page_probe.blocked == []


def _output_scripts(served: str) -> list[str]:
    """The cell outputs Voilà streams into the page, one JSON script element per cell."""
    marker = '<script type="application/vnd.voila.cell-output+json">'
    return [part.split("</script>", 1)[0] for part in served.split(marker)[1:]]
