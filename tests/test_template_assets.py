"""The template's generated static files match the theme module and the chapter list they are generated from."""

from __future__ import annotations

import importlib.util
import json
import re

import pytest

from widgets.figures.theme import THEMES, PageTheme
from widgets.paths import ROOT
from widgets.ui.page import CHAPTERS

spec = importlib.util.spec_from_file_location("make_template_assets", ROOT / "scripts" / "make_template_assets.py")
assets = importlib.util.module_from_spec(spec)
spec.loader.exec_module(assets)


def test_committed_assets_match_the_generator() -> None:
    for path, text in assets.render_assets().items():
        assert path.exists(), f"{path} is missing: run `python scripts/make_template_assets.py`"
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} differs from what scripts/make_template_assets.py writes: run it and commit the result")


def test_config_holds_every_chapter_and_theme() -> None:
    text = assets.config_js(THEMES)
    config = json.loads(re.search(r"window\.BRIEFING_DEFAULTS = (\{.*\});", text, re.S).group(1))
    assert [c["href"] for c in config["chapters"]] == [name for name, _title in CHAPTERS]
    assert {t["name"] for t in config["themes"]} == {"light", "dark", "projector"}
    dark = next(t for t in config["themes"] if t["name"] == "dark")
    assert dark["figure"]["#ffffff"] != "#ffffff" and "#000000" in dark["figure"]  # paper and Okabe–Ito black


def test_every_theme_sets_the_same_page_properties() -> None:
    names = {name: set(theme.css) for name, theme in THEMES.items()}
    assert len({frozenset(v) for v in names.values()}) == 1, names
    css = assets.themes_css(THEMES)
    for name in THEMES:
        assert f'html[data-briefing-theme="{name}"]' in css


def test_an_ambiguous_colour_map_is_refused() -> None:
    clash = {"a": PageTheme("a", "A", {}, {"#222222": "#eeeeee", "#333333": "#EEE"})}
    with pytest.raises(ValueError, match="map back"):
        assets.check_reversible(clash)
    loop = {"b": PageTheme("b", "B", {}, {"#222222": "#ffffff", "white": "#000000"})}
    with pytest.raises(ValueError, match="ambiguous"):
        assets.check_reversible(loop)


def test_the_threat_maps_count_bins_have_dark_counterparts() -> None:
    from widgets.figures import theme, threat

    assert threat.BIN_COLOURS == theme.COUNT_BINS  # theme.py keys the dark bins on these colours
    dark = {assets.canonical(k) for k in theme.DARK.figure}
    assert all(assets.canonical(c) in dark for c in threat.BIN_COLOURS)


def test_every_translucent_background_in_the_figures_has_a_dark_counterpart() -> None:
    """The overview map's legend was built on rgba(255,255,255,0.85), a colour the dark theme does not know: in dark
    its text turned light on a box that stayed white (read on a screenshot, 4 Dec 2026)."""
    from widgets.figures import theme

    dark = {assets.canonical(k) for k in theme.DARK.figure}
    pale = re.compile(r"rgba\(\s*(2[0-5]\d)\s*,\s*(2[0-5]\d)\s*,\s*(2[0-5]\d)\s*,[^)]*\)")  # near-white, any alpha
    used = {(path.name, m.group(0)) for path in (ROOT / "widgets" / "figures").glob("*.py") if path.name != "theme.py"
            for m in pale.finditer(path.read_text(encoding="utf-8"))}
    assert [(name, c) for name, c in sorted(used) if assets.canonical(c) not in dark] == []


# ---------------------------------------------------------------- the template's JavaScript, one file per job
STATIC = ROOT / "share" / "jupyter" / "voila" / "templates" / "briefing" / "static"
TEMPLATE = STATIC.parent / "index.html.j2"
JOBS = sorted(p for p in STATIC.glob("briefing-*.js") if p.name not in {"briefing-config.js", "briefing-widgets.js"})


def test_every_script_has_one_job_a_header_and_at_most_400_lines() -> None:
    assert len(JOBS) >= 8, [p.name for p in JOBS]
    for path in [*JOBS, STATIC / "briefing.js", STATIC / "briefing-widgets.js"]:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("/* "), f"{path.name} must open with a header comment saying its job"
        assert len(text.splitlines()) <= 400, f"{path.name} has {len(text.splitlines())} lines (limit 400): split it"
    for path in JOBS + [STATIC / "briefing.js"]:
        assert "Job:" in path.read_text(encoding="utf-8").split("*/", 1)[0], path.name


def test_the_template_loads_every_script_after_the_config_and_briefing_js_last() -> None:
    loaded = re.findall(r'include_js\("static/(briefing[^"]*\.js)"\)', TEMPLATE.read_text(encoding="utf-8"))
    assert set(loaded) == {p.name for p in STATIC.glob("briefing*.js")}, "a static script is not loaded"
    assert loaded[0] == "briefing-config.js"
    assert loaded.index("briefing.js") == len(JOBS) + 1, loaded  # after config and every job file
    # The static export inlines the files in name order (widgets/export/html.py): briefing.js must sort last.
    assert sorted(p.name for p in STATIC.glob("*.js"))[-1] == "briefing.js"
