"""Gold revenue at risk: how much industrial gold, its value and the state's take a disruption would remove per year.

Arithmetic (one year; every year of the horizon repeats it, parameters held constant):
    Kayes output       = production × Kayes share
    tonnes at risk     = Kayes output × Kayes disrupted + (production − Kayes output) × rest disrupted
    value at risk USD  = tonnes at risk × troy ounces per tonne × price (USD/oz)
    state revenue USD  = value at risk × effective state take

Pure: no files. The cited numbers below are copied from data/processed/figures.csv under their figure ids;
tests/test_scenario_gold.py checks each against the file, so a change in the data fails the tests.
"""

from __future__ import annotations

import pandas as pd

from widgets import fmt
from widgets.i18n import N_, _
from widgets.scenarios.base import Outcome, Param, Preset, clamp, said, summary_columns

# A physical constant, not a sourced figure: one troy ounce is exactly 31.1034768 g.
TROY_OZ_PER_TONNE = 1_000_000 / 31.1034768

# Cited figures used as defaults, alternatives or reference points (figure id → value_num in figures.csv).
CITED: dict[str, float] = {
    "G040": 54.8,     # industrial gold production, 2024 (revised), tonnes
    "G039": 42.2,     # industrial gold production, 2025 (provisional), tonnes
    "G034": 43.0,     # Loulo-Gounkoto share of industrial output, 2024, percent
    "G042": 5.5,      # Loulo-Gounkoto production, 2025, tonnes
    "G043": 22.5,     # Loulo-Gounkoto production, 2024, tonnes
    "G083": 80.0,     # Kayes share of Mali's gold production, percent (around), Timbuktu Institute 2025
    "G074": 77.0,     # Kayes share of Mali's gold production, percent, ISS circa 2020-2021
    "G109": 3984.0,   # gold spot price, USD/oz, 2025-11-03
    "G108": 4381.21,  # gold price all-time high, USD/oz, 2025-10-20
    "G124": 7.5,      # royalty, percent of sales, when gold is above USD 1,500/oz (2023 code)
    "G085": 30.0,     # maximum state stake, percent (2023 code)
    "G086": 35.0,     # total Malian stake incl. local private investors, percent (2023 code)
    "G090": 0.75,     # local development fund, percent of quarterly turnover (2023 code)
    "G051": 6.0,      # artisanal gold production, 2025, tonnes (official rough estimate)
    "G044": 76.5,     # gold share of exports, percent, 2022 (EITI)
    "G055": 80.0,     # gold share of exports, percent ("près de"), circa 2021
    "G121": 80.0,     # gold share of exports, percent ("more than"), circa 2024-2025
    "G114": 835.1,    # state revenue from gold companies, billion CFA francs, 2024
}
ROYALTY_THRESHOLD_USD_OZ = 1500.0  # the price above which G124's 7.5 % applies (stated in G124's as_of)

_n = fmt.number


def _numbers() -> dict[str, str]:
    """The cited numbers the texts name, formatted in the page's language when a text is shown."""
    c = CITED
    numbers = dict(g040=_n(c["G040"], 1), g034=_n(c["G034"]), g039=_n(c["G039"], 1), g042=_n(c["G042"], 1),
                g043=_n(c["G043"], 1), g083=_n(c["G083"]), g074=_n(c["G074"]), g109=_n(c["G109"]),
                g108=_n(c["G108"], 2), g124=_n(c["G124"], 1), threshold=_n(ROYALTY_THRESHOLD_USD_OZ),
                g085=_n(c["G085"]), g086=_n(c["G086"]), g090=_n(c["G090"], 2), g051=_n(c["G051"]),
                g044=_n(c["G044"], 1), g055=_n(c["G055"]), g114=_n(c["G114"], 1))
    # Percentages as fmt writes them (the % inside the placeholder keeps the msgids free of "% o"-like sequences
    # that gettext tools read as printf conversions).
    percents = dict(g034=(c["G034"], 0), g074=(c["G074"], 0), g083=(c["G083"], 0), g124=(c["G124"], 1),
                    g085=(c["G085"], 0), g086=(c["G086"], 0), g090=(c["G090"], 2), g044=(c["G044"], 1),
                    g055=(c["G055"], 0))
    return {**numbers, **{f"{k}_pct": fmt.percent(v, d) for k, (v, d) in percents.items()}, "none": fmt.percent(0)}


