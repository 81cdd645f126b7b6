"""What the gold chapter's page says: the reader-facing tables, the key takeaways, the key judgements, the
watch list and the notes, every number read from the figures and events or computed by `widgets.analysis.gold`.

Pure functions: tables in, tables and sentences out.
"""

from __future__ import annotations

import re

import pandas as pd

from widgets import fmt
from widgets.i18n import N_, _, ngettext
from widgets.analysis import editorial as E
from widgets.analysis.gold import (INDUSTRIAL, chapter_ids, days_between, independent_estimates, kayes_estimates,
                                   kayes_mines_share, measure_span, mine_site_attacks, mine_summary, missing_years,
                                   operator_shares, production_table, region_incidents, revenue_change,
                                   revenue_table, span_text, values_for, weight_table)
from widgets.analysis.register import (Cutoff, as_of_words, cutoff, decimals, parse_as_of, pct_change, row,
                                      value_with_unit)
from widgets.analysis.threat import type_label  # the event types' words, shared with the threat chapter
from widgets.register_text import translate  # the register's own French (gettext domain "register")
from widgets.vocabulary import ATTACK_TYPES, Judgement

# ---------------------------------------------------------------- reader-facing tables

def _headed(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with its column headers in the page's language (the values stay as the data gives them)."""
    return frame.rename(columns=lambda c: _(c))


def production_view(prod: pd.DataFrame) -> pd.DataFrame:
    prod = prod.assign(series=prod["series"].map(_), status=prod["status"].map(_),
                       confidence=prod["confidence"].map(_confidence))
    view = prod.rename(columns={"year": N_("Year"), "series": N_("Series"), "tonnes": N_("Tonnes"),
                                "status": N_("Status"), "as_of": N_("As of (as given)"), "figure_id": N_("Figure"),
                                "source_id": N_("Source"), "confidence": N_("Confidence"), "notes": N_("Notes")})
    return _headed(view.sort_values(["Year", "Series", "Tonnes"]).reset_index(drop=True))


def _confidence(level: str) -> str:
    return _(level) if level in CONFIDENCE_WORDS else level


CONFIDENCE_WORDS = (N_("low"), N_("medium"), N_("high"))
# Column headers of the figure tables built in widgets.analysis (English there: the analysis selects by them).
FIGURE_TABLE_HEADERS = (N_("What"), N_("Value (as given)"), N_("As of"), N_("Confidence"), N_("Notes"), N_("Figure"),
                        N_("Source"), N_("Mine"), N_("Operator (as named in our sources)"),
                        N_("Region (as the sources give it)"), N_("Latest full year"),
                        N_("Output that year (as given)"), N_("Map coordinates"), N_("Year"), N_("Status"))


def figures_view(table: pd.DataFrame) -> pd.DataFrame:
    """A figure table of the analysis (rows_table, mine_outputs, mine_summary) for the reader: headers, status and
    confidence words in the page's language (the register's own texts are translated when the page is stored)."""
    table = table.copy()
    if "Status" in table:
        table["Status"] = table["Status"].map(_)
    if "Confidence" in table:
        table["Confidence"] = table["Confidence"].map(_confidence)
    if "As of" in table:
        table["As of"] = table["As of"].map(as_of_words)
    return _headed(table)


def shares_view(shares: pd.DataFrame) -> pd.DataFrame:
    view = shares.assign(share=shares["share_pct"].map(lambda v: fmt.percent(v, 0)),
                         tonnes=shares["tonnes"].round(2))
    view = view.assign(period=[_(p) for p in view["period"]], producer=[_(p) for p in view["producer"]])
    return _headed(view.rename(columns={"period": N_("Period"), "producer": N_("Producer"), "tonnes": "Tonnes",
                                        "national_tonnes": N_("National industrial (t)"),
                                        "share": N_("Share (computed)"), "figure_id": "Figure",
                                        "national_figure_id": N_("National figure")})
                   [["Period", "Producer", "Tonnes", "National industrial (t)", "Share (computed)", "Figure",
                     "National figure"]])


def kayes_view(estimates: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    publisher = sources.set_index("source_id")["publisher"]
    return _headed(pd.DataFrame({N_("Kayes share (as given)"): estimates["shown"],
                                 N_("As of"): estimates["as_of"].map(as_of_words),
                                 N_("Publisher"): estimates["source_id"].map(publisher),
                                 "Confidence": estimates["confidence"].map(_confidence), "Notes": estimates["notes"],
                                 "Figure": estimates["figure_id"]}))


def incidents_view(incidents: pd.DataFrame) -> pd.DataFrame:
    return _headed(pd.DataFrame({N_("Date"): incidents["date_start"].map(fmt.day),
                                 N_("Dated to"): incidents["date_precision"].map(lambda p: _(p) if p else p),
                                 N_("Place"): incidents["place"], N_("Type"): incidents["event_type"].map(type_label),
                                 N_("Event"): incidents["event_id"], N_("Sources"): incidents["source_ids"]}))


MEASURED = {"gold": N_("Gold"), "all extractives": N_("All extractives")}  # what a weight measures, as the chart says


def weights_view(weights: pd.DataFrame) -> pd.DataFrame:
    view = weights.assign(measure=[_(m) for m in weights["measure"]],
                          what=[_(MEASURED.get(w, w)) for w in weights["what"]],
                          confidence=weights["confidence"].map(_confidence), as_of=weights["as_of"].map(as_of_words))
    return _headed(view.rename(columns={"measure": N_("Measure"), "what": N_("Of"), "shown": N_("Value (as given)"),
                                        "as_of": "As of", "publisher": "Publisher", "confidence": "Confidence",
                                        "notes": "Notes", "figure_id": "Figure"})
                   [["Measure", "Of", "Value (as given)", "As of", "Publisher", "Confidence", "Notes", "Figure"]])


def revenue_view(revenue: pd.DataFrame) -> pd.DataFrame:
    revenue = revenue.assign(confidence=revenue["confidence"].map(_confidence), as_of=revenue["as_of"].map(as_of_words))
    return _headed(revenue.drop(columns="value_text").rename(columns={
        "year": "Year", "value_num": N_("Value"), "unit": N_("Unit"), "as_of": "As of", "confidence": "Confidence",
        "notes": "Notes", "figure_id": "Figure", "source_id": "Source"}))


def timeline_view(tl: pd.DataFrame) -> pd.DataFrame:
    dates = [fmt.day(d) if p == "day" else (fmt.partial_date(d.strftime("%Y-%m")) if p == "month"
                                            else _("week of {day}").format(day=fmt.day(d)))
             for d, p in zip(tl["date"], tl["precision"])]
    return _headed(pd.DataFrame({N_("Date (as dated)"): dates, N_("Strand"): [_(x) for x in tl["lane"]],
                                 N_("What happened (our words)"): [_(x) for x in tl["label"]], "Value": tl["value"],
                                 "Confidence": tl["confidence"].map(_confidence), "Notes": tl["notes"], N_("Id"): tl["id"],
                                 "Sources": tl["source_ids"]}))


# ---------------------------------------------------------------- sentences for the page

def _ids(frame: pd.DataFrame, column: str = "figure_id") -> str:
    return ", ".join(frame[column])


def _described(r: pd.Series) -> str:
    t = fmt.number(r["tonnes"], decimals(r["value_text"]))
    if r["status"] == "partial":
        bracket = re.search(r"\(([^)]*)\)", as_of_words(r["as_of"]))  # the comment, in the page's language
        return _("{n} t ({coverage}) [{id}]").format(n=t, coverage=bracket.group(1) if bracket else _("partial"),
                                                     id=r["figure_id"])
    if r["status"] == "revised":
        return _("{n} t revised [{id}]").format(n=t, id=r["figure_id"])
    if r["status"] == "provisional":
        return _("{n} t provisional [{id}]").format(n=t, id=r["figure_id"])
    return f"{t} t [{r['figure_id']}]"


def _join(items: list[str]) -> str:
    if not items:
        return _("none")
    return items[0] if len(items) == 1 else _("{items} and {last}").format(items=", ".join(items[:-1]),
                                                                           last=items[-1])


def production_sentence(prod: pd.DataFrame, top_year: int = 2023, last_year: int = 2025) -> str:
    top, last = values_for(prod, INDUSTRIAL, top_year), values_for(prod, INDUSTRIAL, last_year)
    between = [values_for(prod, INDUSTRIAL, y) for y in range(top_year + 1, last_year)]
    drops = [-pct_change(n, o) for n in last["tonnes"] for o in top["tonnes"]]
    drop = {fmt.percent(d, 0) for d in drops}
    drop_text = drop.pop() if len(drop) == 1 else f"{fmt.percent(min(drops), 0)}–{fmt.percent(max(drops), 0)}"
    highest = prod[(prod["series"] == INDUSTRIAL) & (prod["status"] != "forecast")]["tonnes"].max()
    gaps = missing_years(prod, INDUSTRIAL, int(prod["year"].min()), last_year)
    top_note = ((_(" (the highest industrial figure in our sources; none found for {years})").format(
                    years=_join([str(g) for g in gaps])) if gaps
                 else _(" (the highest industrial figure in our sources)"))
                if top["tonnes"].max() == highest else "")
    mid = "; ".join(_("for {year} the sources give {figures}").format(
                        year=y, figures=_join([_described(r) for _, r in b.iterrows()]))
                    for y, b in zip(range(top_year + 1, last_year), between) if not b.empty)
    return _("Industrial gold output was {top} t in {top_year} [{top_ids}]{top_note} and {last} t in {last_year} on "
             "provisional ministry data [{last_ids}], {drop} lower (computed by the briefing); {mid}.").format(
        top=span_text(top["value_text"]), top_year=top_year, top_ids=_ids(top), top_note=top_note,
        last=span_text(last["value_text"]), last_year=last_year, last_ids=_ids(last), drop=drop_text, mid=mid)


def loulo_sentence(figures: pd.DataFrame, loulo: tuple[str, str] = ("G043", "G042"),
                   national: tuple[str, str] = ("G040", "G039")) -> str:
    """Loulo-Gounkoto's fall against the national fall, same ministry data for both years (computed)."""
    l0, l1 = (row(figures, i) for i in loulo)
    n0, n1 = (row(figures, i) for i in national)
    ldrop, ndrop = l0["value_num"] - l1["value_num"], n0["value_num"] - n1["value_num"]
    compare = (_("more than the whole fall in national industrial output") if ldrop > ndrop
               else _("{share} of the fall in national industrial output").format(
                   share=fmt.percent(ldrop / ndrop * 100, 0)))
    return _("Barrick's Loulo-Gounkoto complex went from {l0} [{l0_id}] to {l1} [{l1_id}] from {first} to {last}, "
             "a loss of {loss} t: {compare} ({national_loss} t, from {n0} [{n0_id}] to {n1} [{n1_id}]; computed by "
             "the briefing).").format(
        l0=value_with_unit(l0), l0_id=l0["figure_id"], l1=value_with_unit(l1), l1_id=l1["figure_id"],
        first=parse_as_of(l0["as_of"]).first.year, last=parse_as_of(l1["as_of"]).first.year,
        loss=fmt.number(ldrop, 1), compare=compare, national_loss=fmt.number(ndrop, 1), n0=value_with_unit(n0),
        n0_id=n0["figure_id"], n1=value_with_unit(n1), n1_id=n1["figure_id"])


# The event types a count may hold, one and several (the singulars are the vocabulary's labels, lower-cased).
SINGULARS = {"convoy_attack": N_("convoy attack"), "tanker_destroyed": N_("tanker destroyed"),
             "attack_on_military": N_("attack on the military"), "abduction": N_("abduction"),
             "checkpoint_or_siege": N_("checkpoint or siege"), "blockade_declared": N_("blockade declared"),
             "state_air_strike": N_("state air strike (army claims)"),
             "state_escort_or_ops": N_("state escort or operation"), "economic_impact": N_("economic impact"),
             "fuel_shortage_measure": N_("fuel-shortage measure"), "negotiation_or_release": N_("negotiation or release"),
             "school_or_service_closure": N_("school or service closure"), "other": N_("other")}
PLURALS = {"convoy_attack": N_("convoy attacks"), "tanker_destroyed": N_("tanker-burning incidents"),
           "attack_on_military": N_("attacks on the military"), "abduction": N_("abductions"),
           "checkpoint_or_siege": N_("checkpoints or sieges"), "blockade_declared": N_("blockade declarations"),
           "state_air_strike": N_("air strikes claimed by the army"),
           "state_escort_or_ops": N_("army escorts or operations"), "economic_impact": N_("economic effects"),
           "fuel_shortage_measure": N_("fuel-shortage measures"), "negotiation_or_release": N_("negotiations or releases"),
           "school_or_service_closure": N_("school or service closures"),
           "other": N_("events of other kinds (strikes, reports)")}


def _noun(event_type: str, n: int) -> str:
    words = SINGULARS if n == 1 else PLURALS
    return _(words[event_type]) if event_type in words else event_type


def kinds_text(events: pd.DataFrame) -> str:
    """'7 attacks (3 convoy attacks, …) and 5 other events (2 blockade declarations, …)': what a count holds."""
    def breakdown(rows: pd.DataFrame) -> str:
        counts = rows["event_type"].value_counts()
        return ", ".join(f"{n} {_noun(t, n)}" for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    attacks = events[events["event_type"].isin(ATTACK_TYPES)]
    others = events[~events["event_type"].isin(ATTACK_TYPES)]
    n = len(attacks)
    head = ngettext("{n} attack", "{n} attacks", n).format(n=n)
    parts = [_("{count} ({kinds})").format(count=head, kinds=breakdown(attacks)) if n else head]
    if len(others):
        parts.append(_("{count} ({kinds})").format(
            count=ngettext("{n} other event", "{n} other events", len(others)).format(n=len(others)),
            kinds=breakdown(others)))
    return _join(parts)


def kayes_sentence(estimates: pd.DataFrame, sources: pd.DataFrame, incidents: pd.DataFrame) -> str:
    used = independent_estimates(estimates).sort_values("value_num")
    src = sources.set_index("source_id")
    cites = [f"{r['shown']} ({translate(src.at[r['source_id'], 'publisher'])}, {fmt.partial_date(src.at[r['source_id'], 'published'])}) "
             f"[{r['figure_id']}]" for _, r in used.iterrows()]
    count = (_("Our event list (compiled from news, so incomplete) holds {n} dated events in the Kayes region from "
               "{first} to {last}: {kinds}.").format(n=len(incidents), first=fmt.day(incidents["date_start"].min()),
                                                     last=fmt.day(incidents["date_start"].max()),
                                                     kinds=kinds_text(incidents))
             if len(incidents) else _("Our event list records no dated event in the Kayes region."))
    span = _("between {low} and {high}").format(low=cites[0], high=cites[1]) if len(cites) == 2 else _join(cites)
    return _("The Kayes region (pre-2023 scheme) is estimated to yield {span} of Mali's gold; these are think-tank "
             "estimates and no official regional breakdown was found. {count}").format(span=span, count=count)


def money_sentence(weights: pd.DataFrame, revenue: pd.DataFrame) -> str:
    exp = weights[weights["measure"] == "Share of exports"]
    gdp = weights[weights["measure"] == "Share of GDP"]
    lo, hi = revenue_change(revenue, 2023, 2024)
    r23, r24 = revenue[revenue["year"] == 2023], revenue[revenue["year"] == 2024]
    change = (fmt.percent(lo, 1, signed=True) if round(lo, 1) == round(hi, 1)
              else _("{low} to {high}").format(low=fmt.percent(lo, 1, signed=True), high=fmt.percent(hi, 1, signed=True)))
    return _("Sources put gold at {exports} of Mali's exports [{exports_ids}] but {gdp} (gold or all extractives) "
             "[{gdp_ids}]. State revenue from gold companies went from {r23} bn FCFA in 2023 [{r23_ids}] to {r24} bn "
             "in 2024 [{r24_ids}], {change} (computed), although output fell.").format(
        exports=measure_span(weights, "Share of exports"), exports_ids=_ids(exp),
        gdp=measure_span(weights, "Share of GDP"), gdp_ids=_ids(gdp), r23=span_text(r23["value_text"]),
        r23_ids=_ids(r23), r24=span_text(r24["value_text"]), r24_ids=_ids(r24), change=change)


def dispute_sentence(figures: pd.DataFrame) -> str:
    def d(fid: str) -> str:
        return f"{fmt.partial_date(row(figures, fid)['value'])} [{fid}]"
    permit = row(figures, "G127")
    return _("The Barrick dispute ran from the enforced seizure of gold stocks on {seizure} through a provisional "
             "administration ordered on {administration} and a settlement on {settlement} to Barrick regaining "
             "control on {control}: {days} days (computed). The Loulo permit was renewed for {term} in {renewed} "
             "[G127].").format(
        seizure=d("G019"), administration=d("G021"), settlement=d("G061"), control=d("G100"),
        days=fmt.number(days_between(figures, "G019", "G100")), term=value_with_unit(permit),
        renewed=fmt.partial_date(permit["as_of"].split(" ")[0]))


def takeaway_sentences(figures: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    """The page's key takeaways, every number from the figures or computed here."""
    prod = production_table(figures)
    return [production_sentence(prod), loulo_sentence(figures),
            kayes_sentence(kayes_estimates(figures), sources, region_incidents(events, "Kayes")),
            money_sentence(weight_table(figures, sources), revenue_table(figures)), dispute_sentence(figures)]


def kayes_mines_sentence(km: pd.DataFrame) -> str:
    """One sentence: the share of national industrial output of the mines placed in Kayes, per period."""
    if km.empty:
        return _("None of the producers with a tonnage in our sources is placed in Kayes by them.")
    parts = [_("{share} in {period} ({tonnes} of {national} t [{ids}])").format(
                 share=fmt.percent(r.share_pct, 0), period=_(r.period),
                 tonnes=fmt.number(r.tonnes, decimals(str(round(r.tonnes, 2)))), national=fmt.number(r.national, 1),
                 ids=r.ids) for r in km.itertuples()]
    return _("The mines our sources place in Kayes ({mines}) gave {parts} of national industrial output (computed by "
             "the briefing from ministry tonnages).").format(mines=km["mines"].iloc[0], parts=_join(parts))


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
        "loulo_share_of_fall": _("more than the whole") if (l0 - l1) > (n0 - n1) else _("most of the"),
        "figures_for_2024": str(len(y24)),
        "all_below_2023": _("all lie") if y24["tonnes"].max() < y23["tonnes"].min() else _("not all lie"),
        "kayes_share_span": _("{range} %").format(range=span_text(kayes["value"])),
        "kayes_estimate_ids": _ids(kayes),
        "kayes_mines_shares": "; ".join(_("{share} in {period}").format(share=fmt.percent(r.share_pct, 0),
                                                                       period=_(r.period)) for r in km.itertuples()),
        "kayes_mines_ids": ", ".join(km["ids"]),
        "mine_site_attacks": _("no attack") if attacks == 0 else ngettext("{n} attack", "{n} attacks",
                                                                          attacks).format(n=attacks),
        "loulo_guidance_2026": value_with_unit(row(figures, "G099")),
        "loulo_output_2025": value_with_unit(row(figures, "G102")),
        "sources_end": (fmt.partial_date(cut.date.strftime("%Y-%m")) if cut.date is not None
                        else _("an unknown date")),
    }


def judgement_items(editorial: pd.DataFrame, figures: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame,
                    regions: list[str]) -> list[Judgement]:
    """The key judgements as written in the editorial register, numbers from the data."""
    return E.judgements(editorial, CHAPTER, judgement_values(figures, sources, events, regions), figures)


def watch_values(figures: pd.DataFrame, events: pd.DataFrame) -> dict[str, str]:
    """The dates the watch list's texts name in braces (figure values are filled by id)."""
    def month(ts: pd.Timestamp) -> str:
        return fmt.partial_date(ts.strftime("%Y-%m"))
    held = events[events["event_id"] == "E031"]["date_start"]
    threshold = re.search(r"\(([^)]*)\)", as_of_words(row(figures, "G124")["as_of"]))
    return {
        "sadiola_trucks_held": _("in {month}").format(month=month(held.iloc[0])) if len(held)
        else _("at a date not in our record"),
        "diboli_attack_month": month(parse_as_of(row(figures, "T048")["value"]).first),
        "gold_price_date": fmt.partial_date(row(figures, "G108")["as_of"]),
        "royalty_threshold": _("when {condition}").format(condition=threshold.group(1)) if threshold
        else _("above a price threshold"),
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
        return _("The event record is empty.")
    last = events["date_start"].max()
    return _("The event record ends with an event on {day}; nothing later was found in our sources. This is the end "
             "of our record, not evidence that the blockade ended or continued.").format(day=fmt.day(last))
