"""A searchable table of every source: a text box filters the rows as the reader types."""

from __future__ import annotations

import html

import ipywidgets as W
import pandas as pd

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


def _rows_html(table: pd.DataFrame, links: bool = True) -> str:
    def cell(row: pd.Series) -> str:
        url = html.escape(str(row["url"]), quote=True)
        link = f'<a href="{url}" target="_blank" rel="noopener noreferrer">{html.escape(str(row["title"]))}</a>'
        if not links:  # the static export links to nothing outside itself: the address is printed instead
            link = f'{html.escape(str(row["title"]))}<br><span class="source-url">{url}</span>'
        published = html.escape(str(row["published"]) or "undated")
        return (f"<tr><td>{html.escape(row['source_id'])}</td><td>{html.escape(str(row['publisher']))}</td>"
                f"<td>{link}</td><td>{published}</td><td>{html.escape(str(row['kind']))}</td>"
                f"<td>{html.escape(str(row['terms']))}</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in ["Id", "Publisher", "Title (link)", "Published", "Kind", "Terms"])
    body = "".join(cell(r) for _, r in table.iterrows())
    return f'<table class="briefing-table catalogue-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


@part
def sources_browser(table: pd.DataFrame) -> W.VBox:
    """Search box, a live count, and the table (links open the source; they need a network, the page does not)."""
    search = W.Text(placeholder="Search sources: publisher, title, id, kind… e.g. Reuters", description="Search",
                    continuous_update=True, layout=W.Layout(width="60%"))
    search.add_class("catalogue-search")
    count = W.HTML()
    count.add_class("catalogue-count")
    out = W.HTML()
    out.add_class("catalogue-results")

    @safe("source search")
    def refresh(_=None) -> None:
        shown = filter_sources(table, search.value)
        count.value = (f"<p>{len(shown)} of {len(table)} sources match.</p>" if len(shown)
                       else f"<p>No source matches “{html.escape(search.value)}”. Clear the box to see all {len(table)}.</p>")
        out.value = _rows_html(shown) if len(shown) else ""

    search.observe(refresh, names="value")
    refresh()
    return W.VBox([search, count, out])
