"""Fuel supply scenario: sourced defaults, hand-checked cases, conservation, monotonicity, edge inputs, figure."""

import itertools
import math

import numpy as np
import pytest

from widgets import loaders
from widgets.figures import scenario_fuel as FIG
from widgets.figures.common import source_ids_of
from widgets.scenarios import fuel as M
from widgets.scenarios.base import Outcome, defaults

KEYS = list(M.CORRIDORS)
DEFAULTS = defaults(M.PARAMS)


def values(**changes):
    """Defaults with changes; shares and disruptions given per corridor key, e.g. share_dakar=50."""
    return {**DEFAULTS, **changes}


def two_corridors(**changes):
    """A small fixture: demand 100 a week, Dakar 50 % and Abidjan 50 %, no escorts, 7 days (= 100 loads) of stock."""
    base = values(demand=100, weeks=12, stock_days=7, escort_per_week=0, reroute=50, spare=20,
                  **{f"share_{k}": 0 for k in KEYS}, **{f"disruption_{k}": 0 for k in KEYS})
    return {**base, "share_dakar": 50, "share_abidjan": 50, **changes}


# --- sourced defaults ----------------------------------------------------------------------------------------
def test_anchors_match_figures_csv():
    figures = loaders.load_figures().set_index("figure_id")
    for fid, value in M.ANCHORS.items():
        assert figures.at[fid, "value_num"] == pytest.approx(value), fid


def test_anchor_units_are_what_the_model_assumes():
    figures = loaders.load_figures().set_index("figure_id")
    assert figures.at["C031", "unit"] == "tanker trucks/month" and figures.at["C025", "unit"] == "tanker trucks/month"
    assert figures.at["C051", "unit"].startswith("days") and figures.at["C099", "unit"].startswith("week")
    assert figures.at["C079", "unit"] == "tankers" and figures.at["C094", "as_of"] == "2006"


def test_params_are_well_formed_and_cited():
    catalogue = loaders.load_catalogue()
    assert len({p.key for p in M.PARAMS}) == len(M.PARAMS)
    for p in M.PARAMS:
        assert p.low <= p.default <= p.high, p.key
        assert (p.default - p.low) / p.step == pytest.approx(round((p.default - p.low) / p.step)), p.key
        assert p.why and p.label and p.unit
        assert p.source == "assumption" or catalogue.knows(p.source), p.key
    assert all(catalogue.knows(i) for i in M.SOURCE_IDS)
    # every share is labelled an assumption: no source gives fuel shares by corridor
    assert all(p.source == "assumption" for p in M.PARAMS if p.key.startswith(("share_", "disruption_")))


def test_demand_default_is_6000_a_month_times_12_over_52():
    demand = next(p for p in M.PARAMS if p.key == "demand")
    # 6,000 × 12 / 52 = 1,384.6 → 1,385 on the slider's step of 5
    assert demand.default == 1385 and demand.source == "C031"
    assert "6,000 × 12 / 52 ≈ 1,385" in demand.why


def test_default_shares_follow_2010_split_and_sum_to_100():
    shares = {k: DEFAULTS[f"share_{k}"] for k in KEYS}
    # Dakar 40 (C068), Abidjan 30 (C069), Tema/Lomé/Conakry 30 (C070) split 10 + 20, Nouakchott 0
    assert shares == {"dakar": 40, "abidjan": 30, "conakry": 10, "nouakchott": 0, "gulf": 20}


def test_baseline_is_the_pre_blockade_flow():
    out = M.run(DEFAULTS)
    assert out.messages == []
    assert out.headline["delivered_per_week"] == pytest.approx(1385)
    assert out.headline["shortfall_pct"] == 0 and math.isnan(out.headline["stockout_week"])
    assert len(out.table) == 26 * (len(KEYS) + 2)


