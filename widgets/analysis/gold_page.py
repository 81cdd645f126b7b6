"""What the gold chapter's page says: the reader-facing tables, the key takeaways, the key judgements, the
watch list and the notes, every number read from the figures and events or computed by `widgets.analysis.gold`.

Pure functions: tables in, tables and sentences out.
"""

from __future__ import annotations

import re

import pandas as pd

from widgets import fmt
from widgets.analysis import editorial as E
from widgets.analysis.gold import (INDUSTRIAL, chapter_ids, days_between, independent_estimates, kayes_estimates,
                                   kayes_mines_share, measure_span, mine_site_attacks, mine_summary, missing_years,
                                   operator_shares, production_table, region_incidents, revenue_change,
                                   revenue_table, span_text, values_for, weight_table)
from widgets.analysis.register import Cutoff, cutoff, decimals, parse_as_of, pct_change, row, value_with_unit
from widgets.vocabulary import ATTACK_TYPES, TYPE_LABELS, Judgement

# ---------------------------------------------------------------- reader-facing tables

def production_view(prod: pd.DataFrame) -> pd.DataFrame:
    view = prod.rename(columns={"year": "Year", "series": "Series", "tonnes": "Tonnes", "status": "Status",
                                "as_of": "As of (as given)", "figure_id": "Figure", "source_id": "Source",
                                "confidence": "Confidence", "notes": "Notes"})
    return view.sort_values(["Year", "Series", "Tonnes"]).reset_index(drop=True)


def shares_view(shares: pd.DataFrame) -> pd.DataFrame:
    view = shares.assign(share=shares["share_pct"].map(lambda v: fmt.percent(v, 0)),
                         tonnes=shares["tonnes"].round(2))
    return view.rename(columns={"period": "Period", "producer": "Producer", "tonnes": "Tonnes",
                                "national_tonnes": "National industrial (t)", "share": "Share (computed)",
                                "figure_id": "Figure", "national_figure_id": "National figure"}) \
        [["Period", "Producer", "Tonnes", "National industrial (t)", "Share (computed)", "Figure", "National figure"]]


def kayes_view(estimates: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    publisher = sources.set_index("source_id")["publisher"]
    return pd.DataFrame({"Kayes share (as given)": estimates["shown"], "As of": estimates["as_of"],
                         "Publisher": estimates["source_id"].map(publisher), "Confidence": estimates["confidence"],
                         "Notes": estimates["notes"], "Figure": estimates["figure_id"]})


def incidents_view(incidents: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Date": incidents["date_start"].map(fmt.day), "Dated to": incidents["date_precision"],
                         "Place": incidents["place"], "Type": incidents["event_type"].str.replace("_", " "),
                         "Event": incidents["event_id"], "Sources": incidents["source_ids"]})


def weights_view(weights: pd.DataFrame) -> pd.DataFrame:
    return weights.rename(columns={"measure": "Measure", "what": "Of", "shown": "Value (as given)",
                                   "as_of": "As of", "publisher": "Publisher", "confidence": "Confidence",
                                   "notes": "Notes", "figure_id": "Figure"}) \
        [["Measure", "Of", "Value (as given)", "As of", "Publisher", "Confidence", "Notes", "Figure"]]


def revenue_view(revenue: pd.DataFrame) -> pd.DataFrame:
    return revenue.drop(columns="value_text").rename(columns={"year": "Year", "value_num": "Value", "unit": "Unit", "as_of": "As of",
                                   "confidence": "Confidence", "notes": "Notes", "figure_id": "Figure",
                                   "source_id": "Source"})


def timeline_view(tl: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Date (as dated)": [fmt.day(d) if p == "day" else (f"{fmt.MONTHS[d.month - 1]} {d.year}"
                                             if p == "month" else f"week of {fmt.day(d)}")
                                             for d, p in zip(tl["date"], tl["precision"])],
                         "Strand": tl["lane"], "What happened (our words)": tl["label"], "Value": tl["value"],
                         "Confidence": tl["confidence"], "Notes": tl["notes"], "Id": tl["id"],
                         "Sources": tl["source_ids"]})


# ---------------------------------------------------------------- sentences for the page

def _ids(frame: pd.DataFrame, column: str = "figure_id") -> str:
    return ", ".join(frame[column])