PARAMS: list[Param] = [
    Param("production_t", N_("Industrial gold output"), CITED["G040"], 0.0, 80.0, 0.1, N_("tonnes/year"), "G040",
          N_("The revised 2024 figure ({g040} t), the latest full year in which Loulo-Gounkoto, the Kayes-region "
             "mine behind {g034_pct} of industrial output in 2024 (G034), ran for most of the year. The provisional "
             "2025 figure ({g039} t, G039) is lower mainly because that mine was halted or far below capacity for "
             "most of 2025 ({g042} t in 2025 against {g043} t in 2024, G042/G043); using it would understate output "
             "after the restart and would not match the Kayes share, which describes normal output."), _numbers),
    Param("kayes_share_pct", N_("Share produced in the Kayes region"), CITED["G083"], 0.0, 100.0, 1.0, "%", "G083",
          N_("Timbuktu Institute, 2025: around {g083_pct}, the most recent estimate. ISS gave {g074_pct} in 2021 (G074). "
             "Both are estimates; no official breakdown by region was found."), _numbers),
    Param("kayes_disrupted_pct", N_("Share of Kayes output disrupted"), 0.0, 0.0, 100.0, 1.0, "%", "assumption",
          N_("No source measures how much output a blockade removes; {none} is the baseline (no disruption). "
             "Move it to test a scenario."), _numbers),
    Param("rest_disrupted_pct", N_("Share of output elsewhere disrupted"), 0.0, 0.0, 100.0, 1.0, "%", "assumption",
          N_("Output outside the Kayes region. No source measures a disruption; {none} is the baseline."), _numbers),
    Param("price_usd_oz", N_("Gold price"), CITED["G109"], 1000.0, 6000.0, 10.0, N_("USD/oz"), "G109",
          N_("Spot price of about {g109} USD/oz on 3 Nov 2025, the latest price in our sources. The record of "
             "{g108} USD/oz on 20 Oct 2025 (G108) was a one-day peak."), _numbers),
    Param("state_take_pct", N_("State take (share of value)"), CITED["G124"], 0.0, 50.0, 0.5, N_("{percent} of value"),
          "G124",
          N_("The royalty only: {g124_pct} of sales when gold is above {threshold} USD/oz (2023 mining code). Taxes "
             "and dividends are left out: the state may hold up to {g085_pct} of a mine ({g086_pct} with local "
             "investors; G085/G086), but that is a share of profits, and no source gives an effective rate on "
             "revenue. The {g090_pct} of turnover for local development funds (G090) is also left out. Raise the "
             "slider to test a larger effective take."), _numbers),
    Param("horizon_years", N_("Horizon"), 3.0, 0.0, 5.0, 1.0, N_("years"), "assumption",
          N_("Three years, the middle of the range. Every year repeats the first (parameters are held constant), "
             "so totals are the yearly figures times the number of years.")),
]

_ASSUMPTIONS: list[str] = [
    N_("Industrial gold only: artisanal output (an official rough estimate of {g051} t in 2025, G051) is left out."),
    N_("Disrupted output is lost for the year, not stored and sold later. The model does not say how a blockade "
       "would disrupt a mine (fuel, security, transport): the disruption shares are the reader's assumption."),
    N_("Every year of the horizon repeats the first: output, Kayes share, disruption, price and take are held "
       "constant. Year 1, 2, … are not calendar years."),
    N_("The Kayes share is an estimate (around {g083_pct} per the Timbuktu Institute in 2025, G083; {g074_pct} per ISS "
       "in 2021, G074); no official regional breakdown was found. Regions follow Mali's pre-2023 scheme."),
    N_("The state's take defaults to the royalty ({g124_pct} of sales above {threshold} USD/oz, G124). Corporate "
       "tax, dividends from the state's stake and other levies are not modelled, so at the default the state "
       "revenue at risk is a lower bound."),
    N_("The share of exports at risk assumes gold exports move one-for-one with industrial output, the 2022 "
       "structure of exports (gold {g044_pct}, EITI, G044; other sources say about or more than {g055_pct}, "
       "G055/G121) and other exports unchanged."),
    N_("State revenue at risk is in USD; the state's revenue from gold companies in 2024 ({g114} bn FCFA, G114) is "
       "in CFA francs. Our sources give no exchange rate, so the two are not compared."),
]