# --- hand-checked cases ------------------------------------------------------------------------------------
def test_hand_checked_reroute_and_stock_out():
    # sent: Dakar 50, Abidjan 50. Dakar loses 40 % = 20; half (10) is re-sent. Abidjan's spare is 20 % × 50 = 10,
    # so it takes all 10. Delivered: Dakar 50 × 0.6 = 30, Abidjan (50 + 10) × 1 = 60, total 90: 10 % short.
    # Stock 100 loads falls by 10 a week and is empty at the end of week 10; weeks 11–12 leave 10 unmet each:
    # 20 of 1,200 loads = 1.67 %.
    out = M.run(two_corridors(disruption_dakar=40))
    rows = M.by_corridor(out).set_index("corridor")
    assert rows.at["Dakar", "delivered"] == pytest.approx(30) and rows.at["Abidjan", "delivered"] == pytest.approx(60)
    assert rows.at["Abidjan", "rerouted_in"] == pytest.approx(10) and rows.at["Dakar", "rerouted_in"] == 0
    assert out.headline["delivered_per_week"] == pytest.approx(90)
    assert out.headline["shortfall_pct"] == pytest.approx(10)
    assert out.headline["stockout_week"] == 10
    assert out.headline["unmet_pct"] == pytest.approx(100 * 20 / 1200)
    assert M.weekly(out)["stock_end"].tolist()[:3] == pytest.approx([90, 80, 70])


def test_hand_checked_spare_capacity_caps_rerouting():
    # spare 10 % → Abidjan can take 5 of the 10 re-sent loads; Dakar cannot take its own. Total 30 + 55 = 85.
    out = M.run(two_corridors(disruption_dakar=40, spare=10))
    assert out.headline["rerouted_per_week"] == pytest.approx(5)
    assert out.headline["delivered_per_week"] == pytest.approx(85)
    assert any("spare capacity" in m for m in out.messages)


def test_rerouted_loads_face_the_receiving_corridors_disruption():
    # Dakar loses 40 (80 %), half = 20 re-sent; Abidjan (50 % lost) can take 100 % × 50 = 50 → takes 20, delivers
    # (50 + 20) × 0.5 = 35; Dakar delivers 50 × 0.2 = 10. Abidjan's own re-sent loads (12.5) can only go to Dakar:
    # pool 32.5 − 20 taken = 12.5 left; Dakar takes min(50, 32.5 − 20, 12.5) = 12.5 → 12.5 × 0.2 = 2.5 more.
    out = M.run(two_corridors(disruption_dakar=80, disruption_abidjan=50, spare=100))
    rows = M.by_corridor(out).set_index("corridor")
    assert rows.at["Abidjan", "rerouted_in"] == pytest.approx(20)
    assert rows.at["Dakar", "rerouted_in"] == pytest.approx(12.5)
    assert out.headline["delivered_per_week"] == pytest.approx(35 + 10 + 2.5)


def test_single_corridor_cannot_reroute_to_itself():
    # one corridor carries everything and loses half: no other corridor is there to take the lost loads
    out = M.run(two_corridors(share_dakar=100, share_abidjan=0, disruption_dakar=50, reroute=100, spare=200))
    assert out.headline["rerouted_per_week"] == 0 and out.headline["delivered_per_week"] == pytest.approx(50)


def test_escorted_convoys_arrive_in_full_even_when_roads_are_closed():
    # every corridor closed; 2 convoys × 20 tankers = 40 loads a week arrive
    closed = {f"disruption_{k}": 100 for k in KEYS}
    out = M.run(two_corridors(**closed, escort_per_week=2, escort_size=20))
    assert out.headline["delivered_per_week"] == pytest.approx(40)
    assert any("only escorted convoys" in m for m in out.messages)


def test_surplus_never_lifts_stock_above_its_starting_level():
    # 100 regular + 30 escorted = 130 a week against demand 100: the stock stays at its 100 loads
    out = M.run(two_corridors(escort_per_week=1, escort_size=30))
    assert M.weekly(out)["stock_end"].tolist() == pytest.approx([100] * 12)
    assert any("exceed demand" in m for m in out.messages)


def test_no_stock_means_stock_out_in_week_one():
    out = M.run(two_corridors(disruption_dakar=20, reroute=0, stock_days=0))
    assert out.headline["stockout_week"] == 1 and any("No stock" in m for m in out.messages)


