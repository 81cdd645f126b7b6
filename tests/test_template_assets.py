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
