"""The overview's numbers: the event record's span and counts, the blockaded towns, the located attacks, and one
headline figure per chapter read from the figures register — plus the sentences and tables built from them.

Pure functions: DataFrames (and the catalogue, for source lines) in, DataFrames / strings out. Nothing here is
typed in by hand: every number comes from the rows passed in, and a missing figure shows as "not found".
"""

from __future__ import annotations

import html
import re

import pandas as pd

from widgets import fmt
from widgets.analysis import editorial as E
from widgets.analysis.register import (ABOUT_WORDS, MORE_WORDS, agreeing, as_of_words, bracket_parts, figure_row,
                                      unit_rest)
from widgets.catalogue import Catalogue
from widgets.register_text import translate  # units and their words: the register catalogue
from widgets.i18n import N_, _, ngettext, N_plural
from widgets.vocabulary import (ATTACK_TYPES, BLOCKADE_TYPES, CHAPTERS, CONVOY_ATTACK_TYPES, NO_CORRIDOR,
                                 SEVERAL_ROADS, TYPE_LABELS, Judgement, split_ids, unique_ids)

# A blockade row places a town only when the town itself is the place (not a road "near" it, e.g. E014).
TOWN_PRECISIONS = ("town", "multi_town")
# Count nouns for sentences: (singular, plural) with the count, for ngettext; and the plural alone.
NOUNS = {"convoy_attack": N_plural("{n} convoy attack", "{n} convoy attacks"),
         "tanker_destroyed": N_plural("{n} tanker-burning incident", "{n} tanker-burning incidents"),
         "attack_on_military": N_plural("{n} attack on the military", "{n} attacks on the military"),
         "abduction": N_plural("{n} abduction", "{n} abductions"),
         "checkpoint_or_siege": N_plural("{n} checkpoint or siege", "{n} checkpoints or sieges")}
PLURALS = {"convoy_attack": N_("convoy attacks"), "tanker_destroyed": N_("tanker-burning incidents"),
           "attack_on_military": N_("attacks on the military"), "abduction": N_("abductions"),
           "checkpoint_or_siege": N_("checkpoints or sieges")}
NOT_FOUND = N_("not found in our sources")
# Figure ids behind the headline numbers; each is read from the register (a missing one shows as NOT_FOUND).
BLOCKADE_START_IDS = ("T001", "T002")
KAYES_SHARE_IDS = ("G074", "G083")
GOLD_2023_IDS = ("G002", "G041")
GOLD_2024_ID, GOLD_2025_ID = "G040", "G039"
LOULO_IDS = ("G043", "G042")  # Loulo-Gounkoto 2024 → 2025, the same ministry data as G040 → G039
DISPLACED_ID = "H022"
MAURITANIA_IDS = ("H048", "H050")
NEW_ARRIVALS_ID = "H049"  # arrivals in Mauritania since late Oct 2025 (UNHCR)


def label(event_type: str) -> str:
    return _(TYPE_LABELS[event_type]) if event_type in TYPE_LABELS else event_type.replace("_", " ").capitalize()


def count_noun(n: int, event_type: str) -> str:
    """'10 convoy attacks', '1 abduction'."""
    if event_type not in NOUNS:
        return f"{fmt.number(n)} {label(event_type).lower()}"
    return ngettext(*NOUNS[event_type], n).format(n=fmt.number(n))


def plural_noun(event_type: str) -> str:
    """'convoy attacks': the plural count noun of an attack type, in the page's language."""
    return _(PLURALS[event_type])


def month_year(value: pd.Timestamp) -> str:
    return fmt.partial_date(f"{value.year}-{value.month:02d}")


# --- the event record ----------------------------------------------------------------------------------------

def record_cutoff(events: pd.DataFrame) -> pd.Timestamp:
    """The latest date anywhere in the event record (start or end of any row)."""
    ends = events["date_end"].max() if "date_end" in events else pd.NaT
    return events["date_start"].max() if pd.isna(ends) else max(events["date_start"].max(), ends)


def dated_incidents(events: pd.DataFrame) -> pd.DataFrame:
    """Rows dated to a day or a week; month-level "(aggregate)" rows overlap them and are left out."""
    return events[events["date_precision"].isin(["day", "week"])]


