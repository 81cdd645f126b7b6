"""Building blocks of a chapter page under Voilà: header, takeaways, judgements, figures with a table view,
what to watch, chapter navigation — and `setup()`, which guards the page's cells (`widgets.ui.guard`).

Markdown cells are static under Voilà, so anything with a computed number is rendered from here as HTML.
"""

from __future__ import annotations

import functools
import html
from typing import Callable, Iterable, Sequence

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from _plotly_utils import optional_imports
from IPython.display import HTML, display

from widgets import fmt
from widgets.editions.stamp import Stamp
from widgets.show import part
from widgets.ui import guard
from widgets.ui.edition import stamp_html
from widgets.vocabulary import CHAPTERS, Judgement  # noqa: F401 — re-exported: notebooks and scripts read them here

LOG = guard.LOG
# plotly's renderers import nbformat only for fig.show()'s version check, and nbformat imports jsonschema's format
# checkers (rfc3987_syntax compiles a grammar): ~1.2 s of every page's kernel (make bench). Pages display figures
# as mime bundles, never fig.show(), so plotly is told nbformat is absent; nbformat stays importable for others.
optional_imports._not_importable.add("nbformat")
# Static figures as a plotly mime bundle only: the "notebook" renderer would add a 4.6 MB script to every page.
pio.renderers.default = "plotly_mimetype"

CONFIDENCE_COLOURS = {"high": "#009E73", "moderate": "#E69F00", "low": "#D55E00"}


def esc(text: object) -> str:
    return html.escape(str(text))


def header(title: str, standfirst: str, stamp: Stamp) -> HTML:
    """Title, one-line standfirst and the edition stamp: edition, the page's one data cut-off, currency."""
    return HTML(f'<header class="briefing-header"><h1>{esc(title)}</h1>'
                f'<p class="standfirst">{esc(standfirst)}</p>{stamp_html(stamp)}</header>')


def takeaways(items: Sequence[str]) -> HTML:
    """Key takeaways: sentences whose numbers were computed by tested functions (passed in already formatted)."""
    lis = "".join(f"<li>{esc(i)}</li>" for i in items)
    return HTML(f'<section class="takeaways"><h3>Key takeaways</h3><ul>{lis}</ul></section>')


def judgements(items: Iterable[Judgement]) -> HTML:
    """Key judgements (from the editorial register, `widgets.analysis.editorial`)."""
    rows = "".join(
        f'<li><strong>{esc(j.statement)}</strong> <span class="confidence" style="color:'
        f'{CONFIDENCE_COLOURS.get(j.confidence, "#444")}">({esc(j.confidence)} confidence)</span><br>'
        f'<span class="evidence">Evidence: {esc(j.evidence)}</span></li>' for j in items)
    return HTML(f'<section class="judgements"><h3>Key judgements</h3><ul>{rows}</ul></section>')


def watch(items: Sequence[str]) -> HTML:
    lis = "".join(f"<li>{esc(i)}</li>" for i in items)
    return HTML(f'<section class="watch"><h3>What to watch</h3><ul>{lis}</ul></section>')


def note(text: str, kind: str = "info") -> HTML:
    """A boxed note: 'info' for limits and caveats, 'warning' for a message about bad input or missing data."""
    return HTML(f'<div class="briefing-note {esc(kind)}">{esc(text)}</div>')


def table_html(frame: pd.DataFrame, caption: str = "", max_rows: int = 500) -> str:
    shown = frame.head(max_rows)
    more = f"<p>Showing {max_rows} of {len(frame)} rows.</p>" if len(frame) > max_rows else ""
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    body = shown.to_html(index=False, escape=True, na_rep="unknown", border=0, classes="briefing-table")
    return body.replace('<table border="0" class="dataframe briefing-table">',
                        f'<table class="briefing-table">{cap}', 1) + more


@part
def table_view(frame: pd.DataFrame, title: str = "Show the numbers", caption: str = "") -> W.Accordion:
    """The same data as a chart, as a table, folded under the chart."""
    box = W.Accordion(children=[W.HTML(table_html(frame, caption))], selected_index=None)
    box.set_title(0, title)
    return box


class StaticFigure:
    """Displays a figure as plotly's mime bundle. go.Figure's own display goes through pio.show(), which refuses to
    render when nbformat is hidden from plotly (see above); the bundle itself needs no nbformat."""

    def __init__(self, fig: go.Figure) -> None:
        self.fig = fig

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return self.fig._repr_mimebundle_()

    def __repr__(self) -> str:
        return f"Figure: {self.fig.layout.title.text or ''}"


def figure(fig: go.Figure) -> StaticFigure:
    """A static plotly figure, drawn by plotly's JupyterLab renderer (bundled locally; no widget, no CDN)."""
    return StaticFigure(fig)


def figure_with_table(fig: go.Figure, frame: pd.DataFrame, caption: str = "") -> W.Accordion:
    """Display the figure, then return its table view (the cell's value: displayed after the figure)."""
    display(figure(fig))
    return table_view(frame, caption=caption)


@part
def links(html_text: str) -> W.HTML:
    """HTML holding links to other pages, as a widget so the browser follows them (see `nav`)."""
    return W.HTML(html_text)


def nav(current: str) -> W.HTML:
    """Links to the previous and next chapter and the contents; relative links work under Voilà's render URLs.

    An HTML widget, not an HTML output: JupyterLab's output renderer hands relative links to an in-app link
    handler, which under Voilà swallows the click; a widget's HTML is a plain link the browser follows.
    """
    names = [c[0] for c in CHAPTERS]
    i = names.index(current)
    prev_link = f'<a href="{CHAPTERS[i - 1][0]}">← {esc(CHAPTERS[i - 1][1])}</a>' if i > 0 else ""
    next_link = f'<a href="{CHAPTERS[i + 1][0]}">{esc(CHAPTERS[i + 1][1])} →</a>' if i + 1 < len(CHAPTERS) else ""
    items = " · ".join(f'<a href="{n}">{esc(t)}</a>' if n != current else f"<strong>{esc(t)}</strong>"
                       for n, t in CHAPTERS)
    bar = "display:flex;justify-content:space-between;gap:1em;font-family:system-ui,sans-serif;margin:0.3em 0"
    text = (f'<nav class="chapter-nav" aria-label="Chapters"><div class="prev-next" style="{bar}">'
            f'<span>{prev_link}</span><span>{next_link}</span></div>'
            f'<div class="contents" style="font-size:0.9em">Contents: {items}</div></nav>')
    return links(text)  # the export rewrites the .ipynb links to its own files


def setup() -> None:
    """A page's first call: from the next cell on, a cell that fails shows a short message, never a traceback
    (`widgets.ui.guard`: one guard for the page instead of one per cell)."""
    guard.install()


def safe(what: str) -> Callable:
    """For widget callbacks (slider moves), which run outside any cell: an error is logged, never a crash."""
    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception:  # noqa: BLE001
                LOG.exception("callback failed: %s", what)
                return None
        return inner
    return wrap
