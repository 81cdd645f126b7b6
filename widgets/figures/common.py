"""What every figure carries: an active title, and the source line and data cut-off under it (from the catalogue).

Figure builders call `finish()` last, so no notebook can forget a source. `layout.meta` holds what the page's
download buttons and the static export read (widgets.figures.meta): source_ids, source_line, note, title, cutoff,
cutoff_text, alt, slug and csv_header. A builder that changes the data or the title after `finish()` (the threat
chapter's restyle functions) calls `refresh_meta()` so the alt text and the title follow.
"""

from __future__ import annotations

import html
import textwrap
from typing import Iterable

import plotly.graph_objects as go
import plotly.io as pio

from widgets import fmt
from widgets.catalogue import Catalogue
from widgets.figures import meta as M
from widgets.figures.theme import MUTED, PALETTE, TEMPLATE
from widgets.i18n import _

TITLE_PAD_PX, TITLE_LINE_PX = 12, 22  # a title's distance from the top edge, and the height of one of its lines
SOURCE_WRAP = 130  # characters per line of the source footer at the default width
# Without a width plotly falls back to 700 px in a widget view under Voilà; the report column holds ~1,000 px.
WIDTH = 1000
# An analyst's uploaded events (widgets/byod) are drawn in this colour, with their own source line above the plot.
YOURS_COLOUR = PALETTE[4]
YOURS_SOURCE = "your-source-line"
YOURS_PREFIX = "Your data: "
YOURS_LINES_PX = 34


# The figure toolbar: no link to plotly's site and only zoom, pan and reset (each button is a tab stop; the page
# has its own PNG/SVG/CSV downloads, so plotly's camera button goes too).
MODEBAR_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": [
    "toImage", "select2d", "lasso2d", "autoScale2d", "zoomIn2d", "zoomOut2d", "hoverClosestCartesian",
    "hoverCompareCartesian", "toggleSpikelines", "hoverClosestGeo", "toggleHover", "sendDataToCloud",
    "hoverClosestGl2d", "hoverClosestPie", "resetViews", "resetViewMapbox"]}
# Static figures are drawn by plotly's JupyterLab renderer, which passes its `config` with every figure.
pio.renderers["plotly_mimetype"].config = MODEBAR_CONFIG


def finish(fig: go.Figure, *, title: str, catalogue: Catalogue, source_ids: Iterable[str], note: str = "",
           height: int = 520, axis_space: int = 0) -> go.Figure:
    """Apply the theme, the active title and the source footer (plus an optional note on method or limits, and the
    data cut-off on a line of its own), and fill `layout.meta`.

    `axis_space` (px) moves the footer below an x-axis's tick labels and title, which sit in the bottom margin.
    """
    ids = [i for i in dict.fromkeys(source_ids) if i]
    line = catalogue.source_line(ids)
    meta = M.figure_meta(fig, catalogue, title=title, ids=ids, source_line=line, note=note)
    footer = "<br>".join(textwrap.wrap(line, SOURCE_WRAP) + (textwrap.wrap(note, SOURCE_WRAP) if note else [])
                         + textwrap.wrap(meta["cutoff_text"], SOURCE_WRAP))
    lines = footer.count("<br>") + 1
    # The title hangs from the top edge and the top margin grows with its lines, so a two-line title never runs
    # into the plot (plotly's default centres it in a fixed margin).
    title_lines = title.count("<br>") + 1
    fig.update_layout(
        template=TEMPLATE, height=height + 16 * lines, width=fig.layout.width or WIDTH,
        title=dict(text=title, yref="container", y=1, yanchor="top", pad=dict(t=TITLE_PAD_PX)),
        margin=dict(l=10, r=10, t=max(60, TITLE_PAD_PX + TITLE_LINE_PX * title_lines + 14), b=30 + 16 * lines),
        meta=meta,
    )
    if fmt.language() == "fr":  # plotly's own numbers (axes, hover) with a decimal comma and thin-space thousands
        fig.update_layout(separators=",\u202f")
    fig.add_annotation(text=footer, showarrow=False, xref="paper", yref="paper", x=0, y=0, xanchor="left",
                       yanchor="top", yshift=-12, align="left", font=dict(size=11, color=MUTED),
                       name="source-line")
    return make_room(fig, axis_space)


def make_room(fig: go.Figure, below: int = 0, *, top: int = 0, left: int | None = None) -> go.Figure:
    """Grow a finished figure's margins and keep the source footer under everything.

    `below` (px) clears x-axis tick labels, axis titles or a legend, which sit in the bottom margin above the
    footer; `top` makes room for a two-line title or a top legend; `left` widens the left margin for long category
    labels and shifts the footer back to the figure's left edge (it is anchored to the plot area).
    """
    fig.update_layout(height=fig.layout.height + below + top,
                      margin=dict(b=fig.layout.margin.b + below, t=fig.layout.margin.t + top))
    footer = dict(yshift=-12 - below - _footer_offset(fig))
    if left is not None:
        fig.update_layout(margin_l=left)
        footer["xshift"] = -(left - 10)
    fig.update_annotations(selector=dict(name="source-line"), **footer)
    return fig


def _footer_offset(fig: go.Figure) -> int:
    """How far below its default position earlier make_room calls already moved the footer."""
    notes = [a for a in fig.layout.annotations if a.name == "source-line"]
    return -12 - int(notes[0].yshift) if notes and notes[0].yshift is not None else 0


def grow_with_labels(fig: go.Figure) -> go.Figure:
    """Mark a chart whose data labels sit in tight rows (bars side by side, close points): the projector theme
    stretches its plot with the labels' growth (briefing-figures.js). Other charts keep their height, so a slide
    need not shrink them."""
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    meta["grow_with_labels"] = True
    fig.layout.meta = meta
    return fig


def refresh_meta(fig: go.Figure) -> None:
    """Re-derive the title, alt text and slug in `layout.meta` from the figure as it now stands (after a restyle)."""
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    title = M.plain_text(fig.layout.title.text)
    meta.update(title=title, alt=M.alt_text(fig, title), slug=M.slug(title))
    if meta.get("csv_header"):
        meta["csv_header"] = [title or _("Figure"), *meta["csv_header"][1:]]
    fig.layout.meta = meta


def source_ids_of(fig: go.Figure) -> list[str]:
    meta = fig.layout.meta or {}
    return list(meta.get("source_ids", [])) if isinstance(meta, dict) else []


def set_extra_source(fig: go.Figure, text: str) -> None:
    """Show (or clear, with '') the source line of an analyst's uploaded data: just above the plot, in the colour of
    their points, so a screenshot never shows their events without saying whose they are, and in the CSV download's
    header, so the file does not either. `text` starts with 'Your data: '."""
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    if meta.get("csv_header"):
        header = [line for line in meta["csv_header"] if not line.startswith(YOURS_PREFIX)]
        meta["csv_header"] = header[:2] + ([M.plain_text(text)] if text else []) + header[2:]
        fig.layout.meta = meta
    wrapped = "<br>".join(textwrap.wrap(html.escape(text, quote=False), 150))
    for note in fig.layout.annotations:
        if note.name == YOURS_SOURCE:
            note.text = wrapped or " "
            return
    if text:
        # Room above the plot for up to two lines, under the title (else the line runs into the title).
        make_room(fig, top=YOURS_LINES_PX)
        fig.add_annotation(text=wrapped, name=YOURS_SOURCE, showarrow=False, xref="paper", yref="paper", x=0, y=1,
                           xanchor="left", yanchor="bottom", yshift=4, align="left",
                           font=dict(size=11, color=YOURS_COLOUR))