def record_span(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First day and last day of the dated incidents: an incident spanning days ends on its end date, as the
    stamp's data cut-off counts it (widgets/currency.py), so a page never gives two different last days."""
    dated = dated_incidents(events)
    ends = pd.to_datetime(dated["date_end"], errors="coerce").fillna(dated["date_start"]) \
        if "date_end" in dated else dated["date_start"]
    return dated["date_start"].min(), max(dated["date_start"].max(), ends.max())


def incidents_by_type(events: pd.DataFrame) -> pd.DataFrame:
    """Dated incidents per event type (most frequent first), with each type's first and last date."""
    dated = dated_incidents(events)
    table = (dated.groupby("event_type")["date_start"].agg(incidents="size", first="min", last="max")
             .reset_index().sort_values(["incidents", "event_type"], ascending=[False, True]))
    table.insert(1, "type", table["event_type"].map(label))
    table["attack"] = table["event_type"].isin(ATTACK_TYPES)
    return table.reset_index(drop=True)


def incidents_table(events: pd.DataFrame) -> pd.DataFrame:
    """`incidents_by_type` for readers: type, count, first and last date spelled out."""
    table = incidents_by_type(events)
    return pd.DataFrame({_("event type"): table["type"], _("dated events"): table["incidents"],
                         _("first"): table["first"].map(fmt.day), _("last"): table["last"].map(fmt.day),
                         _("attack type"): table["attack"].map({True: _("yes"), False: ""})})


def blockaded_towns(events: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """Towns named by dated blockade or siege rows located at the town itself, with their rows and position."""
    rows = dated_incidents(events)
    rows = rows[rows["event_type"].isin(BLOCKADE_TYPES) & rows["location_precision"].isin(TOWN_PRECISIONS)]
    named = rows.assign(town=rows["place_names"].map(split_ids)).explode("town")
    named = named.dropna(subset=["town"]).sort_values("date_start")
    columns = ["town", "first", "last", "dates", "event_ids", "source_ids", "lon", "lat"]
    if named.empty:
        return pd.DataFrame(columns=columns)
    towns = named.groupby("town").agg(
        first=("date_start", "min"), last=("date_start", "max"),
        dates=("date_start", lambda s: ", ".join(fmt.day(d) for d in s)),
        event_ids=("event_id", lambda s: ";".join(s)),
        source_ids=("source_ids", lambda s: ";".join(unique_ids(s)))).reset_index()
    where = points.drop_duplicates("place").set_index("place")[["lon", "lat"]]
    return towns.join(where, on="town").sort_values(["first", "town"]).reset_index(drop=True)[columns]


def unplaced_blockades(events: pd.DataFrame) -> pd.DataFrame:
    """Dated blockade or siege rows we cannot put on the map (a town missing from the gazetteer, or no town)."""
    rows = dated_incidents(events)
    return rows[rows["event_type"].isin(BLOCKADE_TYPES) & rows["lon"].isna()].reset_index(drop=True)


def attack_rows(events: pd.DataFrame) -> pd.DataFrame:
    """Dated attacks (`widgets.vocabulary.ATTACK_TYPES`: convoy, tanker, military, abduction, checkpoint or siege)."""
    dated = dated_incidents(events)
    return dated[dated["event_type"].isin(ATTACK_TYPES)]


def attack_points(events: pd.DataFrame) -> pd.DataFrame:
    """Located attacks, one point each at the first town its sources name (not the exact site)."""
    rows = attack_rows(events)
    rows = rows[rows["lon"].notna() & rows["lat"].notna()]
    out = rows[["event_id", "date_start", "event_type", "place", "place_names", "location_precision",
                "confidence", "source_ids", "lon", "lat"]].copy()
    out.insert(3, "type", out["event_type"].map(label))
    out["town"] = out["place_names"].map(lambda names: split_ids(names)[0])
    return out.sort_values(["date_start", "event_id"]).reset_index(drop=True)


def unlocated_attacks(events: pd.DataFrame) -> pd.DataFrame:
    rows = attack_rows(events)
    return rows[rows["lon"].isna() | rows["lat"].isna()].reset_index(drop=True)


def map_table(events: pd.DataFrame, points: pd.DataFrame) -> pd.DataFrame:
    """The map as a table: blockaded towns, then every dated attack (located or not), with dates and sources."""
    towns = blockaded_towns(events, points)
    columns = [_("layer"), _("date"), _("what"), _("place in sources"), _("drawn at"), _("events"), _("sources")]
    town_rows = pd.DataFrame(dict(zip(columns, [
        _("Town named in blockade / siege rows"), towns["dates"], _("Blockade or siege"), towns["town"],
        towns["town"], towns["event_ids"].str.replace(";", ", "), towns["source_ids"].str.replace(";", ", ")])))
    attacks = attack_rows(events).sort_values(["date_start", "event_id"])
    located = attacks["lon"].notna()
    attack_table = pd.DataFrame(dict(zip(columns, [
        _("Reported attack"), attacks["date_start"].map(fmt.day), attacks["event_type"].map(label), attacks["place"],
        attacks["place_names"].map(lambda names: (split_ids(names) or [""])[0]).where(
            located, _("not drawn (not located)")),
        attacks["event_id"], attacks["source_ids"].str.replace(";", ", ")])))
    return pd.concat([town_rows, attack_table], ignore_index=True)


# --- figures from the register -------------------------------------------------------------------------------

def _digits(text: str) -> int:
    match = re.search(r"\.(\d+)$", str(text).strip())
    return len(match.group(1)) if match else 0


def figure_value(row: pd.Series | None) -> str:
    """A register value as a reader reads it: '3 Sep 2025', '77 %', 'about 300,000 persons, mainly Malian'.

    The unit's bracketed qualifier is honoured: near/around/nearly → 'about', over/more than → 'more than'.
    """
    if row is None:
        return _(NOT_FOUND)
    unit = str(row["unit"]).strip()
    if unit == "date":
        return fmt.partial_date(row["value"])
    prefix, rest = "", unit_rest(unit)
    for part in (p.lower() for p in bracket_parts(unit)):
        if part in ABOUT_WORDS:
            prefix = _("about ")
        elif part in MORE_WORDS:
            prefix = _("more than ")
    unit = re.sub(r"\s*\(.*\)$", "", unit)
    known = pd.notna(row["value_num"])
    number = fmt.number(row["value_num"], _digits(row["value"])) if known else str(row["value"])
    if unit == "percent" and known:  # through fmt, so French sets % apart with a no-break space
        number = fmt.percent(row["value_num"], _digits(row["value"]))
    # the register's unit and remaining bracket words, in the page's language ("4 millions de personnes")
    unit_text = ("" if unit == "percent" and known else " %" if unit == "percent"
                 else f" {agreeing(translate(unit), row['value_num'])}" if unit else "")
    extra = f", {translate(rest)}" if rest else ""
    return f"{prefix}{number}{unit_text}{extra}"


def as_of_text(row: pd.Series | None) -> str:
    """The row's as-of text in the page's language ('2025-09 (report date)' → 'Sep 2025 (report date)')."""
    return "—" if row is None else as_of_words(row["as_of"])


def cited(figures: pd.DataFrame, ids, joiner: str = " / ") -> str:
    """'77 % (G074) / about 80 % (G083)': every version side by side with its id."""
    return joiner.join(f"{figure_value(figure_row(figures, i))} ({i})" for i in ids)


def _as_of_all(figures: pd.DataFrame, ids) -> str:
    return " / ".join(as_of_text(figure_row(figures, i)) for i in ids)


def _year(figures: pd.DataFrame, figure_id: str) -> str:
    row = figure_row(figures, figure_id)
    match = re.match(r"\d{4}", str(row["as_of"])) if row is not None else None
    return match.group(0) if match else _("unknown year")


def corridor_facts(summary: pd.DataFrame, lengths: pd.DataFrame) -> dict:
    """Corridors routed, those sharing another's links, and the Dakar route's computed vs cited road km."""
    routed = summary[summary["connected"]]
    shared = routed[routed["message"].str.startswith("same roads as")]
    dakar = summary[summary["corridor_id"] == "dakar"]
    name = dakar["corridor"].iloc[0] if len(dakar) else ""
    km = float(dakar["road_km"].iloc[0]) if len(dakar) and bool(dakar["connected"].iloc[0]) else float("nan")
    cited_rows = lengths[lengths["corridor"] == name].sort_values("cited_km")
    return {"routed": len(routed), "total": len(summary), "shared": list(shared["corridor"]),
            "shared_with": [m.replace("same roads as ", "").split(" in ")[0] for m in shared["message"]],
            "dakar_name": name, "dakar_km": km,
            "dakar_cited": list(zip(cited_rows["figure_id"], cited_rows["cited_km"].astype(float)))}


def _cited_km(facts: dict, joiner: str) -> str:
    return joiner.join(f"{fmt.km(km)} ({fid})" for fid, km in facts["dakar_cited"]) or _(NOT_FOUND)


def headline_table(events: pd.DataFrame, figures: pd.DataFrame, summary: pd.DataFrame, lengths: pd.DataFrame,
                   catalogue: Catalogue) -> pd.DataFrame:
    """One or two headline numbers per chapter: figure, value, as of, ids and source line."""
    first, last = record_span(events)
    counts = incidents_by_type(events).set_index("event_type")["incidents"]
    attacks = ", ".join(count_noun(int(counts.get(t, 0)), t) for t in ATTACK_TYPES)
    facts = corridor_facts(summary, lengths)
    shared = "".join(_("; {corridor} runs on the links of {other}").format(corridor=a, other=b)
                     for a, b in zip(facts["shared"], facts["shared_with"]))
    threat, corridors, gold, spillover = _("1 · Threat"), _("2 · Corridors"), _("3 · Gold"), _("4 · Spillover")
    rows = [
        (threat, _("Dated events in the news-compiled record (aggregate rows excluded; incomplete)"),
         _("{n}, of which {attacks}").format(n=fmt.number(len(dated_incidents(events))), attacks=attacks),
         f"{fmt.day(first)} – {fmt.day(last)}", ["events"]),
        (threat, _("Blockade of Kayes and Nioro du Sahel declared (sources differ)"),
         cited(figures, BLOCKADE_START_IDS), _as_of_all(figures, BLOCKADE_START_IDS), list(BLOCKADE_START_IDS)),
        (corridors, _("Supply corridors routed on the road network"),
         _("{routed} of {total}").format(routed=fmt.number(facts["routed"]), total=fmt.number(facts["total"]))
         + shared, _("road network"), ["corridors", "roads"]),
        (corridors, _("{corridor}: road length").format(corridor=facts["dakar_name"] or _("Dakar route")),
         _("{km} computed; cited {cited}").format(km=fmt.km(facts["dakar_km"]), cited=_cited_km(facts, ", ")),
         _("road network / as cited"), ["corridors", "roads", *[fid for fid, _km in facts["dakar_cited"]]]),
        (gold, _("Kayes region's share of Mali's gold output (estimates)"), cited(figures, KAYES_SHARE_IDS),
         _as_of_all(figures, KAYES_SHARE_IDS), list(KAYES_SHARE_IDS)),
        (gold, _("Industrial gold production"), f"{cited(figures, GOLD_2023_IDS)} → "
         f"{cited(figures, [GOLD_2025_ID])}", f"{as_of_text(figure_row(figures, GOLD_2023_IDS[0]))} → "
         f"{as_of_text(figure_row(figures, GOLD_2025_ID))}", [*GOLD_2023_IDS, GOLD_2025_ID]),
        (spillover, _("Displaced across Burkina Faso, Mali, Niger and neighbours (UNHCR)"),
         cited(figures, [DISPLACED_ID]), as_of_text(figure_row(figures, DISPLACED_ID)), [DISPLACED_ID]),
        (spillover, _("Refugees in Mauritania (wording differs)"), cited(figures, MAURITANIA_IDS),
         _as_of_all(figures, MAURITANIA_IDS), list(MAURITANIA_IDS)),
    ]
    table = pd.DataFrame(rows, columns=["chapter", "figure", "value", "as of", "ids"])
    known = [[i for i in ids if catalogue.knows(i)] for ids in table["ids"]]
    table["source"] = [catalogue.source_line(ids) if ids else _(NOT_FOUND) for ids in known]
    table["ids"] = table["ids"].map(", ".join)
    # Column names in the reader's language (a caller reads the columns by position or in English).
    return table.rename(columns={c: _(c) for c in HEADLINE_COLUMNS})


HEADLINE_COLUMNS = (N_("chapter"), N_("figure"), N_("value"), N_("as of"), N_("ids"), N_("source"))


# --- sentences -----------------------------------------------------------------------------------------------

def silence_note(events: pd.DataFrame, catalogue: Catalogue) -> str:
    """Where the record stops, and what we therefore cannot say."""
    cutoff = record_cutoff(events)
    compiled = pd.Timestamp(catalogue.dataset("events")["retrieved"])
    after = cutoff + pd.offsets.MonthBegin(1)
    return _("Where the record stops: the event record compiled from news ends on {cutoff}. Our sources are silent "
             "from {after} to the date the record was compiled ({compiled}): we found no reporting on the blockade "
             "in that period. This briefing therefore cannot say whether the blockade ended or continued; silence "
             "in our sources is not evidence either way.").format(
        cutoff=fmt.day(cutoff), after=month_year(after), compiled=fmt.day(compiled))


def takeaway_sentences(events: pd.DataFrame, figures: pd.DataFrame, summary: pd.DataFrame,
                       lengths: pd.DataFrame) -> list[str]:
    """The overview's key takeaways, every number computed from the rows passed in."""
    first, last = record_span(events)
    counts = incidents_by_type(events).set_index("event_type")["incidents"]
    attacks = sum(int(counts.get(t, 0)) for t in ATTACK_TYPES)
    parts = ", ".join(count_noun(int(counts.get(t, 0)), t) for t in ATTACK_TYPES)
    towns = blockaded_towns(events, pd.DataFrame(columns=["place", "lon", "lat"]))
    named = _(" and ").join(towns["town"]) or _("the towns it named")
    if len(towns) == 2:
        threat = _(", after naming both towns as targets on {day}").format(day=fmt.day(towns["first"].min()))
    elif len(towns):
        threat = _(", after naming the towns as targets on {day}").format(day=fmt.day(towns["first"].min()))
    else:
        threat = ""
    facts = corridor_facts(summary, lengths)
    gold25 = figure_row(figures, GOLD_2025_ID)
    return [
        _("The news-compiled event record runs from {first} to {last} and holds {n} dated events; {attacks} of them "
          "are attacks ({parts}). Like any list compiled from news, it is incomplete.").format(
            first=fmt.day(first), last=fmt.day(last), n=fmt.number(len(dated_incidents(events))),
            attacks=fmt.number(attacks), parts=parts),
        _("JNIM declared its blockade of {towns} on {dates} (the sources differ by a day){threat}.").format(
            towns=named, dates=cited(figures, BLOCKADE_START_IDS, _(" or ")), threat=threat),
        _("The briefing routes {n} supply corridors into Mali on the road network; the {corridor} route computes "
          "to {km}, against {cited} cited.").format(
            n=fmt.number(facts["routed"]), corridor=facts["dakar_name"] or "Dakar", km=fmt.km(facts["dakar_km"]),
            cited=_cited_km(facts, _(" and "))),
        _("Estimates put Kayes region's share of Mali's gold at {share}; industrial output was {before} in {year} "
          "and {after} in {when}.").format(
            share=cited(figures, KAYES_SHARE_IDS, _(" to ")), before=cited(figures, GOLD_2023_IDS[:1]),
            year=_year(figures, GOLD_2023_IDS[0]), after=cited(figures, [GOLD_2025_ID]), when=as_of_text(gold25)),
        _("UNHCR put the number of people displaced across Burkina Faso, Mali, Niger and their neighbours at "
          "{displaced} in {when}; refugees in Mauritania numbered {mauritania} ({mauritania_when}).").format(
            displaced=cited(figures, [DISPLACED_ID]), when=as_of_text(figure_row(figures, DISPLACED_ID)),
            mauritania=cited(figures, MAURITANIA_IDS, _(", or ")), mauritania_when=_as_of_all(figures, MAURITANIA_IDS)),
    ]


CHAPTER = "00_overview"


def judgement_values(events: pd.DataFrame, figures: pd.DataFrame) -> dict[str, str]:
    """The counts, dates and values the overview's judgements name in braces (data/raw/curated/judgements.csv)."""
    def val(fid: str) -> float:
        row = figure_row(figures, fid)
        return float("nan") if row is None else float(row["value_num"])

    convoys = attack_rows(events)
    convoys = convoys[convoys["event_type"].isin(CONVOY_ATTACK_TYPES)]
    by_corridor = convoys["corridor"].replace({SEVERAL_ROADS: _("other roads"),
                                               NO_CORRIDOR: _("no corridor")}).value_counts()
    towns = blockaded_towns(events, pd.DataFrame(columns=["place", "lon", "lat"]))
    start = figure_row(figures, BLOCKADE_START_IDS[0])
    lere = events[events["place"] == "Léré"].sort_values("date_start")
    return {
        "blockade_start_month": month_year(pd.Timestamp(start["value"])) if start is not None else _("unknown date"),
        "blockade_town_ids": ", ".join(unique_ids(towns["event_ids"])) if len(towns) else _("none"),
        "convoy_attacks_by_corridor": _("; ").join(_("{name}: {n}").format(name=c, n=fmt.number(n))
                                                   for c, n in by_corridor.items()) or _("none"),
        "gold_year_before": _year(figures, GOLD_2024_ID), "gold_year_after": _year(figures, GOLD_2025_ID),
        "loulo_fall_t": fmt.number(val(LOULO_IDS[0]) - val(LOULO_IDS[1]), 1),
        "national_fall_t": fmt.number(val(GOLD_2024_ID) - val(GOLD_2025_ID), 1),
        "lere_when": f" ({month_year(lere['date_start'].iloc[0])})" if len(lere) else "",
        "new_arrivals": cited(figures, [NEW_ARRIVALS_ID]),
        "new_arrivals_period": as_of_text(figure_row(figures, NEW_ARRIVALS_ID)),
        "mauritania_total": cited(figures, MAURITANIA_IDS),
        "lere_event_ids": ", ".join(lere["event_id"]) or _("none"),
    }


def key_judgements(editorial: pd.DataFrame, events: pd.DataFrame, figures: pd.DataFrame) -> list[Judgement]:
    """The overview's key judgements as written in the editorial register, counts and values from the data."""
    return E.judgements(editorial, CHAPTER, judgement_values(events, figures))


def watch_items(editorial: pd.DataFrame, figures: pd.DataFrame) -> list[str]:
    """What to watch next, as written in the editorial register."""
    return E.watch(editorial, CHAPTER, {"gold_year_after": _year(figures, GOLD_2025_ID)})


# --- the chapter list ----------------------------------------------------------------------------------------

def chapter_guide(events: pd.DataFrame, summary: pd.DataFrame, lengths: pd.DataFrame) -> pd.DataFrame:
    """One short paragraph per chapter (what it answers), with its notebook name for the link."""
    first, last = record_span(events)
    facts = corridor_facts(summary, lengths)
    texts = {
        "01_threat.ipynb": _("What happened, when and where: the {n} dated events from {first} to {last}, attacks "
                             "by type and place, with the army's and JNIM's claims kept apart from independent "
                             "reports.").format(n=fmt.number(len(dated_incidents(events))), first=fmt.day(first),
                                                last=fmt.day(last)),
        "02_corridors.ipynb": _("The {n} supply routes into a landlocked country, their road lengths against the "
                                "cited ones, and which of them the reported attacks fall on.").format(
                                    n=fmt.number(facts["routed"])),
        "03_gold.ipynb": _("Why Kayes matters: the gold mines of the blockaded west, production by year, and the "
                           "state's dispute with the operator of the largest mine."),
        "04_spillover.ipynb": _("People on the move and the neighbours' exposure: displacement across the central "
                                "Sahel and refugees arriving in Mauritania and the coastal states."),
        "05_methods_and_sources.ipynb": _("How the record was compiled, every source with its date and link, and "
                                          "what we looked for and did not find."),
    }
    return pd.DataFrame([(n, _(t), texts[n]) for n, t in CHAPTERS if n in texts],
                        columns=["notebook", "title", "summary"])


def chapter_list_html(guide: pd.DataFrame) -> str:
    """The chapter list as HTML: a relative link per chapter (works under Voilà's render URLs) and its paragraph."""
    items = "".join(f'<li><a href="{html.escape(r.notebook)}"><strong>{html.escape(r.title)}</strong></a> — '
                    f"{html.escape(r.summary)}</li>" for r in guide.itertuples())
    return f'<section class="chapter-list"><ul>{items}</ul></section>'