# --- contradictory and extreme inputs --------------------------------------------------------------------
def test_shares_not_summing_to_100_are_scaled_with_a_message():
    scaled = M.run(two_corridors(share_dakar=80, share_abidjan=50, disruption_dakar=50))
    manual = M.run(two_corridors(share_dakar=80 / 1.3, share_abidjan=50 / 1.3, disruption_dakar=50))
    assert any("sum to 130 %" in m and "scaled to 100 %" in m for m in scaled.messages)
    assert scaled.headline["delivered_per_week"] == pytest.approx(manual.headline["delivered_per_week"])


def test_all_shares_zero_gives_a_message_not_an_error():
    out = M.run(values(**{f"share_{k}": 0 for k in KEYS}))
    assert out.headline["delivered_per_week"] == 0 and out.headline["shortfall_pct"] == 100
    assert any("shares are 0 %" in m for m in out.messages)


def test_all_corridors_closed_nothing_reaches_bamako():
    out = M.run(values(**{f"disruption_{k}": 100 for k in KEYS}))
    assert out.headline["delivered_per_week"] == 0
    assert "All corridors closed: nothing reaches Bamako." in out.messages
    assert out.headline["stockout_week"] == 1  # 3 days of stock cannot cover a week without deliveries


def test_empty_horizon():
    out = M.run(values(weeks=0))
    assert out.table.empty and list(out.table.columns) == M.COLUMNS
    assert math.isnan(out.headline["delivered_per_week"]) and math.isnan(out.headline["stockout_week"])
    assert any("0 weeks" in m for m in out.messages)
    table = M.summary(M.run(DEFAULTS), out)
    assert (table["scenario"] == "no weeks modelled").any() and M.stockout_text(out) == "no weeks modelled"


def test_zero_demand():
    out = M.run(values(demand=0, disruption_dakar=50))
    assert out.headline["shortfall_pct"] == 0 and out.headline["unmet_pct"] == 0
    assert math.isnan(out.headline["stockout_week"]) and any("Demand is 0" in m for m in out.messages)


@pytest.mark.parametrize("bad", [{"disruption_dakar": 150}, {"weeks": -3}, {"demand": 1e9}, {"spare": "lots"},
                                 {"stock_days": float("nan")}, {"weeks": 12.4}])
def test_out_of_range_values_are_clamped_with_a_message(bad):
    out = M.run(values(**bad))
    assert out.messages
    assert (out.table[["sent", "delivered"]].fillna(0) >= 0).all().all()


def test_missing_keys_take_defaults():
    assert M.run({}).headline == M.run(DEFAULTS).headline


@pytest.mark.parametrize("level", [0, 100])
def test_every_percentage_at_its_extremes(level):
    pct_keys = [p.key for p in M.PARAMS if p.unit.startswith("%")]
    out = M.run(values(**{k: level for k in pct_keys}))
    assert len(out.table) == DEFAULTS["weeks"] * (len(KEYS) + 2)
    assert all(not math.isnan(out.headline[k]) for k in ("delivered_per_week", "shortfall_pct", "unmet_pct"))


def test_lows_and_highs_of_every_param_run():
    for params in ([p.low for p in M.PARAMS], [p.high for p in M.PARAMS]):
        out = M.run(dict(zip([p.key for p in M.PARAMS], params)))
        assert isinstance(out, Outcome)


# --- conservation and monotonicity over a grid -------------------------------------------------------------
RNG = np.random.default_rng(20260129)
GRID = [values(weeks=8, demand=float(RNG.choice([0, 100, 1385])),
               reroute=float(RNG.choice([0, 50, 100])), spare=float(RNG.choice([0, 20, 100, 200])),
               escort_per_week=float(RNG.choice([0, 1])), stock_days=float(RNG.choice([0, 3, 7])),
               **{f"share_{k}": float(RNG.choice([0, 10, 30, 60])) for k in KEYS},
               **{f"disruption_{k}": float(RNG.choice([0, 25, 50, 75, 100])) for k in KEYS})
        for _ in range(120)]


