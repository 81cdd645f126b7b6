"""A searchable table of every source: a text box filters the rows as the reader types."""

from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd

from widgets import fmt
from widgets.html_parts import sources_html
from widgets.i18n import _
from widgets.register_text import translate_table
from widgets.show import part
from widgets.ui.page import safe

COLUMNS = ["source_id", "publisher", "title", "published", "kind", "terms", "url"]


def filter_sources(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows where every word of the query appears in id, publisher, title, kind, terms or URL (case-insensitive)."""
    words = [w for w in query.lower().split() if w]
    if not words:
        return table
    haystack = table[["source_id", "publisher", "title", "kind", "terms", "url", "published"]].astype(str)
    text = haystack.agg(" ".join, axis=1).str.lower()
    mask = pd.Series(True, index=table.index)
    for word in words:
        mask &= text.str.contains(word, regex=False)
    return table[mask]


@part
def sources_browser(table: pd.DataFrame) -> W.VBox:
    """Search box, a live count, and the table (links open the source; they need a network, the page does not)."""
    # kind and terms in the page's language, so the search matches the words the reader sees
    table = translate_table(table, "sources_events")
    search = W.Text(placeholder=_("Search sources: publisher, title, id, kind… e.g. Reuters"),
                    description=_("Search"),
                    continuous_update=True, layout=W.Layout(width="60%"))
    search.add_class("catalogue-search")
    count = W.HTML()
    count.add_class("catalogue-count")
    out = W.HTML()
    out.add_class("catalogue-results")

    @safe("source search")
    def refresh(_change=None) -> None:
        shown = filter_sources(table, search.value)
        count.value = "<p>" + (
            _("{shown} of {total} sources match.").format(shown=fmt.number(len(shown)), total=fmt.number(len(table)))
            if len(shown) else _("No source matches “{text}”. Clear the box to see all {total}.").format(
                text=html.escape(search.value), total=fmt.number(len(table)))) + "</p>"
        out.value = sources_html(shown) if len(shown) else ""

    search.observe(refresh, names="value")
    refresh()
    return W.VBox([search, count, out])
