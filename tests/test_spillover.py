"""Tests of the regional-spillover chapter: parsing of as_of / value / qualifiers on small fixtures, the
chapter tables, the map's flows (no count → no size; missing place → not drawn), and the figures' sources."""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from widgets import loaders as L
from widgets.analysis import spillover as A
from widgets.figures import spillover as F
from widgets.figures.common import source_ids_of


def fig_table(rows: list[dict]) -> pd.DataFrame:
    base = dict(topic="displacement", metric="m", value="", value_low="", value_high="", unit="persons", as_of="",
                geography="", source_id="F-S000", confidence="high", notes="")
    return pd.DataFrame([{**base, **r} for r in rows])


# --- as_of ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, start, end, precision", [
    ("2023-03-31", "2023-03-31", "2023-03-31", "day"),
    ("2025-01", "2025-01-01", "2025-01-31", "month"),
    ("2024", "2024-01-01", "2024-12-31", "year"),
    ("2025-01 (Burkina govt data last updated March 2023)", "2025-01-01", "2025-01-31", "month"),
    ("circa 2024 (date not certain)", "2024-01-01", "2024-12-31", "year"),
    ("end of year (circa 2024; UNHCR projection)", "2024-01-01", "2024-12-31", "year"),
    ("2025-10-24 to circa 2026-01 (three months)", "2026-01-01", "2026-01-31", "month"),
    ("2021 to 2025-01", "2025-01-01", "2025-01-31", "month"),
    ("late December 2025", "2025-12-01", "2025-12-31", "month"),
    ("2025-01 to mid-2025", "2025-06-01", "2025-06-30", "month"),
    ("2020-2025", "2025-01-01", "2025-12-31", "year"),
    ("2025 (vs 70,000 in 2022)", "2025-01-01", "2025-12-31", "year"),
])
def test_parse_as_of(text, start, end, precision):
    assert A.parse_as_of(text) == (pd.Timestamp(start), pd.Timestamp(end), precision)


def test_parse_as_of_unknown_and_invalid_month():
    assert A.parse_as_of("date not shown") == (None, None, "unknown")
    assert A.parse_as_of("2025-13")[2] == "year"  # not a month: read as the year 2025 only


def test_as_of_words():
    from widgets.analysis.register import as_of_words
    assert as_of_words("2025-01") == "Jan 2025"
    assert as_of_words("2023-03-31") == "31 Mar 2023"
    assert as_of_words("2025-10-end to 2025-12-end") == "end Oct 2025 to end Dec 2025"
    assert as_of_words("circa 2024 (date not certain)") == "circa 2024 (date not certain)"


# --- values and qualifiers -----------------------------------------------------------------------------------

def test_numeric_and_shown_value():
    assert A.numeric("3288294") == 3288294.0  # exact: the build's value_num is rounded, value is not
    assert A.numeric("1,377") == 1377.0
    assert math.isnan(A.numeric("1/3"))
    assert A.shown_value("4", "million persons") == "4 million"
    assert A.shown_value("771.3", "million USD") == "771.3 million"
    assert A.shown_value("300000", "persons (near, mainly Malian)") == "nearly 300,000"
    assert A.shown_value("415000", "persons (more than)") == "more than 415,000"
    assert A.shown_value("21", "percent") == "21 %"


def test_qualifier_reads_notes_only_for_its_own_number():
    assert A.qualifier("persons (about)") == "about"
    assert A.qualifier("persons", 'UNHCR; "over"', "200000") == "more than"
    assert A.qualifier("facilities", '"over 900"', "900") == "more than"
    # a quote about another number ("more than 30" for a figure of 31) is not this figure's hedge
    assert A.qualifier("persons", 'government acknowledged "more than 30" in 2023', "31") == ""
    assert A.qualifier("persons (29% from Mali)") == ""


def test_figure_rows_scales_millions_and_keeps_order():
    t = fig_table([dict(figure_id="X1", value="4", unit="million persons", as_of="2025-10"),
                   dict(figure_id="X2", value="12501", as_of="2025-01")])
    rows = A.figure_rows(t, ["X2", "X1"])
    assert rows["figure_id"].tolist() == ["X2", "X1"]
    assert rows["number"].tolist() == [12501.0, 4_000_000.0]
    assert rows["in_unit"].tolist() == [12501.0, 4.0]
    assert rows["date_label"].tolist() == ["Jan 2025", "Oct 2025"]
    with pytest.raises(KeyError, match="X9"):
        A.figure_rows(t, ["X1", "X9"])


# --- chapter tables ------------------------------------------------------------------------------------------

def test_mali_series_sorted_and_flags_republished_count():
    t = fig_table([dict(figure_id="B", metric="mali_idps", value="378363", as_of="2025-01"),
                   dict(figure_id="A", metric="mali_idps", value="378363", as_of="2024-09"),
                   dict(figure_id="C", metric="mali_idps", value="330713", as_of="2024-05"),
                   dict(figure_id="D", metric="other", value="1", as_of="2024-01")])
    s = A.mali_idp_series(t)
    assert s["figure_id"].tolist() == ["C", "A", "B"]
    assert s["same_as"].tolist() == ["", "", "A"]


