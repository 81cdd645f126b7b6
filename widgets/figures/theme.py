"""One look for every figure: colour-blind-safe palette (Okabe–Ito), fonts, margins."""

from __future__ import annotations

import plotly.graph_objects as go

# Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
INK, MUTED, GRID, LAND, LAND_FOCUS, WATER = "#222222", "#6b6b6b", "#e3e3e3", "#f2f0eb", "#e4ddd0", "#9cc3e0"
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
