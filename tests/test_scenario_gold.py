"""Gold revenue-at-risk model: cited defaults, conservation, monotonicity, edges, hand-checked cases, messages,
summary and figure contract."""

import itertools
import math

import plotly.graph_objects as go
import pytest

from widgets import loaders
from widgets import fmt
from widgets.figures import meta as M
from widgets.figures import scenario_gold as F
from widgets.figures.common import source_ids_of
from widgets.scenarios import gold as G
from widgets.scenarios.base import Outcome, defaults

BASE = defaults(G.PARAMS)


def values(**changes):
    return dict(BASE, **changes)


# --- cited numbers -------------------------------------------------------------------------------------------------

def test_cited_numbers_match_figures_csv():
    figures = loaders.load_figures().set_index("figure_id")
    for fid, value in G.CITED.items():
        assert figures.at[fid, "value_num"] == pytest.approx(value), fid


@pytest.mark.parametrize("param", [p for p in G.PARAMS if p.source != "assumption"], ids=lambda p: p.key)
def test_sourced_defaults_are_the_cited_rows(param):
    row = loaders.load_figures().set_index("figure_id").loc[param.source]
    assert row["value_num"] == pytest.approx(param.default)
    assert param.low <= param.default <= param.high


def test_default_rows_have_the_expected_meaning():
    f = loaders.load_figures().set_index("figure_id")
    assert f.at["G040", "metric"] == "industrial_gold_production" and f.at["G040", "unit"] == "tonnes"
    assert f.at["G083", "metric"] == "kayes_share_mali_gold_production"
    assert f.at["G109", "unit"] == "USD/oz" and f.at["G124", "unit"] == "percent of sales"
    assert "1,500" in f.at["G124", "as_of"] and G.ROYALTY_THRESHOLD_USD_OZ == 1500
    assert f.at["G114", "unit"] == "billion CFA francs" and f.at["G044", "metric"] == "gold_share_of_exports"


def test_no_exchange_rate_in_our_sources():
    # The summary says the FCFA comparison needs an exchange rate our sources do not give; if one is added,
    # this fails so the comparison can be revisited.
    f = loaders.load_figures()
    text = (f["metric"] + " " + f["unit"]).str.lower()
    assert not text.str.contains("exchange|per usd|fcfa per|xof per|usd per fcfa").any()


def test_every_param_explains_itself():
    for p in G.PARAMS:
        assert p.why and p.unit and p.low < p.high and p.step > 0
        assert p.source == "assumption" or p.source in G.CITED
    assert len({p.key for p in G.PARAMS}) == len(G.PARAMS) and G.ASSUMPTIONS


# --- hand-checked cases ----------------------------------------------------------------------------------------------

def test_hand_checked_kayes_only():
    # 40 t × 50 % in Kayes = 20 t; × 50 % disrupted = 10 t. 10 t × 32,150.74657 oz/t = 321,507.4657 oz;
    # × 4,000 USD/oz = 1,286,029,863 USD; × 7.5 % = 96,452,240 USD per year; × 2 years = 192,904,479 USD.
    out = G.run(values(production_t=40, kayes_share_pct=50, kayes_disrupted_pct=50, rest_disrupted_pct=0,
                       price_usd_oz=4000, state_take_pct=7.5, horizon_years=2))
    h = out.headline
    assert h["at_risk_t"] == pytest.approx(10.0)
    assert h["at_risk_oz"] == pytest.approx(321_507.466, abs=0.001)
    assert h["value_at_risk_usd"] == pytest.approx(1_286_029_863, abs=1)
    assert h["state_revenue_at_risk_usd"] == pytest.approx(96_452_240, abs=1)
    assert h["total_state_revenue_at_risk_usd"] == pytest.approx(192_904_479, abs=1)
    # 10 of 40 t = 25 % of output; × 76.5 % gold share of exports = 19.125 % of exports.
    assert h["at_risk_share_pct"] == pytest.approx(25.0)
    assert h["exports_share_at_risk_pct"] == pytest.approx(19.125)
    assert out.table["year"].tolist() == [1, 2]
    assert out.table["cumulative_at_risk_t"].tolist() == pytest.approx([10.0, 20.0])