def _described(r: pd.Series) -> str:
    t = fmt.number(r["tonnes"], decimals(r["value_text"]))
    if r["status"] == "partial":
        bracket = re.search(r"\(([^)]*)\)", r["as_of"])
        return f"{t} t ({bracket.group(1) if bracket else 'partial'}) [{r['figure_id']}]"
    if r["status"] in ("revised", "provisional"):
        return f"{t} t {r['status']} [{r['figure_id']}]"
    return f"{t} t [{r['figure_id']}]"


def _join(items: list[str]) -> str:
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def production_sentence(prod: pd.DataFrame, top_year: int = 2023, last_year: int = 2025) -> str:
    top, last = values_for(prod, INDUSTRIAL, top_year), values_for(prod, INDUSTRIAL, last_year)
    between = [values_for(prod, INDUSTRIAL, y) for y in range(top_year + 1, last_year)]
    drops = [-pct_change(n, o) for n in last["tonnes"] for o in top["tonnes"]]
    drop = {fmt.percent(d, 0) for d in drops}
    drop_text = drop.pop() if len(drop) == 1 else f"{fmt.percent(min(drops), 0)}–{fmt.percent(max(drops), 0)}"
    highest = prod[(prod["series"] == INDUSTRIAL) & (prod["status"] != "forecast")]["tonnes"].max()
    gaps = missing_years(prod, INDUSTRIAL, int(prod["year"].min()), last_year)
    top_note = (" (the highest industrial figure in our sources" +
                (f"; none found for {_join([str(g) for g in gaps])})" if gaps else ")")
                if top["tonnes"].max() == highest else "")
    mid = "; ".join(f"for {y} the sources give {_join([_described(r) for _, r in b.iterrows()])}"
                    for y, b in zip(range(top_year + 1, last_year), between) if not b.empty)
    return (f"Industrial gold output was {span_text(top['value_text'])} t in {top_year} [{_ids(top)}]{top_note} and "
            f"{span_text(last['value_text'])} t in {last_year} on provisional ministry data [{_ids(last)}], "
            f"{drop_text} lower (computed by the briefing); {mid}.")


def loulo_sentence(figures: pd.DataFrame, loulo: tuple[str, str] = ("G043", "G042"),
                   national: tuple[str, str] = ("G040", "G039")) -> str:
    """Loulo-Gounkoto's fall against the national fall, same ministry data for both years (computed)."""
    l0, l1 = (row(figures, i) for i in loulo)
    n0, n1 = (row(figures, i) for i in national)
    ldrop, ndrop = l0["value_num"] - l1["value_num"], n0["value_num"] - n1["value_num"]
    years = f"{parse_as_of(l0['as_of']).first.year} to {parse_as_of(l1['as_of']).first.year}"
    compare = ("more than the whole fall in national industrial output" if ldrop > ndrop
               else f"{fmt.percent(ldrop / ndrop * 100, 0)} of the fall in national industrial output")
    return (f"Barrick's Loulo-Gounkoto complex went from {value_with_unit(l0)} [{l0['figure_id']}] to "
            f"{value_with_unit(l1)} [{l1['figure_id']}] from {years}, a loss of {fmt.number(ldrop, 1)} t: "
            f"{compare} ({fmt.number(ndrop, 1)} t, from {value_with_unit(n0)} [{n0['figure_id']}] to "
            f"{value_with_unit(n1)} [{n1['figure_id']}]; computed by the briefing).")


# Plurals of the event types a count may hold (the vocabulary's labels are singular).
PLURALS = {"convoy_attack": "convoy attacks", "tanker_destroyed": "tanker-burning incidents",
           "attack_on_military": "attacks on the military", "abduction": "abductions",
           "checkpoint_or_siege": "checkpoints or sieges", "blockade_declared": "blockade declarations",
           "state_air_strike": "air strikes claimed by the army", "state_escort_or_ops": "army escorts or operations",
           "economic_impact": "economic effects", "fuel_shortage_measure": "fuel-shortage measures",
           "negotiation_or_release": "negotiations or releases", "school_or_service_closure": "school or service "
           "closures", "other": "events of other kinds (strikes, reports)"}


def _noun(event_type: str, n: int) -> str:
    return TYPE_LABELS.get(event_type, event_type).lower() if n == 1 else PLURALS.get(event_type, event_type)