def assumptions() -> list[str]:
    """The model's assumptions, in the page's language."""
    return [said(a, _numbers) for a in _ASSUMPTIONS]


def __getattr__(name: str):
    """`ASSUMPTIONS` read in the page's language at the moment it is shown."""
    if name == "ASSUMPTIONS":
        return assumptions()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Named scenarios for the panel and the static export. The values are assumptions chosen to illustrate (labelled so
# on the page); only the defaults they start from are sourced.
PRESETS: list[Preset] = [
    Preset(N_("Baseline (cited defaults)"),
           N_("Every parameter at its default: 2024 output (G040), the Kayes share (G083), the Nov 2025 price (G109) "
              "and the royalty (G124), with no disruption.")),
    Preset(N_("Kayes output halved"),
           N_("The blockade declared on Kayes and Nioro du Sahel (E006) sits in the region that produces most of the "
              "gold; half of the Kayes output is assumed lost each year."),
           {"kayes_disrupted_pct": 50}),
    Preset(N_("Kayes mines stopped for one year"),
           N_("The extreme case for the Kayes region: all of its output lost for a one-year horizon, output "
              "elsewhere untouched."),
           {"kayes_disrupted_pct": 100, "horizon_years": 1}),
    Preset(N_("2025 output, disruption everywhere"),
           N_("Starts from the lower provisional 2025 output (G039) and spreads a moderate disruption over every "
              "region."),
           {"production_t": CITED["G039"], "kayes_disrupted_pct": 25, "rest_disrupted_pct": 10}),
]

def _year_table(horizon: int, per_year: dict[str, float]) -> pd.DataFrame:
    """One row per year; cumulative columns add the constant yearly figures."""
    years = list(range(1, horizon + 1))
    table = pd.DataFrame({"year": pd.Series(years, dtype="int64")})
    for key in ["production_t", "at_risk_kayes_t", "at_risk_rest_t", "at_risk_t", "not_disrupted_t", "at_risk_oz",
                "value_at_risk_usd", "state_revenue_at_risk_usd"]:
        table[key] = pd.Series([per_year[key]] * horizon, dtype="float64")
    table["cumulative_at_risk_t"] = table["at_risk_t"].cumsum()
    table["cumulative_value_at_risk_usd"] = table["value_at_risk_usd"].cumsum()
    table["cumulative_state_revenue_at_risk_usd"] = table["state_revenue_at_risk_usd"].cumsum()
    return table


def _input_messages(v: dict[str, float]) -> list[str]:
    """Plain words for inputs that make a slider irrelevant or leave the cited range of a rate."""
    out = []
    if v["production_t"] == 0:
        out.append(_("Industrial output is 0 t: there is nothing to put at risk."))
    if v["kayes_share_pct"] == 100 and v["rest_disrupted_pct"] > 0:
        out.append(_("All output is in the Kayes region: the share disrupted elsewhere has no effect."))
    if v["kayes_share_pct"] == 0 and v["kayes_disrupted_pct"] > 0:
        out.append(_("No output is in the Kayes region: the share of Kayes output disrupted has no effect."))
    if v["price_usd_oz"] <= ROYALTY_THRESHOLD_USD_OZ:
        out.append(_("At {price} USD/oz the price is not above {threshold} USD/oz: the {g124_pct} royalty applies only "
                     "above it, and our sources do not give the lower rate. The take is applied as set.").format(
            price=fmt.number(v["price_usd_oz"]), **_numbers()))
    if v["state_take_pct"] == 0:
        out.append(_("The state's take is 0 %: output can fall without any loss of state revenue in this model."))
    return out


def run(values: dict[str, float]) -> Outcome:
    """Tonnes, value and state revenue at risk per year and over the horizon, for any input (clamped to range)."""
    v, messages = clamp(values, PARAMS)
    horizon = int(round(v["horizon_years"]))
    if horizon != v["horizon_years"]:
        messages.append(_("Horizon {value} years is not a whole number; {years} years are used.").format(
            value=f"{v['horizon_years']:g}", years=horizon))
    messages += _input_messages(v)
    if horizon == 0:
        messages.append(_("Horizon of 0 years: the year-by-year table is empty and totals are zero; "
                          "the figures for one year are still shown."))

    kayes_t = v["production_t"] * v["kayes_share_pct"] / 100
    rest_t = v["production_t"] - kayes_t
    risk_kayes = kayes_t * v["kayes_disrupted_pct"] / 100
    risk_rest = rest_t * v["rest_disrupted_pct"] / 100
    at_risk_t = risk_kayes + risk_rest
    at_risk_oz = at_risk_t * TROY_OZ_PER_TONNE
    value = at_risk_oz * v["price_usd_oz"]
    state = value * v["state_take_pct"] / 100
    share = 100 * at_risk_t / v["production_t"] if v["production_t"] > 0 else 0.0
    per_year = dict(production_t=v["production_t"], at_risk_kayes_t=risk_kayes, at_risk_rest_t=risk_rest,
                    at_risk_t=at_risk_t, not_disrupted_t=v["production_t"] - at_risk_t, at_risk_oz=at_risk_oz,
                    value_at_risk_usd=value, state_revenue_at_risk_usd=state)
    headline = dict(per_year, kayes_share_pct=v["kayes_share_pct"], price_usd_oz=v["price_usd_oz"],
                    state_take_pct=v["state_take_pct"], horizon_years=float(horizon), at_risk_share_pct=share,
                    exports_share_at_risk_pct=share * CITED["G044"] / 100,
                    state_usd_per_tonne=TROY_OZ_PER_TONNE * v["price_usd_oz"] * v["state_take_pct"] / 100,
                    total_at_risk_t=at_risk_t * horizon, total_value_at_risk_usd=value * horizon,
                    total_state_revenue_at_risk_usd=state * horizon)
    return Outcome(table=_year_table(horizon, per_year), messages=messages, headline=headline)


def _signed(value: float, digits: int, unit: str = "") -> str:
    """A change with its sign; `unit` is a template around the number ("{n} t")."""
    if round(value, digits) == 0:
        return _("no change")
    number = fmt.number(abs(value), digits)
    return f"{'+' if value > 0 else '−'}{_(unit).format(n=number) if unit else number}"


# (label, headline key, scale, digits, unit of the change)
_ROWS = [
    (N_("Gold output at risk per year (t)"), "at_risk_t", 1, 1, N_("{n} t")),
    (N_("Share of industrial output at risk (%)"), "at_risk_share_pct", 1, 1, N_("{n} pts")),
    (N_("Value at risk per year (USD million)"), "value_at_risk_usd", 1e-6, 0, N_("{n} USD m")),
    (N_("State revenue at risk per year (USD million)"), "state_revenue_at_risk_usd", 1e-6, 1, N_("{n} USD m")),
    (N_("Horizon (years)"), "horizon_years", 1, 0, N_("{n} years")),
    (N_("Gold output at risk over the horizon (t)"), "total_at_risk_t", 1, 1, N_("{n} t")),
    (N_("Value at risk over the horizon (USD million)"), "total_value_at_risk_usd", 1e-6, 0, N_("{n} USD m")),
    (N_("State revenue at risk over the horizon (USD million)"), "total_state_revenue_at_risk_usd", 1e-6, 1,
     N_("{n} USD m")),
]


def summary(baseline: Outcome, scenario: Outcome) -> pd.DataFrame:
    """Baseline and scenario side by side, formatted for reading; comparisons without a sourced unit say so."""
    rows = []
    for label, key, scale, digits, unit in _ROWS:
        b, s = baseline.headline[key] * scale, scenario.headline[key] * scale
        rows.append((_(label), fmt.number(b, digits), fmt.number(s, digits), _signed(s - b, digits, unit)))
    b, s = baseline.headline["exports_share_at_risk_pct"], scenario.headline["exports_share_at_risk_pct"]
    rows.append((_("Equivalent share of total exports, 2022 structure (gold {share} of exports, G044) (%)").format(
                 share=fmt.percent(CITED["G044"], 1)), fmt.number(b, 1), fmt.number(s, 1),
                 _signed(s - b, 1, N_("{n} pts"))))
    text = _("not comparable: no exchange rate in our sources")
    rows.append((_("State revenue at risk against the state's revenue from gold companies in 2024 ({g114} bn FCFA, "
                   "G114)").format(g114=fmt.number(CITED["G114"], 1)), text, text, "—"))
    return pd.DataFrame(rows, columns=summary_columns())