def test_hand_checked_both_areas():
    # 40 t × 80 % = 32 t in Kayes, 8 t elsewhere; 32 × 25 % = 8 t and 8 × 50 % = 4 t → 12 t at risk, 28 t not.
    h = G.run(values(production_t=40, kayes_share_pct=80, kayes_disrupted_pct=25, rest_disrupted_pct=50)).headline
    assert (h["at_risk_kayes_t"], h["at_risk_rest_t"]) == pytest.approx((8.0, 4.0))
    assert (h["at_risk_t"], h["not_disrupted_t"]) == pytest.approx((12.0, 28.0))


def test_state_revenue_per_tonne_at_defaults():
    # 32,150.7466 oz × 3,984 USD/oz × 7.5 % = 9,606,643 USD per tonne.
    assert G.run(BASE).headline["state_usd_per_tonne"] == pytest.approx(9_606_643, abs=1)


def test_troy_ounce_constant():
    assert G.TROY_OZ_PER_TONNE == pytest.approx(32_150.7466, abs=1e-4)


# --- conservation and monotonicity over a grid --------------------------------------------------------------------

GRID = list(itertools.product([0, 42.2, 80], [0, 77, 100], [0, 30, 100], [0, 60, 100]))


@pytest.mark.parametrize("prod, kayes, kd, rd", GRID)
def test_conservation(prod, kayes, kd, rd):
    h = G.run(values(production_t=prod, kayes_share_pct=kayes, kayes_disrupted_pct=kd, rest_disrupted_pct=rd)).headline
    assert -1e-9 <= h["at_risk_t"] <= prod + 1e-9
    assert h["at_risk_kayes_t"] <= prod * kayes / 100 + 1e-9
    assert h["at_risk_rest_t"] <= prod * (100 - kayes) / 100 + 1e-9
    assert h["at_risk_t"] + h["not_disrupted_t"] == pytest.approx(prod)
    assert 0 <= h["state_revenue_at_risk_usd"] <= h["value_at_risk_usd"] + 1e-6
    assert 0 <= h["at_risk_share_pct"] <= 100 + 1e-9 and h["exports_share_at_risk_pct"] <= G.CITED["G044"] + 1e-9


@pytest.mark.parametrize("key, steps", [
    ("kayes_disrupted_pct", [0, 10, 50, 90, 100]),
    ("rest_disrupted_pct", [0, 10, 50, 90, 100]),
    ("price_usd_oz", [1000, 1500, 2600, 3984, 6000]),
    ("state_take_pct", [0, 7.5, 20, 50]),
    ("production_t", [0, 10, 54.8, 80]),
])
@pytest.mark.parametrize("kd, rd", [(20, 0), (0, 20), (50, 50)])
def test_monotonic(key, steps, kd, rd):
    runs = [G.run(values(**{"kayes_disrupted_pct": kd, "rest_disrupted_pct": rd, key: s})).headline for s in steps]
    for measure in ["at_risk_t", "value_at_risk_usd", "state_revenue_at_risk_usd", "total_state_revenue_at_risk_usd"]:
        series = [r[measure] for r in runs]
        assert all(a <= b + 1e-6 for a, b in zip(series, series[1:])), (key, measure, series)


def test_price_and_take_do_not_change_tonnes():
    a = G.run(values(kayes_disrupted_pct=40, price_usd_oz=1000, state_take_pct=0)).headline
    b = G.run(values(kayes_disrupted_pct=40, price_usd_oz=6000, state_take_pct=50)).headline
    assert a["at_risk_t"] == pytest.approx(b["at_risk_t"])


# --- edges -------------------------------------------------------------------------------------------------------

def test_baseline_has_nothing_at_risk():
    out = G.run(BASE)
    assert out.headline["at_risk_t"] == 0 and out.headline["state_revenue_at_risk_usd"] == 0
    assert out.messages == [] and len(out.table) == 3


