"""The static export: its pre-computed controls hold what the tested functions give, and an exported chapter is
self-contained (no remote address, plotly.js once, no code, a source line under every figure)."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser

import nbformat
import pytest
from plotly.offline import get_plotlyjs

from widgets import loaders as L
from widgets import paths
from widgets.analysis import threat as A
from widgets.export import html as H
from widgets.export import views as V
from widgets.export.run import export
from widgets.figures import scenario_displacement, scenario_fuel, scenario_gold
from widgets.figures import threat as F
from widgets.scenarios import displacement, fuel, gold
from widgets.scenarios.base import defaults
from widgets.ui import guard

MODELS = {"fuel": (fuel, scenario_fuel.figure), "gold": (gold, scenario_gold.figure),
          "displacement": (displacement, scenario_displacement.figure)}
WIDTH = 8


@pytest.fixture(scope="module")
def events():
    return L.load_events()


@pytest.fixture(scope="module")
def catalogue():
    return L.load_catalogue()


@pytest.fixture(scope="module")
def windows(events):
    return V.threat_windows(events, WIDTH)


def apply_update(traces: list[dict], restyle: dict, indices: list[int] | None = None) -> list[dict]:
    """What Plotly.update does to the traces with a step's or button's restyle dict (KEEP leaves a value)."""
    out = copy.deepcopy(traces)
    indices = list(range(len(out))) if indices is None else indices
    for key, values in restyle.items():
        for i, value in zip(indices, values):
            if value == V.KEEP:
                continue
            node, *path = key.split(".")
            target = out[i]
            for part in [node, *path][:-1]:
                target = target.setdefault(part, {})
            target[key.split(".")[-1]] = value
    return out


def drawn(traces: list[dict]) -> list[dict]:
    """The JSON-ready values of the traces, to compare with a figure built directly."""
    return [V.flat_paths(t) for t in traces]


# --- threat windows ----------------------------------------------------------------------------------------
def test_windows_cover_the_record_one_week_apart(events, windows):
    weeks = A.week_starts(events)
    assert len(windows) == len(weeks) - WIDTH + 1
    assert [w.start for w in windows] == weeks[:len(windows)]
    assert all((w.end - w.start).days == 7 * WIDTH - 1 for w in windows)


def test_timeline_slider_steps_hold_the_analysis_counts(events, catalogue, windows):
    fig = V.threat_timeline(events, windows, catalogue=catalogue)
    spec = json.loads(fig.to_json())
    steps = spec["layout"]["sliders"][0]["steps"]
    assert len(steps) == len(windows)
    assert spec["layout"]["sliders"][0]["active"] == len(windows) - 1
    counts = set()
    for step, w in zip(steps, windows):
        assert step["method"] == "update"
        traces = apply_update(spec["data"], step["args"][0])
        in_colour = sum(len(t.get("x") or []) for t in traces if t["name"] != F.OUTSIDE)
        selected = A.select(events, w.start, w.end)
        assert in_colour == len(selected) == w.count
        text = next(v for k, v in step["args"][1].items() if k.startswith("annotations["))
        n_agg = len(A.select(events, w.start, w.end, aggregate=True))
        assert text.replace("<br>", " ") == A.selection_sentence(selected, w.start, w.end, n_agg)
        assert text.startswith(f"{w.count} event")
        counts.add(w.count)
    assert len(counts) > 1, "every window shows the same count: the slider would change nothing"


def test_map_slider_steps_shade_the_regions_of_each_window(events, catalogue, windows):
    points = L.load_event_points()
    fig = V.threat_map(events, points, L.load_countries(), L.load_regions(), L.load_rivers(), windows,
                       catalogue=catalogue, n_unresolved=len(L.load_events_unresolved()))
    spec = json.loads(fig.to_json())
    steps = spec["layout"]["sliders"][0]["steps"]
    for step, w in list(zip(steps, windows))[:: max(1, len(windows) // 6)]:
        data, layout, indices = step["args"]
        traces = apply_update(spec["data"], data, indices)
        counts = dict(A.count_by_region(A.select(events, w.start, w.end)).itertuples(index=False))
        for t in traces:
            if t["name"].startswith(F.REGION_PREFIX):
                name = t["name"][len(F.REGION_PREFIX):]
                assert t["text"].startswith(f"{name}: {counts.get(name, 0)} reported")
        towns = A.located_towns(points, A.select(events, w.start, w.end))
        town_trace = next(t for t in traces if t["name"] == F.TOWN_TRACE)
        assert len(town_trace["lon"]) == len(towns)
        assert layout["title.text"].endswith(")") or "No reported incident" in layout["title.text"]


# --- scenario presets --------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", MODELS)
def test_presets_are_named_explained_and_in_range(name):
    model, _ = MODELS[name]
    params = {p.key: p for p in model.PARAMS}
    assert len(model.PRESETS) >= 3
    assert model.PRESETS[0].values == {} and "baseline" in model.PRESETS[0].label.lower()
    assert len({p.label for p in model.PRESETS}) == len(model.PRESETS)
    for preset in model.PRESETS:
        assert preset.why.strip() and preset.why.strip().endswith(".")
        for key, value in preset.values.items():
            assert key in params, f"{preset.label}: unknown parameter {key}"
            assert params[key].low <= value <= params[key].high, f"{preset.label}: {key}={value} out of range"
    runs = [model.run(p.full_values(model.PARAMS)).headline for p in model.PRESETS]
    assert all(run != runs[0] for run in runs[1:]), "a preset gives the baseline's numbers"


@pytest.mark.parametrize("name", MODELS)
def test_each_preset_button_draws_the_models_run(name, catalogue):
    model, figure = MODELS[name]
    fig = V.scenario_figure(model, figure, catalogue=catalogue, group=name)
    spec = json.loads(fig.to_json())
    buttons = spec["layout"]["updatemenus"][0]["buttons"]
    assert [b["label"] for b in buttons] == [p.label for p in model.PRESETS]
    baseline = model.run(defaults(model.PARAMS))
    for button, preset in zip(buttons, model.PRESETS):
        direct = json.loads(figure(baseline, model.run(preset.full_values(model.PARAMS)), catalogue=catalogue).to_json())
        assert drawn(apply_update(spec["data"], button["args"][0])) == drawn(direct["data"]), preset.label
        assert button["args"][1]["title.text"] == direct["layout"]["title"]["text"]
        # The axes and the downloads' metadata follow the preset too (a one-year preset ends its year axis at 1).
        assert button["args"][1]["meta"]["title"] == direct["layout"]["meta"]["title"], preset.label
        for axis in ("xaxis", "xaxis2"):
            if direct["layout"].get(axis, {}).get("range") is not None:
                assert button["args"][1][f"{axis}.range"] == direct["layout"][axis]["range"], preset.label
    assert spec["layout"]["meta"]["preset_group"] == name


@pytest.mark.parametrize("name", MODELS)
def test_one_table_per_preset_with_the_models_summary(name):
    model, _ = MODELS[name]
    text = V.presets_html(model, group=name, table=lambda frame, caption: frame.to_html())
    assert text.count('class="preset-table"') == len(model.PRESETS)
    assert text.count(" hidden>") == len(model.PRESETS) - 1
    baseline = model.run(defaults(model.PARAMS))
    for preset in model.PRESETS[1:]:
        summary = model.summary(baseline, model.run(preset.full_values(model.PARAMS)))
        assert summary.to_html() in text
    assert "assumptions" in text.lower()


# --- html conversion ---------------------------------------------------------------------------------------
def _notebook(outputs: list[dict]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("secret_code_line()")
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    nb.cells = [nbformat.v4.new_markdown_cell("## Heading\n\nSome *prose*."), cell]
    return nb


def test_a_widget_output_fails_the_export():
    widget = {"output_type": "display_data", "metadata": {},
              "data": {H.WIDGET_MIME: {"model_id": "x", "version_major": 2, "version_minor": 0},
                       "text/plain": "VBox()"}}
    with pytest.raises(H.ExportError, match="widget"):
        H.chapter(_notebook([widget]), "x", "X")


def test_a_figure_without_source_line_fails_the_export():
    fig = {"output_type": "display_data", "metadata": {}, "data": {H.PLOTLY_MIME: {"data": [], "layout": {}}}}
    with pytest.raises(H.ExportError, match="source line"):
        H.chapter(_notebook([fig]), "x", "X")


def test_a_part_that_could_not_be_drawn_fails_the_export():
    """A live page shows the guard's message and goes on; a published file must not ship it."""
    failed = {"output_type": "display_data", "metadata": {}, "data": {"text/html": guard.message().data}}
    with pytest.raises(H.ExportError, match="could not be drawn"):
        H.chapter(_notebook([failed]), "x", "X")


