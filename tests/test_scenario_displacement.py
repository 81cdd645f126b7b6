"""Displacement model: cited defaults, conservation, monotonicity, edges, hand-checked cases, messages, summary and
figure contract."""

import itertools
import math

import plotly.graph_objects as go
import pytest

from widgets import loaders
from widgets import fmt
from widgets.figures import scenario_displacement as F
from widgets.figures.common import source_ids_of
from widgets.scenarios import displacement as D
from widgets.scenarios.base import Outcome, defaults

BASE = defaults(D.PARAMS)
HOST_KEYS = list(D.HOSTS)
ZERO_HOSTS = {k: 0.0 for k in HOST_KEYS}


def values(**changes):
    return dict(BASE, **changes)


def last_month(outcome: Outcome) -> dict[str, float]:
    t = outcome.table
    return dict(zip(t[t["month"] == t["month"].max()]["destination"], t[t["month"] == t["month"].max()]["cumulative"]))


# --- cited numbers -------------------------------------------------------------------------------------------------

def test_cited_numbers_match_figures_csv():
    figures = loaders.load_figures().set_index("figure_id")
    for fid, value in D.CITED.items():
        assert figures.at[fid, "value_num"] == pytest.approx(value), fid


def test_cited_rows_have_the_expected_meaning_and_period():
    f = loaders.load_figures().set_index("figure_id")
    assert f.at["H049", "metric"] == "new_arrivals_mauritania_since_late_oct2025"
    assert f.at["H049", "as_of"] == "2025-10-end to 2025-12-end" and D.H049_MONTHS == 2  # end Oct → end Dec
    assert "three months" in f.at["H043", "as_of"] and D.H043_MONTHS == 3
    assert f.at["H009", "unit"] == "persons/week"
    assert f.at["H080", "metric"] == "share_displaced_within_own_country" and f.at["H080", "unit"] == "percent"
    assert "29%" in f.at["H069", "unit"] and D.NIGER_MALIAN_SHARE == 29
    assert f.at["H004", "metric"] == "mbera_camp_official_capacity" and f.at["H003", "as_of"] == "2024-02-29"
    assert f.at["H048", "metric"] == "refugees_in_mauritania_total" and f.at["H074", "metric"] == "mali_idps"
    assert f.at["H059", "metric"] == "malian_asylum_seekers_cote_divoire"


def test_no_count_for_hosts_shown_as_not_found():
    # Burkina Faso, Guinea, Senegal and Algeria show "not found in our sources"; if a count of Malian refugees
    # there is added to the data, this fails so the reference can be filled in. (H081, unregistered refugees in
    # Burkina Faso, Mali and Niger together, is a regional count of refugees hosted there, not of Malians.)
    f = loaders.load_figures()
    d = f[f["topic"] == "displacement"]
    for country in ["burkina", "guinea", "senegal", "algeria"]:
        one = ~d["geography"].str.contains(",")  # a single host country, not a regional total
        hit = d[one & d["geography"].str.lower().str.startswith(country) & d["metric"].str.contains("malian|refugee")]
        assert hit.empty, (country, hit["figure_id"].tolist())
        assert D.CURRENT[country.title().replace("Burkina", "Burkina Faso")] == "not found in our sources"


def test_default_pace_reproduces_the_mauritania_count():
    # 7,300 ÷ 2 months = 3,650 a month; 3,650 ÷ (25 % × 80 %) = 18,250 newly displaced a month.
    assert D.MAURITANIA_PER_MONTH == pytest.approx(3650)
    assert BASE["monthly_displaced"] == 18250
    assert D.run(BASE).headline["per_month:Mauritania"] == pytest.approx(3650)


@pytest.mark.parametrize("param", [p for p in D.PARAMS if p.source != "assumption"], ids=lambda p: p.key)
def test_sourced_defaults_are_the_cited_rows(param):
    row = loaders.load_figures().set_index("figure_id").loc[param.source]
    assert row["value_num"] == pytest.approx(param.default)