def test_everything_disrupted_puts_all_output_at_risk():
    h = G.run(values(kayes_disrupted_pct=100, rest_disrupted_pct=100)).headline
    assert h["at_risk_t"] == pytest.approx(G.CITED["G040"]) and h["not_disrupted_t"] == pytest.approx(0)
    assert h["at_risk_share_pct"] == pytest.approx(100) and h["exports_share_at_risk_pct"] == pytest.approx(76.5)


@pytest.mark.parametrize("level", [0.0, 100.0])
def test_all_percent_sliders_at_one_edge(level):
    v = {p.key: (level if p.unit.startswith("%") else p.default) for p in G.PARAMS}
    out = G.run(v)
    expected = G.CITED["G040"] if level == 100 else 0.0
    assert out.headline["at_risk_t"] == pytest.approx(expected)


@pytest.mark.parametrize("corner", ["low", "high"])
def test_every_slider_at_its_bound(corner):
    out = G.run({p.key: getattr(p, corner) for p in G.PARAMS})
    assert all(math.isfinite(x) for x in out.headline.values())


def test_empty_horizon():
    out = G.run(values(horizon_years=0, kayes_disrupted_pct=50))
    assert out.table.empty and "cumulative_state_revenue_at_risk_usd" in out.table.columns
    assert out.headline["total_at_risk_t"] == 0 and out.headline["at_risk_t"] > 0
    assert any("0 years" in m for m in out.messages)
    F.figure(G.run(BASE), out, catalogue=loaders.load_catalogue())  # draws without error


def test_five_year_horizon_repeats_the_year():
    out = G.run(values(horizon_years=5, kayes_disrupted_pct=50))
    assert len(out.table) == 5 and out.table["at_risk_t"].nunique() == 1
    assert out.table["cumulative_value_at_risk_usd"].iloc[-1] == pytest.approx(5 * out.headline["value_at_risk_usd"])


# --- messages, not exceptions ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [
    {"kayes_disrupted_pct": 130}, {"production_t": -5}, {"price_usd_oz": float("nan")},
    {"state_take_pct": "lots"}, {"horizon_years": 12}, {"horizon_years": -1},
])
def test_out_of_range_inputs_are_clamped_with_a_message(bad):
    out = G.run(values(**bad))
    assert out.messages and all(math.isfinite(x) for x in out.headline.values())


def test_missing_keys_take_defaults():
    assert G.run({}).headline["production_t"] == G.CITED["G040"]


@pytest.mark.parametrize("changes, words", [
    ({"kayes_share_pct": 100, "rest_disrupted_pct": 30}, "no effect"),
    ({"kayes_share_pct": 0, "kayes_disrupted_pct": 30}, "no effect"),
    ({"price_usd_oz": 1200}, "do not give the lower rate"),
    ({"state_take_pct": 0}, "0 %"),
    ({"production_t": 0}, "nothing to put at risk"),
    ({"horizon_years": 2.5}, "not a whole number"),
])
def test_contradictory_inputs_give_messages(changes, words):
    out = G.run(values(**changes))
    assert any(words in m for m in out.messages), out.messages


def test_non_integer_horizon_is_rounded():
    assert len(G.run(values(horizon_years=3.4)).table) == 3


# --- summary -------------------------------------------------------------------------------------------------------

def test_summary_side_by_side():
    base, scen = G.run(BASE), G.run(values(production_t=40, kayes_share_pct=50, kayes_disrupted_pct=50,
                                          price_usd_oz=4000))
    s = G.summary(base, scen)
    assert list(s.columns) == ["measure", "baseline", "scenario", "change"]
    row = s.set_index("measure").loc["Gold output at risk per year (t)"]
    assert (row["baseline"], row["scenario"], row["change"]) == ("0.0", "10.0", "+10.0 t")
    state = s.set_index("measure").loc["State revenue at risk per year (USD million)"]
    assert state["scenario"] == "96.5"  # 96,452,240 USD, see the hand-checked case
    fcfa = s[s["measure"].str.contains("G114")].iloc[0]
    assert "not comparable" in fcfa["scenario"] and fcfa["change"] == "—"
    assert s.map(lambda x: isinstance(x, str)).all().all()