@pytest.mark.parametrize("case", range(len(GRID)))
def test_conservation(case):
    v = GRID[case]
    out = M.run(v)
    t = out.table
    corridors = t[t["corridor"].isin(M.CORRIDORS.values())]
    assert (t["lost"] >= -1e-9).all()
    assert (t["delivered"] <= t["sent"] + t["rerouted_in"] + 1e-9).all()  # delivered ≤ supplied
    assert np.allclose(t["delivered"], t["sent"] + t["rerouted_in"] - t["lost"])
    assert (corridors["rerouted_in"] <= corridors["spare"] + 1e-9).all()  # rerouted ≤ spare capacity
    weekly = M.weekly(out)
    stock0 = v["stock_days"] / 7 * v["demand"]
    assert (weekly["stock_end"] >= 0).all() and (weekly["stock_end"] <= stock0 + 1e-9).all()
    assert (weekly["unmet"] >= -1e-9).all()
    week1 = M.by_corridor(out).set_index("corridor")
    assert week1.at[M.TOTAL, "delivered"] == pytest.approx(week1["delivered"].drop(M.TOTAL).sum())
    # re-sent loads never exceed the share of lost regular loads that traders re-send
    lost_regular = sum(week1.at[c, "sent"] * v[f"disruption_{k}"] / 100 for k, c in M.CORRIDORS.items())
    assert out.headline["rerouted_per_week"] <= v["reroute"] / 100 * lost_regular + 1e-6


@pytest.mark.parametrize("case, corridor", list(itertools.product(range(0, len(GRID), 3), KEYS)))
def test_more_disruption_never_delivers_more(case, corridor):
    v = GRID[case]
    previous = None
    for level in range(0, 101, 20):
        out = M.run({**v, f"disruption_{corridor}": level})
        h = out.headline
        if previous is not None:
            assert h["delivered_per_week"] <= previous["delivered_per_week"] + 1e-9
            assert h["unmet_pct"] >= previous["unmet_pct"] - 1e-9
            earlier = math.isnan(previous["stockout_week"]) or h["stockout_week"] <= previous["stockout_week"]
            assert earlier
        previous = h


def test_reroute_respects_flow_limits():
    lost = {"a": 10.0, "b": 0.0, "c": 5.0}
    taken = M.reroute(lost, spare={"a": 100, "b": 3, "c": 100}, arrive={"a": 0.5, "b": 1, "c": 0.8}, share=1)
    # pool 15; b (safest) takes its spare 3; c takes min(100, 15 − 5, 12) = 10; a takes min(100, 15 − 10, 2) = 2
    assert taken == pytest.approx({"a": 2, "b": 3, "c": 10})


# --- summary and figure ------------------------------------------------------------------------------------
def test_summary_reads_as_text():
    base = M.run(DEFAULTS)
    scen = M.run(values(disruption_dakar=60, disruption_abidjan=30))
    table = M.summary(base, scen)
    assert list(table.columns) == ["measure", "baseline", "scenario", "change"]
    row = table.set_index("measure").loc["Week stocks run out"]
    assert row["baseline"] == "not within horizon" and row["scenario"].startswith("week ")
    assert row["change"] == "stocks run out"
    assert table.set_index("measure").loc["Demand, tanker loads a week", "change"] == "no change"
    assert table.map(lambda x: isinstance(x, str)).all().all()


@pytest.mark.parametrize("changes", [{}, {"weeks": 0}, {"demand": 0}, {f"disruption_{k}": 100 for k in KEYS},
                                     {"disruption_dakar": 60, "escort_per_week": 2}])
def test_figure_has_the_same_traces_for_any_input(changes):
    fig = FIG.figure(M.run(DEFAULTS), M.run(values(**changes)), catalogue=loaders.load_catalogue())
    assert len(fig.data) == 6 and [t.type for t in fig.data] == ["bar", "bar", "scatter", "scatter", "scatter",
                                                                  "scatter"]
    assert fig.layout.title.text and set(M.SOURCE_IDS) <= set(source_ids_of(fig))


def test_examples_cite_their_sources_and_state_the_claim():
    (fig,) = FIG.examples()
    assert source_ids_of(fig) and "tanker loads a week reach Bamako" in fig.layout.title.text