def test_markdown_and_html_kept_code_dropped():
    out = {"output_type": "display_data", "metadata": {}, "data": {"text/html": "<p>computed 42</p>"}}
    chapter = H.chapter(_notebook([out]), "x", "X")
    assert "<em>prose</em>" in chapter.body and "<p>computed 42</p>" in chapter.body
    assert "secret_code_line" not in chapter.body


def test_a_french_export_shows_current_translations_and_english_otherwise(tmp_path, monkeypatch):
    """An export in French: a markdown cell with a current translation shows it, a stale one its English; the page
    says its language in <html lang>, which the template's scripts read for their words."""
    from widgets import narrative

    nb = _notebook([])
    nb.cells.insert(1, nbformat.v4.new_markdown_cell("## Limits\n\nSilence is not evidence."))
    first, second = nb.cells[0], nb.cells[1]
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "x.json").write_text(json.dumps({"language": "fr", "notebook": "x.ipynb", "cells": {
        first.id: {"en_sha256": narrative.source_hash(first.source), "text": "## Titre\n\nDe la *prose*."},
        second.id: {"en_sha256": narrative.source_hash("## Limits (older)"), "text": "## Limites"}}}), encoding="utf-8")
    monkeypatch.setattr(narrative, "TRANSLATIONS", tmp_path)
    french = H.chapter(nb, "x", "X", language="fr").body
    assert "De la <em>prose</em>" in french and "Some <em>prose</em>" not in french
    assert "Silence is not evidence." in french and "Limites" not in french  # stale: the English
    assert "Some <em>prose</em>" in H.chapter(nb, "x", "X").body  # English export unchanged
    page = H.document([H.chapter(nb, "x", "X", language="fr")], title="t", config={}, static_dir=tmp_path,
                      language="fr")
    assert '<html lang="fr">' in page
    assert '<html lang="en">' in H.document([H.chapter(nb, "x", "X")], title="t", config={}, static_dir=tmp_path)


