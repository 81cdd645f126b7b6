"""Figure metadata (widgets.figures.meta) on small hand-built figures and a tiny catalogue with known answers:
alt text, slug, data cut-off, CSV header, and what finish() puts in layout.meta and the footer."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from widgets.catalogue import Catalogue
from widgets.figures import meta as M
from widgets.figures.common import finish, make_room, refresh_meta
from widgets.figures.maps import BACKGROUND

CONTRACT_KEYS = {"title", "source_line", "sources", "cutoff", "cutoff_text", "alt", "slug", "csv_header", "source_ids", "note"}


def catalogue(published: list[str] | None = None, dataset_published: str = "") -> Catalogue:
    published = published or ["2025-09-17", "2025-10", "", "2024"]
    ids = [f"S00{i + 1}" for i in range(len(published))]
    sources = pd.DataFrame({"publisher": [f"Pub {i}" for i in ids], "published": published,
                            "title": [f"Title of {i}" for i in ids], "kind": ["news"] * len(ids),
                            "terms": ["news article: cite facts"] * len(ids),
                            "url": [f"https://example.org/{i}" for i in ids], "register": ["events"] * len(ids)},
                           index=ids)
    datasets = pd.DataFrame({"title": ["Roads"], "attribution": ["Roads: © OpenStreetMap contributors"],
                             "published": [dataset_published], "retrieved": ["2026-01-01"],
                             "licence": ["ODbL 1.0."]}, index=["roads"])
    figures = pd.DataFrame({"source_id": ["S002"], "metric": ["tankers_per_month"], "value": ["6000"],
                            "unit": ["tankers/month"], "as_of": ["2025-08"], "geography": ["Mali"]}, index=["C001"])
    return Catalogue(datasets=datasets, sources=sources, figures=figures)


def monthly_bars() -> go.Figure:
    months = pd.to_datetime(["2025-08-01", "2025-09-01", "2025-10-01"])
    fig = go.Figure(go.Bar(x=months, y=[3, 12, 5], name="Reported events"))
    fig.update_layout(title_text="Events peaked in <b>September</b>")
    return fig


# --- text and slug ---------------------------------------------------------------------------------------------
def test_plain_text_drops_markup_and_decodes_entities():
    assert M.plain_text("A<br>b <b>c</b> &amp; d") == "A b c & d"
    assert M.plain_text(None) == ""


@pytest.mark.parametrize("title, expected", [
    ("Reported attacks on fuel convoys ran from 3 Sep 2025 to 29 Jan 2026", "reported-attacks-on-fuel-convoys-ran"),
    ("Mali's displaced: 415,000 in Feb 2026", "mali-s-displaced-in-feb"),
    ("Côte d'Ivoire<br>hosts", "cte-d-ivoire-hosts"),
    ("", "figure"),
    ("2025 – 2026", "figure"),
])
def test_slug_is_a_safe_stable_file_stem(title, expected):
    assert M.slug(title) == expected
    assert re.fullmatch(r"[a-z0-9-]+", M.slug(title))


# --- cut-off -----------------------------------------------------------------------------------------------------
def test_latest_date_prefers_the_period_ending_last():
    assert M.latest_date(["2025-09-17", "2025-10", "", "2024"]) == "2025-10"
    assert M.latest_date(["2025-10-31", "2025-10"]) == "2025-10-31"  # the month's last day is not earlier
    assert M.latest_date(["2025-10-30", "2025-10"]) == "2025-10"  # the month may end later
    assert M.latest_date(["", "n.d."]) is None


def test_cutoff_is_the_latest_source_date_and_says_so():
    cut = M.cutoff(catalogue(), ["S001", "S003"])
    assert cut.iso == "2025-09-17"
    assert cut.text == "Latest source cited: 17 Sep 2025 (publication date, among 2 sources; 1 undated)"


def test_cutoff_follows_figure_ids_to_their_source_and_never_invents_a_day():
    cut = M.cutoff(catalogue(), ["C001", "S001", "roads"])  # C001 cites S002, published Oct 2025
    assert cut.iso is None
    assert cut.text == "Latest source cited: Oct 2025 (publication date, among 2 sources)"


def test_cutoff_of_datasets_only():
    assert M.cutoff(catalogue(), ["roads"]) == M.Cutoff(None, "Latest source cited: date not recorded")
    dated = M.cutoff(catalogue(dataset_published="2026-01-05"), ["roads"])
    assert dated.iso == "2026-01-05" and dated.text.startswith("Latest dataset cited: 5 Jan 2026")
    assert M.cutoff(catalogue(), ["S003"]).text == "Latest source cited: date not recorded"  # an undated source only


# --- alt text ----------------------------------------------------------------------------------------------------
def test_alt_text_of_a_bar_chart_names_kind_title_count_and_peak():
    alt = M.alt_text(monthly_bars())
    assert alt == ("Bar chart: Events peaked in September. Reported events: 3 bars. "
                   "Highest: 12 (Sep 2025).")


def test_alt_text_of_horizontal_bars_reads_the_value_on_x():
    fig = go.Figure([go.Bar(y=["Kayes", "Sikasso"], x=[11, 12.75], orientation="h", name="Incidents"),
                     go.Bar(y=["Kayes", "Sikasso"], x=[4, 2], orientation="h", name="Strikes")])
    alt = M.alt_text(fig, "By region")
    assert alt == "Bar chart: By region. 2 series (Incidents, Strikes): 4 bars. Highest: 12.8 (Sikasso, Incidents)."


def test_alt_text_of_lines_in_panels_and_dates_without_numbers():
    fig = make_subplots(rows=1, cols=2)
    fig.add_trace(go.Scatter(x=[1, 2, 3], y=[10.0, 30.5, 20.0], mode="lines", name="Stock"), 1, 1)
    fig.add_trace(go.Scatter(x=["2025-07-02", "2026-01-29"], y=["Convoy", "Strike"], mode="markers", name="Events"),
                  1, 2)
    fig.update_xaxes(title_text="week", row=1, col=1)
    alt = M.alt_text(fig, "Stock and events")
    assert alt.startswith("Chart of lines and dots in 2 panels: Stock and events. 2 series (Stock, Events): "
                          "3 points; 2 points.")
    assert "Highest: 30.5 (week 2, Stock)." in alt
    timeline = go.Figure(go.Scatter(x=["2025-07-02", "2026-01-29"], y=["Convoy", "Strike"], mode="markers"))
    assert M.alt_text(timeline, "T") == "Dot chart: T. 2 points. Dates from 2 Jul 2025 to 29 Jan 2026."


def test_alt_text_of_a_map_counts_places_and_shaded_areas_and_skips_background():
    fig = go.Figure([
        go.Scattergeo(lon=[0, 1, 1, None, 5, 6, 6], lat=[0, 0, 1, None, 5, 5, 6], fill="toself", mode="lines",
                      name="Country", meta=BACKGROUND),
        go.Scattergeo(lon=[0, 1, 1, None, 2, 3, 3], lat=[0, 0, 1, None, 2, 2, 3], fill="toself", mode="lines",
                      name="Kayes region"),
        go.Scattergeo(lon=[-8.0, -11.4, None], lat=[12.6, 14.4, None], mode="markers", name="Towns"),
        go.Scattergeo(lon=[None], lat=[None], mode="markers", name="Legend key", meta=BACKGROUND),
    ])
    assert M.alt_text(fig, "Kayes") == ("Map: Kayes. 2 series (Kayes region, Towns): 1 area shaded; "
                                        "2 places marked.")


def test_alt_text_stays_short_and_keeps_the_numbers():
    names = [f"A rather long series name number {i} for a panel" for i in range(8)]
    fig = go.Figure([go.Bar(x=["a", "b"], y=[i, i + 1], name=n) for i, n in enumerate(names)])
    alt = M.alt_text(fig, "A very long active title that goes on " * 8)
    assert len(alt) <= M.ALT_MAX
    assert "16 bars" in alt and "Highest: 8 (b, " in alt and "…" in alt


def test_alt_text_of_an_empty_figure_says_so():
    assert M.alt_text(go.Figure(go.Bar(x=[], y=[])), "Nothing") == (
        "Chart: Nothing. No data is drawn for this selection.")


# --- CSV header and finish() -------------------------------------------------------------------------------------
def test_csv_header_lists_title_sources_figures_datasets_cutoff_and_rows():
    cat = catalogue()
    header = M.csv_header(cat, title="T<br>two", source_line="Sources: x", ids=["S001", "C001", "roads"],
                          cutoff_text="Latest source cited: Oct 2025", note="A note\nover two lines")
    assert header[0] == "T two" and header[1] == "Sources: x"
    assert "Figure C001: tankers_per_month = 6000 tankers/month; as of 2025-08; Mali; source S002" in header
    assert ("Source S001: Title of S001. Pub S001. https://example.org/S001. Published 17 Sep 2025. "
            "Terms: news article: cite facts") in header
    assert any(line.startswith("Source S002:") for line in header)  # reached through C001
    assert "Dataset roads: Roads. Roads: © OpenStreetMap contributors. Licence: ODbL 1.0. Retrieved 2026-01-01." \
        in header
    assert "Note: A note over two lines" in header
    assert header[-2] == "Latest source cited: Oct 2025" and header[-1].startswith("Rows: the data displayed")
    assert not any("\n" in line or line.startswith("#") for line in header)


def test_finish_fills_the_contract_and_burns_the_cutoff_into_the_footer():
    fig = finish(monthly_bars(), title="Events peaked in <b>September</b>", catalogue=catalogue(),
                 source_ids=["S001", "roads"], note="A note.")
    meta = fig.layout.meta
    assert CONTRACT_KEYS <= set(meta)
    assert meta["title"] == "Events peaked in September" and meta["slug"] == "events-peaked-in-september"
    assert meta["cutoff"] == "2025-09-17"
    footer = next(a for a in fig.layout.annotations if a.name == "source-line")
    assert footer.text.endswith(meta["cutoff_text"]) and meta["source_line"] in footer.text
    assert footer.text.count("<br>") == 2  # source line, note, cut-off: one line each
    assert fig.layout.height == 520 + 16 * 3 and fig.layout.margin.b == 30 + 16 * 3
    assert meta["alt"].startswith("Bar chart: Events peaked in September.")


def test_refresh_meta_follows_a_restyle_and_keeps_the_rest():
    fig = make_room(finish(monthly_bars(), title="", catalogue=catalogue(), source_ids=["S001"]), 20)
    assert fig.layout.meta["slug"] == "figure"
    fig.data[0].update(y=[3, 4, 40])
    fig.layout.title.text = "Events peaked in October"
    refresh_meta(fig)
    meta = fig.layout.meta
    assert meta["slug"] == "events-peaked-in-october" and "Highest: 40 (Oct 2025)" in meta["alt"]
    assert meta["csv_header"][0] == "Events peaked in October" and meta["cutoff"] == "2025-09-17"