def test_summary_of_identical_runs_says_no_change():
    s = G.summary(G.run(BASE), G.run(BASE))
    assert set(s["change"]) <= {"no change", "—"}


def test_summary_signs_a_fall():
    s = G.summary(G.run(values(kayes_disrupted_pct=50)), G.run(BASE)).set_index("measure")
    assert s.at["Gold output at risk per year (t)", "change"].startswith("−")


# --- figure --------------------------------------------------------------------------------------------------------

SCENARIOS = [values(), values(kayes_disrupted_pct=100, rest_disrupted_pct=100), values(horizon_years=0),
             values(production_t=0), values(horizon_years=5, price_usd_oz=6000, kayes_disrupted_pct=30)]


def test_figure_has_a_fixed_number_of_traces_and_sources():
    catalogue = loaders.load_catalogue()
    baseline = G.run(BASE)
    figs = [F.figure(baseline, G.run(v), catalogue=catalogue) for v in SCENARIOS]
    assert len({len(f.data) for f in figs}) == 1
    assert len({tuple(t.name for t in f.data) for f in figs}) == 1
    for f in figs:
        assert set(source_ids_of(f)) == {"G040", "G083", "G109", "G124"}


@pytest.mark.parametrize("case", range(len(SCENARIOS)))
def test_title_and_year_axis_follow_the_scenario(case):
    """The headline states the scenario's own numbers (issue 13: it kept the baseline's after a move) and the year
    axis ends at the scenario's horizon."""
    scenario = G.run(SCENARIOS[case])
    fig = F.figure(G.run(BASE), scenario, catalogue=loaders.load_catalogue())
    h, text = scenario.headline, fig.layout.title.text
    assert f"{fmt.number(h['price_usd_oz'])} USD/oz" in text
    if h["at_risk_t"] > 0:
        assert f"{fmt.number(h['at_risk_t'], 1)} t of gold a year at risk" in text
    if h["at_risk_t"] > 0 and h["horizon_years"] > 0:
        assert f"USD {fmt.number(h['total_state_revenue_at_risk_usd'] / 1e6, 1)} m" in text
    assert fig.layout.xaxis2.range[1] == max(h["horizon_years"], 1) + 0.5
    assert fig.layout.meta["title"] == M.plain_text(text)  # what the downloads burn in


def test_a_price_move_changes_the_headline():
    moved = F.figure(G.run(BASE), G.run(values(price_usd_oz=3950, kayes_disrupted_pct=25)),
                     catalogue=loaders.load_catalogue())
    assert "3,984" not in moved.layout.title.text and "3,950" in moved.layout.title.text


def test_figure_updates_in_place_like_the_panel():
    catalogue = loaders.load_catalogue()
    baseline = G.run(BASE)
    fig = go.Figure(F.figure(baseline, baseline, catalogue=catalogue))
    new = F.figure(baseline, G.run(values(kayes_disrupted_pct=50, horizon_years=5)), catalogue=catalogue)
    for old_trace, new_trace in zip(fig.data, new.data):
        old_trace.update(new_trace.to_plotly_json(), overwrite=True)
    kayes_bar = [t for t in fig.data if t.legendgroup == "at_risk_kayes_t" and t.x == ("Scenario",)][0]
    assert kayes_bar.y[0] == pytest.approx(54.8 * 0.8 * 0.5)
    assert len(fig.data[-1].x) == 5


def test_title_states_the_per_tonne_cost():
    fig = F.figure(G.run(BASE), G.run(BASE), catalogue=loaders.load_catalogue())
    assert "USD 9.6 m" in fig.layout.title.text and "3,984" in fig.layout.title.text


def test_examples_have_known_sources():
    catalogue = loaders.load_catalogue()
    for fig in F.examples():
        ids = source_ids_of(fig)
        assert ids and all(catalogue.knows(i) for i in ids)


def test_outcome_type():
    assert isinstance(G.run(BASE), Outcome)
