"""The pages' stored parts (widgets/build/pages.py writes, widgets/page_parts.py reads): the store holds exactly
what each chapter's builders compute now, tables come back as built, and a missing or stale store says
"run `make data`" on the page instead of a traceback."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from plotly.utils import PlotlyJSONEncoder

from widgets import build, loaders, page_parts, paths
from widgets.build import pages
from widgets.build.chapters import BUILDERS
from widgets.html_parts import table_html
from widgets.ui import guard


def _as_stored(parts: dict) -> dict:
    return json.loads(json.dumps(parts, cls=PlotlyJSONEncoder))


@pytest.mark.parametrize("chapter", list(BUILDERS))
def test_the_store_holds_what_the_builders_compute_now(chapter: str) -> None:
    """If a builder's output changes (new data, new code) without `make data`, this fails: the store can't drift."""
    stored = json.loads(page_parts.store_path(chapter, "en").read_text(encoding="utf-8"))
    assert stored["inputs"] == build.input_fingerprint()
    assert stored["parts"] == _as_stored(pages.compute(chapter, "en"))


@pytest.mark.parametrize("chapter", list(BUILDERS))
def test_stored_parts_read_back_as_built(chapter: str) -> None:
    """Tables keep their values and dtypes (so their HTML and CSV are the same), figures their mime bundle."""
    P = page_parts.parts(chapter)
    for name, value in BUILDERS[chapter](loaders).items():
        if isinstance(value, pd.DataFrame):
            back = P.table(name)
            pd.testing.assert_frame_equal(back, value.reset_index(drop=True))
            assert table_html(back) == table_html(value)
            assert back.to_csv(index=False) == value.to_csv(index=False)
        elif hasattr(value, "_repr_mimebundle_"):
            assert _as_stored(P.figure(name)._repr_mimebundle_()) == _as_stored(value._repr_mimebundle_())
            if name.startswith("explorer_"):  # the figures the threat explorer rebuilds to restyle draw the same
                assert _as_stored(P.figure(name).fig._repr_mimebundle_()) == _as_stored(value._repr_mimebundle_())


def test_the_build_fingerprint_covers_the_code_of_the_parts() -> None:
    code = {p.relative_to(paths.ROOT).as_posix() for p in build._code_files()}
    assert {"widgets/build/chapters.py", "widgets/page_parts.py", "widgets/figures/threat.py",
            "widgets/analysis/gold.py"} <= code


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A chapter store in a temporary folder, read against a manifest whose inputs we choose."""
    target = tmp_path / "00_overview.json"
    monkeypatch.setattr(page_parts, "store_path", lambda chapter, language: target)
    monkeypatch.setattr(page_parts, "_manifest_inputs", lambda: "inputs-now")
    page_parts._load.cache_clear()
    yield target
    page_parts._load.cache_clear()


def _write(target, inputs: str, parts: dict) -> None:
    target.write_text(json.dumps({"format": page_parts.FORMAT, "inputs": inputs, "parts": parts}))


def test_a_missing_store_says_run_make_data(store) -> None:
    with pytest.raises(page_parts.PartsNotBuilt, match="missing: run `make data`"):
        page_parts.parts("00_overview")


def test_a_store_built_from_other_inputs_says_run_make_data(store) -> None:
    _write(store, "inputs-before", {"takeaways": page_parts.encode(["one"])})
    with pytest.raises(page_parts.PartsNotBuilt, match="other data or code .* run `make data`"):
        page_parts.parts("00_overview")


def test_a_part_the_store_lacks_says_run_make_data(store) -> None:
    _write(store, "inputs-now", {"takeaways": page_parts.encode(["one"])})
    P = page_parts.parts("00_overview")
    assert P.text("takeaways") == ["one"]
    with pytest.raises(page_parts.PartsNotBuilt, match="no figure 'map'.*Run `make data`"):
        P.figure("map")


def test_the_page_shows_the_message_not_a_traceback(store) -> None:
    shell = InteractiveShell.instance()
    assert guard.install(shell)
    try:
        with capture_output() as cap:
            result = shell.run_cell("from widgets.page_parts import parts\nP = parts('00_overview')")
    finally:
        shell.set_custom_exc((), None)
        if guard._forgive in shell.events.callbacks["post_run_cell"]:
            shell.events.unregister("post_run_cell", guard._forgive)
    shown = "\n".join(o.data.get("text/html", "") for o in cap.outputs)
    assert "run `make data`" in shown and guard.MESSAGE not in shown
    assert "Traceback" not in cap.stdout + cap.stderr + shown
    assert result.success


def test_a_chapter_the_build_could_not_compute_says_so(store) -> None:
    store.write_text(json.dumps({"format": page_parts.FORMAT, "inputs": "inputs-now",
                                 "failed": "KeyError: figures not in the register: ['U001']"}))
    with pytest.raises(page_parts.PartsNotBuilt, match="could not be computed .*build_log.txt says why"):
        page_parts.parts("00_overview")