def test_chapter_links_point_to_exported_files_or_anchors():
    body = '<a href="02_corridors.ipynb">next</a> <a href="https://example.org">x</a>'
    assert H.relink(body, single_file=False).startswith('<a href="02_corridors.html">')
    assert H.relink(body, single_file=True).startswith('<a href="#02_corridors">')


# --- a real export ------------------------------------------------------------------------------------------
class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [(tag, k, v or "") for k, v in attrs if k in ("src", "href", "srcset", "action", "data")]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    files = export(["03_gold.ipynb"], out, workers=1)
    return {f.name: f.read_text(encoding="utf-8") for f in files}


@pytest.mark.notebooks
def test_export_is_self_contained(exported):
    page = exported["03_gold.html"]
    parser = _Attributes()
    parser.feed(page)
    remote = [u for u in parser.urls if re.match(r"\s*(https?:)?//", u[2], re.IGNORECASE)]
    assert remote == [], remote
    assert page.count(get_plotlyjs()[:300]) == 1, "plotly.js must be inlined exactly once"
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page, re.IGNORECASE)


@pytest.mark.notebooks
def test_export_shows_no_code_and_no_widget(exported):
    page = re.search(r'<main id="rendered_cells">(.*)</main>', exported["03_gold.html"], re.S).group(1)
    source = "\n".join(c.source for c in nbformat.read(paths.NOTEBOOKS / "03_gold.ipynb", as_version=4).cells
                       if c.cell_type == "code")
    code_lines = [ln.strip() for ln in source.splitlines()
                  if re.match(r"\s*(from |import )", ln) or "page." in ln]
    assert code_lines, "the notebook has no code to look for"
    for line in code_lines:
        assert H.html.escape(line) not in page and line not in page, f"code shown: {line}"
    assert "page.setup" not in page and "jupyter-widgets" not in page and H.WIDGET_MIME not in page


@pytest.mark.notebooks
def test_every_exported_figure_has_its_source_line(exported):
    page = exported["03_gold.html"]
    figures = re.findall(r'<figure class="briefing-figure"[^>]*>.*?</figure>', page, re.S)
    assert len(figures) >= 3
    for block in figures:
        spec = json.loads(re.search(r'class="figure-data"[^>]*>(.*?)</script>', block, re.S).group(1))
        line = spec["layout"]["meta"]["source_line"]
        assert line.startswith("Source")
        caption = re.search(r'<figcaption class="figure-source">(.*?)</figcaption>', block, re.S).group(1)
        assert caption == H.html.escape(line)
        assert any(a.get("name") == "source-line" for a in spec["layout"].get("annotations", []))
    assert page.count('class="plotly-figure"') == len(figures)
    assert "updatemenus" in page, "the gold scenario's preset buttons are missing"


@pytest.mark.notebooks
def test_export_is_deterministic(exported, tmp_path):
    """Same data, same files: nothing in the export depends on the time or the machine's state."""
    again = export(["03_gold.ipynb"], tmp_path, workers=1)
    assert {f.name: f.read_text(encoding="utf-8") for f in again} == exported


def test_the_exports_static_panels_speak_the_pages_language(events):
    # Seen failing before: the French export's change flags, scenario presets, assumptions and "in the live app"
    # notes were written in English in the code ("Change against the preceding window", "Scenario presets").
    from widgets import fmt
    from widgets import html_parts as page
    from widgets.export import panels as P
    english = ("Change against the preceding window", "Reported incidents from", "region not stated",
               "events in window", "Scenario presets", "Each button above the chart", "Values (assumptions",
               "side by side", "Assumptions and limits", "In the live app", "Show the numbers")
    window = V.threat_windows(events, WIDTH)[-1]
    with fmt.using("fr"):
        shown = [V.flags_html(events, window, events["date_start"].min()),
                 V.presets_html(gold, group="gold", table=page.table_html), V.assumptions_html(gold),
                 P.corridor_upload_note(dict).data, P.table_view(events.head(1)).data]
    left = [(phrase, i) for i, text in enumerate(shown) for phrase in english if phrase in text]
    assert left == [], left
    assert "Scénarios types" in shown[1] and "Hypothèses et limites" in shown[2]
    with fmt.using("en"):
        assert "Scenario presets" in V.presets_html(gold, group="gold", table=page.table_html)
