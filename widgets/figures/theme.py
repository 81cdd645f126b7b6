"""One look for every figure and page: colour-blind-safe palette (Okabe–Ito), fonts, margins, and the three
reading themes of the page (light, dark, projector) as plain data.

Figures are always built in the light look (`TEMPLATE`); the page's JavaScript recolours them for the other
themes through `PageTheme.figure`, a map "colour as built → colour shown", and maps them back to light for
downloads. `scripts/make_template_assets.py` turns `THEMES` into the template's CSS custom properties and JS
config, so this module stays the one place where colours are decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

# Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
INK, MUTED, GRID, LAND, LAND_FOCUS, WATER = "#222222", "#6b6b6b", "#e3e3e3", "#f2f0eb", "#e4ddd0", "#9cc3e0"
PAPER = "#ffffff"
FONT = "Helvetica Neue, Helvetica, Arial, sans-serif"

TEMPLATE = go.layout.Template(layout=go.Layout(
    font=dict(family=FONT, size=13, color=INK),
    title=dict(x=0.0, xanchor="left", font=dict(size=17)),
    colorway=PALETTE,
    paper_bgcolor="white", plot_bgcolor="white",
    xaxis=dict(gridcolor=GRID, zeroline=False, linecolor=MUTED),
    yaxis=dict(gridcolor=GRID, zeroline=False, linecolor=MUTED),
    legend=dict(bgcolor="rgba(255,255,255,0.8)"),
    hoverlabel=dict(font=dict(family=FONT)),
))

# Neutral colours the figure modules use besides the constants above (map sea, borders, region outlines, the
# "selected weeks" band) and plotly's own default ink (#444, ticks and legend borders).
SEA, BORDER, REGION_LINE, PLOTLY_INK, WINDOW_BAND = "#dceaf4", "#9a9a9a", "#b5a990", "#444444", "#fff3c4"
LEGEND_BG = "rgba(255,255,255,0.8)"
# The threat map's count bins (widgets/figures/threat.py BIN_COLOURS), light to dark; labels on the two darkest
# are white, on the others INK.
COUNT_BINS = ["#f4f4f4", "#c6dbef", "#9ecae1", "#4a8fc4", "#1f5f99"]


@dataclass(frozen=True)
class FigureText:
    """Figure text under a theme: every size multiplied by `scale`, and never below `min_px`."""

    scale: float
    min_px: int


@dataclass(frozen=True)
class PageTheme:
    """A reading theme: CSS custom properties for the page, and how figure colours change under it."""

    name: str
    label: str
    css: dict[str, str]  # custom property (with its leading --) → value
    figure: dict[str, str] = field(default_factory=dict)  # light colour in a built figure → colour shown
    # How the page enlarges every text of a figure under this theme: each size × scale, at least min px (None:
    # the sizes the figure was built with). The template's briefing-figures.js applies it.
    figure_text: FigureText | None = None



# Page colours shared by the themes' CSS: the briefing's own properties, then JupyterLab's (--jp-*), which the
# ipywidgets (sliders, dropdowns, accordions) and the rendered tables read.
def _page(*, bg: str, band: str, hover: str, ink: str, muted: str, rule: str, link: str, focus: str, note: str,
          warning: str, bar: str, size: str, table_size: str, layout: tuple[str, str, str, str],
          border: tuple[str, str, str], field_bg: str) -> dict[str, str]:
    return {
        "--briefing-bg": bg, "--briefing-band": band, "--briefing-hover": hover, "--briefing-ink": ink,
        "--briefing-muted": muted, "--briefing-rule": rule, "--briefing-link": link, "--briefing-focus": focus,
        "--briefing-note-bg": note, "--briefing-warning-bg": warning, "--briefing-bar-bg": bar,
        "--briefing-size": size, "--briefing-table-size": table_size,
        "--jp-layout-color0": bg, "--jp-layout-color1": layout[0], "--jp-layout-color2": layout[1],
        "--jp-layout-color3": layout[2], "--jp-layout-color4": layout[3],
        "--jp-ui-font-color0": ink, "--jp-ui-font-color1": ink, "--jp-ui-font-color2": muted,
        "--jp-ui-font-color3": muted,
        "--jp-content-font-color0": ink, "--jp-content-font-color1": ink, "--jp-content-font-color2": muted,
        "--jp-content-font-color3": muted, "--jp-content-link-color": link,
        "--jp-border-color0": border[0], "--jp-border-color1": border[0], "--jp-border-color2": border[1],
        "--jp-border-color3": border[2],
        "--jp-rendermime-table-row-background": band, "--jp-rendermime-table-row-hover-background": hover,
        "--jp-widgets-color": ink, "--jp-widgets-label-color": ink, "--jp-widgets-readout-color": ink,
        "--jp-widgets-input-color": ink, "--jp-widgets-input-background-color": field_bg,
        "--jp-widgets-input-border-color": border[0], "--jp-widgets-input-focus-border-color": focus,
        "--jp-widgets-slider-handle-background-color": field_bg, "--jp-widgets-slider-handle-border-color": ink,
        "--jp-widgets-slider-active-handle-color": ink, "--jp-widgets-slider-border-color": border[0],
        "--jp-widgets-disabled-opacity": "0.6",
    }


LIGHT = PageTheme("light", "Light", _page(
    bg="#ffffff", band="#f6f8fa", hover="#eaeef2", ink="#1f2328", muted="#57606a", rule="#d0d7de", link="#0b5cad",
    focus="#0b5cad", note="#f3f6f9", warning="#fff4e5", bar="#f6f8fa", size="17px", table_size="14px",
    layout=("#ffffff", "#eeeeee", "#e0e0e0", "#bdbdbd"), border=("#8c959f", "#d0d7de", "#eaeef2"),
    field_bg="#ffffff"))

DARK = PageTheme("dark", "Dark", _page(
    bg="#16191d", band="#1e2227", hover="#2a3038", ink="#e6e6e6", muted="#a9b1ba", rule="#3b424a", link="#8cc4ff",
    focus="#ffd23f", note="#1f262e", warning="#3a2e12", bar="#1e2227", size="17px", table_size="14px",
    layout=("#1e2227", "#262b31", "#30363d", "#3b424a"), border=("#6e7781", "#3b424a", "#2a3038"),
    field_bg="#262b31"), figure={
    PAPER: "#16191d", INK: "#e6e6e6", MUTED: "#a9b1ba", GRID: "#31373e", PLOTLY_INK: "#c2c8ce",
    LAND: "#2b2f35", LAND_FOCUS: "#4a4438", SEA: "#1b2a38", WATER: "#3f6f94", BORDER: "#6d747b",
    REGION_LINE: "#8a7f66", WINDOW_BAND: "#5c4e1c", LEGEND_BG: "rgba(22,25,29,0.8)",
    "#000000": "#f5f5f5",  # Okabe–Ito black would vanish on a dark background
    # Count bins run dark to light on a dark page (more = brighter); their labels swap with INK and white.
    **dict(zip(COUNT_BINS, ["#2b3139", "#1d3a57", "#2c5f8a", "#79acd8", "#b9d7f0"])),
})

# For a room projector: black on white, stronger lines and shading (projectors wash out pale greys), bigger type.
PROJECTOR = PageTheme("projector", "Projector", _page(
    bg="#ffffff", band="#eeeeee", hover="#dddddd", ink="#000000", muted="#2b2b2b", rule="#555555", link="#003a80",
    focus="#c00000", note="#eeeeee", warning="#ffe9c7", bar="#ffffff", size="22px", table_size="18px",
    layout=("#ffffff", "#e6e6e6", "#cccccc", "#999999"), border=("#333333", "#555555", "#888888"),
    field_bg="#ffffff"), figure={
    INK: "#050505", MUTED: "#2e2e2e", GRID: "#b8b8b8", PLOTLY_INK: "#111111", LAND: "#e6e1d6",
    LAND_FOCUS: "#cfc4ae", SEA: "#c4dbee", BORDER: "#5e5e5e", REGION_LINE: "#7d6f4f", WINDOW_BAND: "#ffe48a",
}, figure_text=FigureText(scale=22 / 17, min_px=18))  # figures grow like the page's text (17 → 22 px), 18 px at least


THEMES: dict[str, PageTheme] = {t.name: t for t in (LIGHT, DARK, PROJECTOR)}
DEFAULT_THEME = "light"