def kinds_text(events: pd.DataFrame) -> str:
    """'7 attacks (3 convoy attacks, …) and 5 other events (2 blockade declarations, …)': what a count holds."""
    def breakdown(rows: pd.DataFrame) -> str:
        counts = rows["event_type"].value_counts()
        return ", ".join(f"{n} {_noun(t, n)}" for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    attacks = events[events["event_type"].isin(ATTACK_TYPES)]
    others = events[~events["event_type"].isin(ATTACK_TYPES)]
    parts = [f"{len(attacks)} attack{'s' if len(attacks) != 1 else ''}" + (f" ({breakdown(attacks)})" if len(attacks) else "")]
    if len(others):
        parts.append(f"{len(others)} other event{'s' if len(others) != 1 else ''} ({breakdown(others)})")
    return " and ".join(parts)


def kayes_sentence(estimates: pd.DataFrame, sources: pd.DataFrame, incidents: pd.DataFrame) -> str:
    used = independent_estimates(estimates).sort_values("value_num")
    src = sources.set_index("source_id")
    cites = [f"{r['shown']} ({src.at[r['source_id'], 'publisher']}, {fmt.partial_date(src.at[r['source_id'], 'published'])}) "
             f"[{r['figure_id']}]" for _, r in used.iterrows()]
    count = (f"Our event list (compiled from news, so incomplete) holds {len(incidents)} dated events in the Kayes "
             f"region from {fmt.day(incidents['date_start'].min())} to {fmt.day(incidents['date_start'].max())}: "
             f"{kinds_text(incidents)}." if len(incidents) else "Our event list records no dated event in the Kayes region.")
    span = f"between {cites[0]} and {cites[1]}" if len(cites) == 2 else _join(cites)
    return (f"The Kayes region (pre-2023 scheme) is estimated to yield {span} of Mali's gold; these are "
            f"think-tank estimates and no official regional breakdown was found. {count}")


def money_sentence(weights: pd.DataFrame, revenue: pd.DataFrame) -> str:
    exp = weights[weights["measure"] == "Share of exports"]
    gdp = weights[weights["measure"] == "Share of GDP"]
    lo, hi = revenue_change(revenue, 2023, 2024)
    r23, r24 = revenue[revenue["year"] == 2023], revenue[revenue["year"] == 2024]
    change = (fmt.percent(lo, 1, signed=True) if round(lo, 1) == round(hi, 1)
              else f"{fmt.percent(lo, 1, signed=True)} to {fmt.percent(hi, 1, signed=True)}")
    return (f"Sources put gold at {measure_span(weights, 'Share of exports')} of Mali's exports [{_ids(exp)}] but "
            f"{measure_span(weights, 'Share of GDP')} (gold or all extractives) [{_ids(gdp)}]. State revenue from "
            f"gold companies went from {span_text(r23['value_text'])} bn FCFA in 2023 [{_ids(r23)}] to "
            f"{span_text(r24['value_text'])} bn in 2024 [{_ids(r24)}], {change} (computed), although output fell.")


def dispute_sentence(figures: pd.DataFrame) -> str:
    def d(fid: str) -> str:
        return f"{fmt.partial_date(row(figures, fid)['value'])} [{fid}]"
    permit = row(figures, "G127")
    return (f"The Barrick dispute ran from the enforced seizure of gold stocks on {d('G019')} through a provisional "
            f"administration ordered on {d('G021')} and a settlement on {d('G061')} to Barrick regaining control on "
            f"{d('G100')}: {days_between(figures, 'G019', 'G100')} days (computed). The Loulo permit was renewed "
            f"for {value_with_unit(permit)} in {fmt.partial_date(permit['as_of'].split(' ')[0])} [G127].")


def takeaway_sentences(figures: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    """The page's key takeaways, every number from the figures or computed here."""
    prod = production_table(figures)
    return [production_sentence(prod), loulo_sentence(figures),
            kayes_sentence(kayes_estimates(figures), sources, region_incidents(events, "Kayes")),
            money_sentence(weight_table(figures, sources), revenue_table(figures)), dispute_sentence(figures)]


def kayes_mines_sentence(km: pd.DataFrame) -> str:
    """One sentence: the share of national industrial output of the mines placed in Kayes, per period."""
    if km.empty:
        return "None of the producers with a tonnage in our sources is placed in Kayes by them."
    parts = [f"{fmt.percent(r.share_pct, 0)} in {r.period} ({fmt.number(r.tonnes, decimals(str(round(r.tonnes, 2))))} of "
             f"{fmt.number(r.national, 1)} t [{r.ids}])" for r in km.itertuples()]
    return (f"The mines our sources place in Kayes ({km['mines'].iloc[0]}) gave {_join(parts)} of national "
            "industrial output (computed by the briefing from ministry tonnages).")


CHAPTER = "03_gold"


def judgement_values(figures: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame,
                     regions: list[str]) -> dict[str, str]:
    """The computed words and numbers the key judgements' texts name in braces (data/raw/curated/judgements.csv)."""
    prod = production_table(figures)
    l0, l1, n0, n1 = (row(figures, i)["value_num"] for i in ("G043", "G042", "G040", "G039"))
    y23, y24 = values_for(prod, INDUSTRIAL, 2023), values_for(prod, INDUSTRIAL, 2024)
    kayes = independent_estimates(kayes_estimates(figures))
    km = kayes_mines_share(operator_shares(figures), mine_summary(figures, regions))
    attacks = mine_site_attacks(events)
    cut = chapter_cutoff(figures, sources, events)
    return {
        "loulo_share_of_fall": "more than the whole" if (l0 - l1) > (n0 - n1) else "most of the",
        "figures_for_2024": str(len(y24)),
        "all_below_2023": "all lie" if y24["tonnes"].max() < y23["tonnes"].min() else "not all lie",
        "kayes_share_span": f"{span_text(kayes['value'])} %",
        "kayes_estimate_ids": _ids(kayes),
        "kayes_mines_shares": "; ".join(f"{fmt.percent(r.share_pct, 0)} in {r.period}" for r in km.itertuples()),
        "kayes_mines_ids": ", ".join(km["ids"]),
        "mine_site_attacks": "no attack" if attacks == 0 else f"{attacks} attack{'s' if attacks > 1 else ''}",
        "loulo_guidance_2026": value_with_unit(row(figures, "G099")),
        "loulo_output_2025": value_with_unit(row(figures, "G102")),
        "sources_end": (f"{fmt.MONTHS[cut.date.month - 1]} {cut.date.year}" if cut.date is not None
                        else "an unknown date"),
    }


def judgement_items(editorial: pd.DataFrame, figures: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame,
                    regions: list[str]) -> list[Judgement]:
    """The key judgements as written in the editorial register, numbers from the data."""
    return E.judgements(editorial, CHAPTER, judgement_values(figures, sources, events, regions), figures)


def watch_values(figures: pd.DataFrame, events: pd.DataFrame) -> dict[str, str]:
    """The dates the watch list's texts name in braces (figure values are filled by id)."""
    def month(ts: pd.Timestamp) -> str:
        return f"{fmt.MONTHS[ts.month - 1]} {ts.year}"
    held = events[events["event_id"] == "E031"]["date_start"]
    threshold = re.search(r"\(([^)]*)\)", row(figures, "G124")["as_of"])
    return {
        "sadiola_trucks_held": f"in {month(held.iloc[0])}" if len(held) else "at a date not in our record",
        "diboli_attack_month": month(parse_as_of(row(figures, "T048")["value"]).first),
        "gold_price_date": fmt.partial_date(row(figures, "G108")["as_of"]),
        "royalty_threshold": "when " + threshold.group(1) if threshold else "above a price threshold",
    }


def watch_items(editorial: pd.DataFrame, figures: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    """What to watch, as written in the editorial register, with the figures that will tell."""
    return E.watch(editorial, CHAPTER, watch_values(figures, events), figures)


WATCH_IDS = ("G039", "G099", "T048", "G072", "G060", "G101", "G108", "G124", "G115", "G102", "G100", "G127")


def chapter_cutoff(figures: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> Cutoff:
    """The page's data cut-off: the latest dated figure the chapter uses (watch list included)."""
    ids = chapter_ids(figures, sources, events) + [i for i in WATCH_IDS if i in set(figures["figure_id"])]
    return cutoff(figures, sources, list(dict.fromkeys(ids)))


def record_end_sentence(events: pd.DataFrame) -> str:
    """Where the event record stops, said plainly (it must not read as the end of the blockade)."""
    if events.empty:
        return "The event record is empty."
    last = events["date_start"].max()
    return (f"The event record ends with an event on {fmt.day(last)}; nothing later was found in our sources. "
            "This is the end of our record, not evidence that the blockade ended or continued.")
