"""Page parts as plain HTML and static figures: drawn the same by the live app (widgets.ui) and the static export
(widgets.export), which both import them from here, so neither renderer imports the other."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML
import plotly.graph_objects as go
import plotly.io as pio
from _plotly_utils import optional_imports

from widgets import fmt
from widgets.i18n import N_, _
from widgets.register_text import translate  # the register's own French (gettext domain "register")

# plotly's renderers import nbformat only for fig.show()'s version check, and nbformat imports jsonschema's format
# checkers (rfc3987_syntax compiles a grammar): ~1.2 s of every page's kernel (make bench). Pages display figures
# as mime bundles, never fig.show(), so plotly is told nbformat is absent; nbformat stays importable for others.
optional_imports._not_importable.add("nbformat")
# Static figures as a plotly mime bundle only: the "notebook" renderer would add a 4.6 MB script to every page.
pio.renderers.default = "plotly_mimetype"

PART_FAILED = N_("This part of the page could not be drawn. The detail is in the server log.")
PART_FAILED_CLASS = "part-failed"  # on the message's box: how the export tells a failed part in any language
SOURCE_COLUMNS = [N_("Id"), N_("Publisher"), N_("Title (link)"), N_("Published"), N_("Kind"), N_("Terms")]


def part_failed() -> str:
    """The failed-part message box, in the page's language."""
    return f'<div class="briefing-note warning {PART_FAILED_CLASS}">{esc(_(PART_FAILED))}</div>'


def changes_title() -> str:
    """The heading of the "what changed" panel, in the page's language."""
    title = _("What changed since the last briefing")
    return f'<h3 class="changes-title">{esc(title)}</h3>'


def esc(text: object) -> str:
    return html.escape(str(text))


def cite(title: str) -> str:
    """A source's title, escaped, as a quotation: it stays in the language it was published in (or the register's
    description of it), whatever the page's language; `<cite>` tells readers, screen readers and the language tests
    so."""
    return f"<cite>{esc(title)}</cite>"


def note(text: str, kind: str = "info") -> HTML:
    """A boxed note: 'info' for limits and caveats, 'warning' for a message about bad input or missing data (`text`
    arrives in the page's language: it is a sentence built by the caller)."""
    return HTML(f'<div class="briefing-note {esc(kind)}">{esc(text)}</div>')


def table_html(frame: pd.DataFrame, caption: str = "", max_rows: int = 500) -> str:
    """A table; `caption` is English (a notebook's text, put in the catalogue by widgets/i18n_extract.py) or
    already translated (a translation is not in the catalogue, so it comes back as it is)."""
    shown = frame.head(max_rows)
    showing = _("Showing {shown} of {total} rows.").format(shown=max_rows, total=len(frame))
    more = f"<p>{esc(showing)}</p>" if len(frame) > max_rows else ""
    cap = f"<caption>{esc(_(caption))}</caption>" if caption else ""
    body = shown.to_html(index=False, escape=True, na_rep=_("unknown"), border=0, classes="briefing-table")
    return body.replace('<table border="0" class="dataframe briefing-table">',
                        f'<table class="briefing-table">{cap}', 1) + more


def sources_html(table: pd.DataFrame, links: bool = True) -> str:
    """The sources as a table; without `links` (the static export links to nothing outside itself) the address is
    printed instead."""
    def cell(row: pd.Series) -> str:
        url = html.escape(str(row["url"]), quote=True)
        title = cite(translate(str(row["title"])))  # only the register's own descriptions translate
        link = f'<a href="{url}" target="_blank" rel="noopener noreferrer">{title}</a>'
        if not links:
            link = f'{title}<br><span class="source-url">{url}</span>'
        published = html.escape(fmt.partial_date(str(row["published"])) if row["published"] else _("undated"))
        return (f"<tr><td>{html.escape(row['source_id'])}</td><td>{html.escape(translate(str(row['publisher'])))}</td>"
                f"<td>{link}</td><td>{published}</td><td>{html.escape(str(row['kind']))}</td>"
                f"<td>{html.escape(str(row['terms']))}</td></tr>")
    head = "".join(f"<th>{esc(_(h))}</th>" for h in SOURCE_COLUMNS)
    body = "".join(cell(r) for _, r in table.iterrows())
    return f'<table class="briefing-table catalogue-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


class StaticFigure:
    """Displays a figure as plotly's mime bundle. go.Figure's own display goes through pio.show(), which refuses to
    render when nbformat is hidden from plotly (see above); the bundle itself needs no nbformat."""

    def __init__(self, fig: go.Figure) -> None:
        self.fig = fig

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return self.fig._repr_mimebundle_()

    def __repr__(self) -> str:
        return f"Figure: {self.fig.layout.title.text or ''}"


def figure(fig: go.Figure | StaticFigure) -> StaticFigure:
    """A static plotly figure, drawn by plotly's JupyterLab renderer (bundled locally; no widget, no CDN); a figure
    stored by `make data` (widgets.page_parts) is shown as it is."""
    return fig if isinstance(fig, StaticFigure) else StaticFigure(fig)