def test_flow_width_sqrt_with_floor_and_nan():
    w = A.flow_width(pd.Series([400.0, 100.0, 1.0, math.nan]), max_width=10, min_width=2)
    assert w.iloc[0] == 10 and w.iloc[1] == 5 and w.iloc[2] == 2 and math.isnan(w.iloc[3])
    assert A.flow_width(pd.Series([math.nan, math.nan])).isna().all()


def test_host_flows_unknown_hosts_have_no_size_and_missing_places_are_not_drawn():
    t = fig_table([dict(figure_id="N1", value="1000", as_of="2025-11"),
                   dict(figure_id="N2", value="50", unit="persons (more than)", as_of="2025-12")])
    places = gpd.GeoDataFrame({"name": ["Bamako", "Camp", "Capital"]},
                              geometry=[Point(-8, 12.6), Point(-5.8, 15.9), Point(-1.5, 12.4)], crs="EPSG:4326")
    hosts = [A.Host("Host A", "Camp", "N1", ("N2",), "", "refugees", ("arrivals",)),
             A.Host("Host B", "Capital", None), A.Host("Host C", None, None)]
    flows = A.host_flows(t, places, hosts)
    assert flows["status"].tolist() == ["counted", "no count in our sources", "no count in our sources"]
    assert flows["drawn"].tolist() == [True, True, False]
    assert flows["width"].iloc[0] == 16.0 and flows["width"].iloc[1:].isna().all()
    assert flows["shown"].tolist() == ["1,000", "unknown", "unknown"]
    assert flows["other"].iloc[0] == "more than 50 arrivals (Dec 2025, N2)"
    assert A.unknown_hosts(flows) == ["Host B", "Host C"]
    with pytest.raises(KeyError):
        A.host_flows(t, places, hosts, origin="Nowhere")


def test_chapter_cutoff_ignores_bare_years():
    t = fig_table([dict(figure_id="P", value="1", as_of="2026"), dict(figure_id="Q", value="2", as_of="2026-02"),
                   dict(figure_id="R", value="3", as_of="2025-07-30")])
    date, label = A.chapter_cutoff(A.figure_rows(t, ["P", "Q", "R"]))
    assert date == pd.Timestamp("2026-02-28") and "Q" in label and "month" in label
    assert A.chapter_cutoff(A.figure_rows(t, ["P"])) == (None, "figure")


# --- on the real data ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return L.load_figures()


def test_cited_ids_are_the_rows_we_mean(figures):
    metric = figures.set_index("figure_id")["metric"]
    expected = {"H022": "central_sahel_and_neighbours_displaced", "H010": "central_sahel_total_displaced",
                "H045": "burkina_faso_idps_official", "H068": "niger_idps", "H016": "niger_idps",
                "H048": "refugees_in_mauritania_total", "H050": "malian_refugees_in_mauritania",
                "H059": "malian_asylum_seekers_cote_divoire", "H069": "niger_refugees_asylum_seekers",
                "H003": "mbera_camp_population", "H004": "mbera_camp_official_capacity",
                "T021": "benin_soldiers_killed_attack_apr2025", "T022": "benin_soldiers_killed_attack_apr2025_jnim_claim"}
    assert {k: metric[k] for k in expected} == expected


def test_no_count_of_malians_is_made_up_for_niger(figures):
    flows = A.host_flows(figures, L.load_places())
    niger = flows.set_index("host").loc["Niger"]
    assert niger["status"] == "no count in our sources" and math.isnan(niger["number"])
    assert set(A.unknown_hosts(flows)) == {"Burkina Faso", "Guinea", "Niger", "Algeria"}
    assert "29%" in A.unknown_note(flows, figures)


def test_takeaways_quote_the_data(figures):
    sentences = A.takeaway_sentences(figures, L.load_events())
    assert 3 <= len(sentences) <= 5
    text = " ".join(sentences)
    for expected in ("3,288,294", "617,963", "more than 415,000", "nearly 300,000", "99,000", "70,000", "E042"):
        assert expected in text


def test_every_figure_has_existing_source_ids():
    catalogue = L.load_catalogue()
    figs = F.examples()
    assert len(figs) == 7
    for fig in figs:
        ids = source_ids_of(fig)
        assert ids, fig.layout.title.text
        assert all(catalogue.knows(i) for i in ids)
        assert not any(t.type in ("choropleth", "scattermapbox", "scattermap") for t in fig.data)


def test_flow_figure_ids_and_record_note():
    flows = pd.DataFrame({"figure_id": ["A1", "", "B1"], "other_ids": ["A2", "", "A2;C1"]})
    assert A.flow_figure_ids(flows) == ["A1", "B1", "A2", "C1"]
    events = pd.DataFrame({"date_start": pd.to_datetime(["2025-09-03", "2026-01-29"])})
    note = A.record_note(events, pd.Timestamp("2026-02-28"))
    assert "29 Jan 2026" in note and "Feb 2026" in note and "incomplete" in note
    assert "unknown" in A.record_note(events, None)
