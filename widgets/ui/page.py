"""Building blocks of a chapter page under Voilà: header, takeaways, judgements, figures with a table view,
what to watch, chapter navigation — and `setup()`, which guards the page's cells (`widgets.ui.guard`).

Markdown cells are static under Voilà, so anything with a computed number is rendered from here as HTML.
"""

from __future__ import annotations

import functools
from typing import Callable, Iterable, Sequence

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML, display

from widgets import fmt
from widgets.i18n import N_, _
from widgets.html_parts import StaticFigure, esc, figure, note, table_html  # noqa: F401 — the pages' calls
from widgets.editions.stamp import Stamp
from widgets.show import part
from widgets.ui import guard, url_state
from widgets.ui.edition import stamp_html
from widgets.vocabulary import CHAPTERS, Judgement  # noqa: F401 — re-exported: notebooks and scripts read them here

LOG = guard.LOG
CONFIDENCE_COLOURS = {"high": "#009E73", "moderate": "#E69F00", "low": "#D55E00"}
# "medium" is the events register's middle level, "moderate" the judgements'.
CONFIDENCE_WORDS = {"high": N_("high confidence"), "moderate": N_("moderate confidence"),
                    "medium": N_("medium confidence"), "low": N_("low confidence")}


def header(title: str, standfirst: str, stamp: Stamp) -> HTML:
    """Title, one-line standfirst and the edition stamp: edition, the page's one data cut-off, currency. Title and
    standfirst are the notebook's English, translated here (widgets/i18n_extract.py puts them in the catalogue)."""
    return HTML(f'<header class="briefing-header"><h1>{esc(_(title))}</h1>'
                f'<p class="standfirst">{esc(_(standfirst))}</p>{stamp_html(stamp)}</header>')


def takeaways(items: Sequence[str]) -> HTML:
    """Key takeaways: sentences whose numbers were computed by tested functions (passed in already formatted)."""
    lis = "".join(f"<li>{esc(i)}</li>" for i in items)
    heading = _("Key takeaways")
    return HTML(f'<section class="takeaways"><h3>{heading}</h3><ul>{lis}</ul></section>')


def judgements(items: Iterable[Judgement]) -> HTML:
    """Key judgements (from the editorial register, `widgets.analysis.editorial`)."""
    evidence, heading = _("Evidence: {evidence}"), _("Key judgements")
    rows = "".join(
        f'<li><strong>{esc(j.statement)}</strong> <span class="confidence" style="color:'
        f'{CONFIDENCE_COLOURS.get(j.confidence, "#444")}">({esc(confidence_words(j.confidence))})</span><br>'
        f'<span class="evidence">{esc(evidence.format(evidence=j.evidence))}</span></li>' for j in items)
    return HTML(f'<section class="judgements"><h3>{heading}</h3><ul>{rows}</ul></section>')


def confidence_words(level: str) -> str:
    """'high' → 'high confidence' ('confiance élevée'); a level the register does not define is shown as given."""
    return _(CONFIDENCE_WORDS[level]) if level in CONFIDENCE_WORDS else _("{level} confidence").format(level=level)


def watch(items: Sequence[str]) -> HTML:
    lis = "".join(f"<li>{esc(i)}</li>" for i in items)
    heading = _("What to watch")
    return HTML(f'<section class="watch"><h3>{heading}</h3><ul>{lis}</ul></section>')


@part
def table_view(frame: pd.DataFrame, title: str = N_("Show the numbers"), caption: str = "") -> W.Accordion:
    """The same data as a chart, as a table, folded under the chart (title and caption translated here; the
    caption by table_html)."""
    box = W.Accordion(children=[W.HTML(table_html(frame, caption))], selected_index=None)
    box.set_title(0, _(title))
    return box


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
    titles = [esc(_(c[1])) for c in CHAPTERS]
    prev_link = f'<a href="{CHAPTERS[i - 1][0]}">← {titles[i - 1]}</a>' if i > 0 else ""
    next_link = f'<a href="{CHAPTERS[i + 1][0]}">{titles[i + 1]} →</a>' if i + 1 < len(CHAPTERS) else ""
    items = " · ".join(f'<a href="{n}">{t}</a>' if n != current else f"<strong>{t}</strong>"
                       for n, t in zip(names, titles))
    bar = "display:flex;justify-content:space-between;gap:1em;font-family:system-ui,sans-serif;margin:0.3em 0"
    label, contents = esc(_("Chapters")), esc(_("Contents:"))
    text = (f'<nav class="chapter-nav" aria-label="{label}"><div class="prev-next" style="{bar}">'
            f'<span>{prev_link}</span><span>{next_link}</span></div>'
            f'<div class="contents" style="font-size:0.9em">{contents} {items}</div></nav>')
    return links(text)  # the export rewrites the .ipynb links to its own files


def setup() -> None:
    """A page's first call: from the next cell on, a cell that fails shows a short message, never a traceback
    (`widgets.ui.guard`: one guard for the page instead of one per cell); and the page's language from its address
    (`?lang=fr`) for every word, number and date after it. A preheated kernel waits here for its reader's request
    (`url_state.page_query`): only the imports before this call are done in advance, since every part after it is
    written in the reader's language."""
    guard.install()
    language, problem = url_state.page_language(url_state.page_query())
    fmt.set_language(language)
    if problem:
        display(note(problem, "warning"))


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
