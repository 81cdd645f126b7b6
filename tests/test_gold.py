"""Tests of the gold chapter: analysis functions on small fixtures with known answers, and the figures."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point

from widgets.analysis import gold as A
from widgets.analysis import gold_page as P
from widgets.analysis import register as R

COLUMNS = ["figure_id", "topic", "metric", "value", "value_low", "value_high", "unit", "as_of", "geography",
           "source_id", "confidence", "notes", "value_num"]


def figs(*rows: dict) -> pd.DataFrame:
    """A figures table from partial rows (missing text columns empty; value_num from value)."""
    out = []
    for r in rows:
        full = {c: "" for c in COLUMNS} | {"topic": "gold", "source_id": "F-S1", "confidence": "medium"} | r
        if "value_num" not in r:
            try:
                full["value_num"] = float(full["value"])
            except ValueError:
                full["value_num"] = np.nan
        out.append(full)
    return pd.DataFrame(out, columns=COLUMNS)


def srcs(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["source_id", "publisher", "published"])


# ---------------------------------------------------------------- as_of parsing and the cut-off

@pytest.mark.parametrize("text, first, first_p, last, last_p", [
    ("2025-11-24", "2025-11-24", "day", "2025-11-24", "day"),
    ("2026-02 (decree approved)", "2026-02-01", "month", "2026-02-01", "month"),
    ("circa 2020-2021", "2020-01-01", "year", "2021-01-01", "year"),
    ("2024-11 to 2025-11", "2024-11-01", "month", "2025-11-01", "month"),
    ("pre-2025", "2024-01-01", "year", "2024-01-01", "year"),
    ("2024 H1", "2024-01-01", "year", "2024-01-01", "year"),
    ("2023 code (gold price > USD 1,500/oz)", "2023-01-01", "year", "2023-01-01", "year"),
    ("by 2025-03-31", "2025-03-31", "day", "2025-03-31", "day"),
])
def test_parse_as_of(text, first, first_p, last, last_p):
    got = R.parse_as_of(text)
    assert (got.first, got.first_precision) == (pd.Timestamp(first), first_p)
    assert (got.last, got.last_precision) == (pd.Timestamp(last), last_p)


def test_parse_as_of_without_year():
    assert R.parse_as_of("design capacity") is None
    assert R.parse_as_of("") is None


def test_forward_looking():
    assert R.is_forward_looking("2025 (guidance)")
    assert R.is_forward_looking("2025", "industrial_gold_production_forecast")
    assert not R.is_forward_looking("2025 (provisional)", "industrial_gold_production")


def test_cutoff_takes_publication_day_inside_the_month():
    f = figs({"figure_id": "X1", "metric": "a", "value": "1", "as_of": "2025-12-18"},
             {"figure_id": "X2", "metric": "b", "value": "2", "as_of": "2026-02 (decree)", "source_id": "S2"},
             {"figure_id": "X3", "metric": "c_forecast", "value": "3", "as_of": "2027"})
    s = srcs(("F-S1", "P", "2025-12-19"), ("S2", "Q", "2026-02-16"))
    cut = R.cutoff(f, s, ["X1", "X2", "X3"])
    assert cut.date == pd.Timestamp("2026-02-16")  # X3 is a forecast: ignored
    assert "X2" in cut.label and "reported 16 Feb 2026" in cut.label


def test_cutoff_month_only_when_publication_is_outside_the_period():
    f = figs({"figure_id": "X2", "metric": "b", "value": "2", "as_of": "2026-02", "source_id": "S2"})
    cut = R.cutoff(f, srcs(("S2", "Q", "2026-04-01")), ["X2"])
    assert cut.date == pd.Timestamp("2026-02-01") and "only" in cut.label


def test_cutoff_day_precise_and_empty():
    f = figs({"figure_id": "X1", "metric": "a", "value": "1", "as_of": "2025-12-18"})
    assert R.cutoff(f, srcs(("F-S1", "P", "")), ["X1"]).date == pd.Timestamp("2025-12-18")
    assert R.cutoff(f, srcs(("F-S1", "P", "")), []).date is None


# ---------------------------------------------------------------- values as text

def test_qualifier():
    assert R.qualifier("percent (around)", "") == "about"
    assert R.qualifier("percent (more than)", "") == "more than"
    assert R.qualifier("oz", '"over"; conflicts') == "over"
    assert R.qualifier("percent", '"près de 80%" - exports') == "nearly"
    assert R.qualifier("oz (80% attributable)", "") == ""
    assert R.qualifier("tonnes", "plain note") == ""


def test_decimals_and_value_text():
    assert R.decimals("66.48") == 2 and R.decimals("51.0") == 1 and R.decimals("7") == 0
    assert R.decimals("510000.0", strip_zeros=True) == 0
    row = figs({"value": "", "value_low": "510000.0", "value_high": "560000.0", "unit": "oz/year"}).iloc[0]
    assert R.value_with_unit(row) == "510,000–560,000 oz/year"
    row = figs({"value": "29000", "unit": "oz (80% attributable)"}).iloc[0]
    assert R.value_with_unit(row) == "29,000 oz (80% attributable)"
    row = figs({"value": "80", "unit": "percent (around)"}).iloc[0]
    assert R.value_with_unit(row) == "about 80 %"
    row = figs({"value": "9.2", "unit": "percent of GDP"}).iloc[0]
    assert R.value_with_unit(row) == "9.2 % of GDP"
    row = figs({"value": "2025-01-11", "unit": "date"}).iloc[0]
    assert R.value_with_unit(row) == "11 Jan 2025"


def test_pct_change_and_span():
    assert R.pct_change(150, 100) == pytest.approx(50)
    with pytest.raises(ZeroDivisionError):
        R.pct_change(1, 0)
    assert A.span_text(pd.Series(["66.5", "66.48"])) == "66.48–66.5"
    assert A.span_text(pd.Series(["42.2"])) == "42.2"


# ---------------------------------------------------------------- production

PROD = figs(
    {"figure_id": "P1", "metric": "industrial_gold_production", "value": "60", "unit": "tonnes", "as_of": "2022"},
    {"figure_id": "P2", "metric": "industrial_gold_production", "value": "50.0", "unit": "tonnes",
     "as_of": "2024 (excl. December)"},
    {"figure_id": "P3", "metric": "industrial_gold_production", "value": "52", "unit": "tonnes",
     "as_of": "2024 (revised)"},
    {"figure_id": "P4", "metric": "industrial_gold_production", "value": "40", "unit": "tonnes",
     "as_of": "2025 (provisional)"},
    {"figure_id": "P5", "metric": "industrial_gold_production_forecast", "value": "55", "unit": "tonnes",
     "as_of": "2025 (forecast)"},
    {"figure_id": "P6", "metric": "total_gold_production_estimate", "value": "66", "unit": "tonnes", "as_of": "2022",
     "notes": '"probably around"'},
    {"figure_id": "P7", "metric": "industrial_gold_production", "value": "5", "unit": "percent", "as_of": "2022"},
)


def test_production_table_statuses_and_filter():
    prod = A.production_table(PROD)
    assert "P7" not in set(prod["figure_id"])  # not in tonnes
    status = dict(zip(prod["figure_id"], prod["status"]))
    assert status == {"P1": "reported", "P2": "partial", "P3": "revised", "P4": "provisional", "P5": "forecast",
                      "P6": "estimate"}
    assert set(A.values_for(prod, A.INDUSTRIAL, 2024)["figure_id"]) == {"P2", "P3"}
    assert A.values_for(prod, A.INDUSTRIAL, 2025)["figure_id"].tolist() == ["P4"]  # forecast excluded
    assert A.missing_years(prod, A.INDUSTRIAL, 2022, 2025) == [2023]


def test_production_sentence_lists_conflicting_year():
    prod = A.production_table(PROD)
    text = P.production_sentence(prod, top_year=2022, last_year=2025)
    assert "60 t in 2022" in text and "40 t in 2025" in text
    assert "33 % lower" in text  # 40 / 60 − 1 = −33.3 %
    assert "50.0 t (excl. December) [P2]" in text and "52 t revised [P3]" in text


# ---------------------------------------------------------------- producers, mines, Kayes

SHARE_FIGS = figs({"figure_id": "N", "value": "10"}, {"figure_id": "M1", "value": "4"},
                  {"figure_id": "M2", "value": "3"})


def test_operator_shares_with_remainder():
    spec = (("P", "N", (("Alpha (Op)", "M1"), ("Beta (Op2)", "M2"))),)
    shares = A.operator_shares(SHARE_FIGS, spec)
    assert shares["share_pct"].tolist() == pytest.approx([40, 30, 30])
    assert shares.iloc[-1]["producer"] == A.OTHER_PRODUCERS and shares.iloc[-1]["tonnes"] == pytest.approx(3)


def test_operator_shares_refuses_parts_above_total():
    f = figs({"figure_id": "N", "value": "5"}, {"figure_id": "M1", "value": "4"}, {"figure_id": "M2", "value": "3"})
    with pytest.raises(ValueError):
        A.operator_shares(f, (("P", "N", (("a", "M1"), ("b", "M2"))),))


MINE_FIGS = figs(
    {"figure_id": "A1", "metric": "alpha_production", "value": "100", "unit": "oz", "as_of": "2023",
     "geography": "Mali (Alpha, Kayes; Barrick)"},
    {"figure_id": "A2", "metric": "alpha_production", "value": "90", "unit": "oz", "as_of": "2024",
     "geography": "Mali (Alpha)"},
    {"figure_id": "A3", "metric": "alpha_production_guidance", "value": "120", "unit": "oz", "as_of": "2025 (guidance)",
     "geography": "Mali (Alpha)"},
    {"figure_id": "B1", "metric": "beta_production", "value": "8", "unit": "tonnes", "as_of": "2024 H1",
     "geography": "Mali (Beta, south; Hummingbird)"},
)


def test_mine_outputs_status():
    out = A.mine_outputs(MINE_FIGS, {"Alpha": "Alpha", "Beta": "Beta"})
    assert dict(zip(out["Figure"], out["Status"])) == {"A1": "full year", "A2": "full year",
                                                        "A3": "guidance or target", "B1": "part of a year"}


def test_mine_summary_region_operator_latest():
    summary = A.mine_summary(MINE_FIGS, ["Kayes", "Sikasso"], {"Alpha": "Alpha", "Beta": "Beta"}).set_index("Mine")
    assert summary.at["Alpha", "Operator (as named in our sources)"] == "Barrick"
    assert summary.at["Alpha", "Region (as the sources give it)"] == "Kayes"
    assert summary.at["Alpha", "Latest full year"] == 2024
    assert summary.at["Alpha", "Output that year (as given)"] == "90 oz [A2]"
    assert summary.at["Beta", "Region (as the sources give it)"] == "not named (sources say 'south')"
    assert summary.at["Beta", "Output that year (as given)"] == "not found in our sources"
    assert summary.at["Beta", "Map coordinates"] == "not in our sources"


def test_mines_in_gazetteer_exact_names_only():
    places = gpd.GeoDataFrame({"name": ["Sadiola", "Kayes", "Syama Town"]},
                              geometry=[Point(0, 0), Point(1, 1), Point(2, 2)])
    hit = A.mines_in_gazetteer(places)
    assert hit["mine"].tolist() == ["Sadiola"]


def test_kayes_mines_share():
    shares = A.operator_shares(SHARE_FIGS, (("P", "N", (("Alpha (Op)", "M1"), ("Beta (Op2)", "M2"))),))
    summary = pd.DataFrame({"Mine": ["Alpha", "Beta"], "Region (as the sources give it)": ["Kayes", "Sikasso"]})
    km = A.kayes_mines_share(shares, summary)
    assert km["share_pct"].tolist() == pytest.approx([40]) and km["mines"].tolist() == ["Alpha"]
    assert "40 % in P" in P.kayes_mines_sentence(km)


def test_region_incidents_excludes_month_aggregates():
    events = pd.DataFrame({
        "event_id": ["E1", "E2", "E3", "E4"],
        "admin1": ["Kayes", "Koulikoro;Kayes", "Kayes", "Ségou"],
        "date_precision": ["day", "week", "month", "day"],
        "date_start": pd.to_datetime(["2025-09-03", "2025-09-01", "2025-09-01", "2025-09-02"]),
    })
    assert A.region_incidents(events, "Kayes")["event_id"].tolist() == ["E2", "E1"]


def test_independent_estimates_drop_second_hand_rows():
    f = figs({"figure_id": "K1", "metric": "kayes_share_mali_gold_production", "value": "77", "unit": "percent",
              "as_of": "2021"},
             {"figure_id": "K2", "metric": "kayes_share_mali_gold_production", "value": "80", "unit": "percent",
              "as_of": "2025", "confidence": "low"})
    assert A.independent_estimates(A.kayes_estimates(f))["figure_id"].tolist() == ["K1"]


# ---------------------------------------------------------------- money

def test_measure_span_orders_qualifiers():
    f = figs({"figure_id": "W1", "metric": "gold_share_of_exports", "value": "75", "unit": "percent"},
             {"figure_id": "W2", "metric": "gold_share_of_exports", "value": "80", "unit": "percent (more than)"},
             {"figure_id": "W3", "metric": "gold_share_of_exports", "value": "80", "unit": "percent",
              "notes": '"près de 80%"'})
    w = A.weight_table(f, srcs(("F-S1", "P", "")))
    assert A.measure_span(w, "Share of exports") == "75 % to more than 80 %"


def test_revenue_change_range():
    f = figs({"figure_id": "R1", "metric": "state_revenue_from_gold_companies", "value": "100", "as_of": "2023"},
             {"figure_id": "R2", "metric": "state_revenue_from_gold_companies", "value": "120", "as_of": "2023"},
             {"figure_id": "R3", "metric": "state_revenue_from_gold_companies", "value": "150", "as_of": "2024"})
    lo, hi = A.revenue_change(A.revenue_table(f), 2023, 2024)
    assert (lo, hi) == pytest.approx((25, 50))
    with pytest.raises(ValueError):
        A.revenue_change(A.revenue_table(f), 2022, 2024)


def test_claims_table_picks_claims_in_money():
    f = figs({"figure_id": "C1", "metric": "x", "value": "5", "unit": "billion USD", "notes": "government claim"},
             {"figure_id": "C2", "metric": "y", "value": "5", "unit": "billion USD", "notes": "company data"},
             {"figure_id": "C3", "metric": "z", "value": "5", "unit": "percent", "notes": "claim"})
    assert A.claims_table(f)["Figure"].tolist() == ["C1"]


# ---------------------------------------------------------------- timeline and sentences

def test_timeline_dates_and_days_between():
    f = figs({"figure_id": "D1", "metric": "seizure_date", "value": "2025-01-11", "unit": "date",
              "as_of": "2025-01-11"},
             {"figure_id": "D2", "metric": "deal", "value": "275", "unit": "billion CFA francs",
              "as_of": "2025-02 (tentative)"},
             {"figure_id": "D3", "metric": "back", "value": "2025-12-18", "unit": "date", "as_of": "2025-12-18"})
    events = pd.DataFrame({"event_id": ["E9"], "date_start": [pd.Timestamp("2025-10-03")], "date_precision": ["week"],
                           "confidence": ["medium"], "source_ids": ["S026"]})
    tl = A.timeline(f, events, (("D2", "L", "deal"), ("D1", "L", "seized")), (("E9", "B", "held"),))
    assert tl["id"].tolist() == ["D1", "D2", "E9"]
    assert tl["precision"].tolist() == ["day", "month", "week"]
    assert tl.loc[tl["id"] == "D2", "value"].item() == "275 billion CFA francs"
    assert A.days_between(f, "D1", "D3") == 341
    with pytest.raises(ValueError):
        A.days_between(f, "D1", "D2")


def test_loulo_sentence_both_branches():
    def f(l0, l1, n0, n1):
        return figs(*[{"figure_id": i, "value": v, "unit": "tonnes", "as_of": y} for i, v, y in
                      (("L0", l0, "2024"), ("L1", l1, "2025"), ("N0", n0, "2024"), ("N1", n1, "2025"))])
    assert "more than the whole fall" in P.loulo_sentence(f("20", "5", "50", "40"), ("L0", "L1"), ("N0", "N1"))
    assert "50 % of the fall" in P.loulo_sentence(f("20", "15", "50", "40"), ("L0", "L1"), ("N0", "N1"))


def test_mine_site_attacks():
    events = pd.DataFrame({"event_type": ["convoy_attack", "state_escort_or_ops", "convoy_attack"],
                           "place": ["Sadiola gold mine", "Sadiola gold mine", "Kayes"],
                           "summary": ["", "", "trucks burned"]})
    assert A.mine_site_attacks(events) == 1


# ---------------------------------------------------------------- on the built data

@pytest.fixture(scope="module")
def data():
    from widgets import loaders as L
    return (L.load_figures(), L.load_sources(), L.load_events(), list(L.load_regions()["name_std"]),
            L.load_judgements())


def test_sentences_on_real_data(data):
    figures, sources, events, regions, editorial = data
    texts = P.takeaway_sentences(figures, sources, events) + P.watch_items(editorial, figures, events)
    texts += [j.statement + j.evidence for j in P.judgement_items(editorial, figures, sources, events, regions)]
    assert len(texts) >= 10
    for t in texts:
        assert t and "nan" not in t and "unknown" not in t


def test_no_mine_is_placed_without_a_gazetteer_town(data):
    from widgets import loaders as L
    assert set(A.mines_in_gazetteer(L.load_places())["mine"]) <= set(A.MINES)


def test_examples_carry_known_source_ids():
    from widgets import loaders as L
    from widgets.figures import gold as F
    from widgets.figures.common import source_ids_of
    cat = L.load_catalogue()
    figures = F.examples()
    assert len(figures) == 6
    for fig in figures:
        ids = source_ids_of(fig)
        assert ids and all(cat.knows(i) for i in ids), fig.layout.title.text
        assert fig.layout.title.text


def test_record_end_sentence():
    events = pd.DataFrame({"date_start": pd.to_datetime(["2025-07-01", "2026-01-29"])})
    text = P.record_end_sentence(events)
    assert "29 Jan 2026" in text and "not evidence" in text