def test_every_param_explains_itself():
    for p in D.PARAMS:
        assert p.why and p.unit and p.low < p.high and p.step > 0 and p.low <= p.default <= p.high
        assert p.source == "assumption" or p.source in D.CITED
        assert (p.default - p.low) / p.step == pytest.approx(round((p.default - p.low) / p.step))  # on the grid
    assert len({p.key for p in D.PARAMS}) == len(D.PARAMS) and D.ASSUMPTIONS
    assert sum(BASE[k] for k in HOST_KEYS) == 100  # the default split needs no scaling


# --- hand-checked cases ----------------------------------------------------------------------------------------------

def test_hand_checked_shares_below_100():
    # 1,000 a month, 60 % stay → 600 IDPs, 400 cross. Of the 400: Mauritania 50 % = 200, Niger 30 % = 120,
    # the other 20 % = 80 to "other or unknown". Over 3 months: 1,800 / 600 / 360 / 240, total 3,000.
    out = D.run(values(monthly_displaced=1000, share_inside=60, horizon_months=3,
                       **dict(ZERO_HOSTS, share_mauritania=50, share_niger=30)))
    h = out.headline
    assert h["per_month:" + D.INSIDE] == pytest.approx(600) and h["crossing_per_month"] == pytest.approx(400)
    assert h["per_month:Mauritania"] == pytest.approx(200) and h["per_month:Niger"] == pytest.approx(120)
    assert h["per_month:" + D.OTHER] == pytest.approx(80)
    end = last_month(out)
    assert end[D.INSIDE] == pytest.approx(1800) and end["Mauritania"] == pytest.approx(600)
    assert end["Niger"] == pytest.approx(360) and end[D.OTHER] == pytest.approx(240)
    assert h["total_displaced"] == pytest.approx(3000)
    maur = out.table[out.table["destination"] == "Mauritania"]
    assert maur["month"].tolist() == [1, 2, 3] and maur["cumulative"].tolist() == pytest.approx([200, 400, 600])
    assert any("add up to 80 %" in m for m in out.messages)


def test_hand_checked_scaling_above_100():
    # Mauritania 100 % + Niger 50 % = 150 %: scaled to 2/3 and 1/3. 900 a month, none stay:
    # Mauritania 600, Niger 300 a month; nothing to "other".
    out = D.run(values(monthly_displaced=900, share_inside=0, horizon_months=1,
                       **dict(ZERO_HOSTS, share_mauritania=100, share_niger=50)))
    h = out.headline
    assert h["per_month:Mauritania"] == pytest.approx(600) and h["per_month:Niger"] == pytest.approx(300)
    assert h["per_month:" + D.OTHER] == 0
    assert any("150 %" in m and "scaled to 100 %" in m for m in out.messages)


# --- conservation and monotonicity over a grid ----------------------------------------------------------------------

GRID = list(itertools.product([0, 1000, 18250, 50000], [0, 40, 75, 100], [0, 50, 100], [0, 10, 60], [0, 1, 7, 24]))


@pytest.mark.parametrize("total, inside, maur, others, months", GRID)
def test_conservation(total, inside, maur, others, months):
    v = values(monthly_displaced=total, share_inside=inside, horizon_months=months,
               **{k: (maur if k == "share_mauritania" else others) for k in HOST_KEYS})
    out = D.run(v)
    t = out.table
    assert len(t) == months * len(D.DESTINATIONS)
    assert (t["new_in_month"] >= 0).all() and (t["cumulative"] >= 0).all()
    assert t.groupby("month")["new_in_month"].sum().tolist() == pytest.approx([total] * months)
    # Sum over destinations = new displacement × months.
    assert t[t["month"] == months]["cumulative"].sum() == pytest.approx(total * months) if months else t.empty
    assert sum(out.headline[f"total:{d}"] for d in D.DESTINATIONS) == pytest.approx(total * months)
    crossing = sum(out.headline[f"per_month:{d}"] for d in D.DESTINATIONS if d != D.INSIDE)
    assert crossing == pytest.approx(total * (100 - inside) / 100)


@pytest.mark.parametrize("inside, maur, others, months", list(itertools.product([0, 75, 100], [0, 80, 100],
                                                                                 [0, 10, 50], [0, 1, 12])))
def test_more_displacement_or_time_never_means_fewer_anywhere(inside, maur, others, months):
    shares = {k: (maur if k == "share_mauritania" else others) for k in HOST_KEYS}
    prev = None
    for total in [0, 500, 5000, 20000, 50000]:
        h = D.run(values(monthly_displaced=total, share_inside=inside, horizon_months=months, **shares)).headline
        if prev:
            assert all(h[f"total:{d}"] >= prev[f"total:{d}"] - 1e-9 for d in D.DESTINATIONS)
        prev = h
    prev = None
    for m in range(0, 25, 3):
        h = D.run(values(share_inside=inside, horizon_months=m, **shares)).headline
        if prev:
            assert all(h[f"total:{d}"] >= prev[f"total:{d}"] - 1e-9 for d in D.DESTINATIONS)
        prev = h


@pytest.mark.parametrize("others", [0, 10, 40])
def test_a_larger_share_never_sends_fewer_there(others):
    shares = {k: others for k in HOST_KEYS}
    maur = [D.run(values(**dict(shares, share_mauritania=s))).headline["per_month:Mauritania"]
            for s in range(0, 101, 10)]
    assert maur == sorted(maur)  # even when the shares are scaled down
    inside = [D.run(values(share_inside=s)).headline for s in range(0, 101, 10)]
    for a, b in zip(inside, inside[1:]):  # more staying inside → never more across any border
        assert all(b[f"per_month:{d}"] <= a[f"per_month:{d}"] + 1e-9 for d in D.DESTINATIONS if d != D.INSIDE)


# --- edges and messages ------------------------------------------------------------------------------------------

def test_zero_horizon_is_empty_with_a_message():
    out = D.run(values(horizon_months=0))
    assert out.table.empty and list(out.table.columns) == ["month", "destination", "new_in_month", "cumulative"]
    assert out.headline["total_displaced"] == 0 and out.headline["per_month:Mauritania"] > 0
    assert any("Horizon of 0 months" in m for m in out.messages)
    assert D.summary(D.run(BASE), out)["scenario"].notna().all()


def test_everything_at_zero():
    out = D.run({p.key: 0.0 for p in D.PARAMS})
    assert out.table.empty and all(out.headline[f"total:{d}"] == 0 for d in D.DESTINATIONS)
    assert any("No new displacement" in m for m in out.messages)


def test_everything_at_100_percent():
    out = D.run(values(share_inside=100, **{k: 100 for k in HOST_KEYS}))
    h = out.headline
    assert h["per_month:" + D.INSIDE] == BASE["monthly_displaced"] and h["crossing_per_month"] == 0
    assert any("Everyone stays inside Mali" in m for m in out.messages)


@pytest.mark.parametrize("key", HOST_KEYS)
def test_all_who_cross_go_to_one_country(key):
    out = D.run(values(monthly_displaced=1000, share_inside=0, horizon_months=2, **dict(ZERO_HOSTS, **{key: 100})))
    end = last_month(out)
    assert end[D.HOSTS[key]] == pytest.approx(2000)
    assert sum(v for d, v in end.items() if d != D.HOSTS[key]) == 0
    assert not out.messages  # shares add up to exactly 100 %: nothing to say


def test_all_hosts_zero_goes_to_other_with_a_message():
    out = D.run(values(share_inside=0, **ZERO_HOSTS))
    assert out.headline["per_month:" + D.OTHER] == pytest.approx(BASE["monthly_displaced"])
    assert any("Every host-country share is 0 %" in m for m in out.messages)


def test_out_of_range_and_bad_values_are_clamped_with_messages():
    out = D.run(values(monthly_displaced=-5, share_inside=140, share_niger=float("nan"), horizon_months=99))
    assert out.headline["monthly_displaced"] == 0 and out.headline["share_inside_pct"] == 100
    assert out.headline["horizon_months"] == 24
    assert len([m for m in out.messages if "outside" in m or "no value" in m]) == 4
    out = D.run({"horizon_months": "many"})  # missing keys take defaults
    assert out.headline["horizon_months"] == 12 and any("not a number" in m for m in out.messages)


def test_fractional_horizon_is_rounded_with_a_message():
    out = D.run(values(horizon_months=6.4))
    assert out.headline["horizon_months"] == 6 and any("not a whole number" in m for m in out.messages)


def test_defaults_give_no_messages():
    assert D.run(BASE).messages == []


# --- summary -------------------------------------------------------------------------------------------------------

def test_summary_rows_and_changes():
    s = D.summary(D.run(BASE), D.run(values(share_inside=50)))
    assert list(s.columns) == ["measure", "baseline", "scenario", "change"]
    assert all(isinstance(x, str) for x in s.to_numpy().ravel())
    row = s[s["measure"].str.startswith("Mauritania, new")].iloc[0]
    # 18,250 × 12 × 25 % × 80 % = 43,800; at 50 % staying: 87,600 (+43,800).
    assert (row["baseline"], row["scenario"], row["change"]) == ("43,800", "87,600", "+43,800")
    assert "near 300,000" in row["measure"] and "H048" in row["measure"]
    assert s[s["measure"].str.startswith("Guinea")]["measure"].iloc[0].endswith("(now: not found in our sources)")
    assert s["measure"].str.contains("Mbera camp").any()
    same = D.summary(D.run(BASE), D.run(BASE))
    assert set(same["change"]) <= {"no change", "—"}


# --- figure --------------------------------------------------------------------------------------------------------

FIGURE_CASES = [BASE, values(horizon_months=0), {p.key: 0.0 for p in D.PARAMS},
                values(share_inside=100, **{k: 100 for k in HOST_KEYS}), values(horizon_months=24, share_inside=0)]


@pytest.mark.parametrize("case", range(len(FIGURE_CASES)))
def test_figure_has_the_same_traces_for_any_input(case):
    catalogue = loaders.load_catalogue()
    base = F.figure(D.run(BASE), D.run(BASE), catalogue=catalogue)
    fig = F.figure(D.run(BASE), D.run(FIGURE_CASES[case]), catalogue=catalogue)
    assert [type(t).__name__ for t in fig.data] == [type(t).__name__ for t in base.data] and len(fig.data) == 7
    assert [t.name for t in fig.data] == [t.name for t in base.data]


def test_examples_cite_known_sources_and_state_a_claim():
    catalogue = loaders.load_catalogue()
    for fig in F.examples():
        assert isinstance(fig, go.Figure)
        ids = source_ids_of(fig)
        assert set(ids) >= {"H049", "H080"} and all(catalogue.knows(i) for i in ids)
        scen = fig.data[1]
        mauritania = dict(zip(scen.y, scen.x))["Mauritania"]
        assert f"about {fmt.number(round(mauritania, -2))} new" in fig.layout.title.text
        assert "300,000" in fig.layout.title.text  # scenario bars: the stressed example sends more to every destination but "other"
        assert list(scen.y) == D.DESTINATIONS and all(not math.isnan(x) for x in scen.x)


@pytest.mark.parametrize("case", range(len(FIGURE_CASES)))
def test_title_and_month_axis_follow_the_scenario(case):
    """Issue 13: with Mauritania at 70 % the bars said 38,325 and the title still said the baseline's 43,800."""
    scenario = D.run(FIGURE_CASES[case])
    fig = F.figure(D.run(BASE), scenario, catalogue=loaders.load_catalogue())
    assert fig.layout.title.text == F.title(scenario)
    months = scenario.headline["horizon_months"]
    assert fig.layout.xaxis2.range[1] == max(months, D.H043_MONTHS) + 0.5


def test_title_states_the_scenario_bar_for_mauritania():
    scenario = D.run(values(share_mauritania=70))
    fig = F.figure(D.run(BASE), scenario, catalogue=loaders.load_catalogue())
    bars = dict(zip(fig.data[1].y, fig.data[1].x))
    assert f"about {fmt.number(round(bars['Mauritania'], -2))} new arrivals" in fig.layout.title.text
    assert "43,800" not in fig.layout.title.text


def test_title_names_the_pace_only_when_it_is_the_cited_one():
    assert F.title(D.run(BASE)).startswith("If the late-2025 pace held")
    assert F.title(D.run(values(monthly_displaced=1000))).startswith("At 1,000 newly displaced a month")
    assert "no one" in F.title(D.run(values(horizon_months=0)))
