"""Tables for the methods-and-sources page: datasets, conflicting figures, event locations, seed claims."""

from __future__ import annotations

from datetime import date

import pandas as pd

from widgets import fmt
from widgets.catalogue import Catalogue
from widgets.vocabulary import ATTACK_TYPES, DAKAR_CORRIDOR, EVENT_TYPES, TYPE_LABELS, split_ids


def datasets_table(catalogue: Catalogue) -> pd.DataFrame:
    """One row per catalogued file: what, who, when, licence, transforms and checksum."""
    d = catalogue.datasets
    return pd.DataFrame({
        "dataset": d.index,
        "title": d["title"].values,
        "producer": d["producer"].values,
        "published": [fmt.partial_date(p) if p else "not recorded" for p in d["published"]],
        "retrieved": d["retrieved"].values,
        "licence / terms": d["licence"].values,
        "transforms": d["transforms"].values,
        "sha256": [s[:12] + "…" for s in d["sha256"]],
    })


# Datasets whose content is the register itself: dated by the register's newest fact, whenever they were written.
REGISTER_DATASETS = ("events", "figures", "sources_events", "sources_figures", "event_places", "seed_claims", "gaps",
                     "editions", "changelog")


def register_content_dates(cutoff: date) -> dict[str, date]:
    return dict.fromkeys(REGISTER_DATASETS, cutoff)


def editions_table(editions: pd.DataFrame) -> pd.DataFrame:
    """Every published edition, newest first."""
    table = editions.sort_values("edition", ascending=False)
    return pd.DataFrame({"edition": table["edition"], "published": table["published"].map(fmt.partial_date),
                         "newest dated fact": [f"{fmt.partial_date(c)} ({f})" for c, f in
                                          zip(table["cutoff"], table["cutoff_fact"])],
                         "analyst": table["analyst"], "summary": table["summary"]})


def changelog_table(changelog: pd.DataFrame) -> pd.DataFrame:
    """The changelog, newest edition first: what changed, which row, and why."""
    table = changelog.sort_values("edition", ascending=False, kind="stable")
    return pd.DataFrame({"edition": table["edition"], "change": table["action"],
                         "where": [r if r else t for t, r in zip(table["table"], table["row_id"])],
                         "qualifies": table["qualifies"].str.replace(";", ", "), "reason": table["reason"]})


def freshness_table(catalogue: Catalogue, today: date, content_dates: dict[str, date]) -> pd.DataFrame:
    """Each dataset judged by the age of its content (see Catalogue.freshness), not by when it was retrieved."""
    table = catalogue.freshness(today, content_dates)
    return pd.DataFrame({"dataset": table["dataset"], "content dated": table["content_date"].map(fmt.day),
                         "dated by": table["basis"], "age (days)": table["age_days"],
                         "expected update": table["cadence"], "status": table["status"]})


def conflicting_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Metrics that our sources give with more than one value, side by side (never resolved silently)."""
    grouped = figures.groupby("metric")
    rows = []
    for metric, group in grouped:
        if group["value"].nunique() < 2:
            continue
        versions = "; ".join(f"{v} {u} ({a}) [{f}]" for v, u, a, f in
                             zip(group["value"], group["unit"], group["as_of"], group["figure_id"]))
        rows.append({"metric": metric.replace("_", " "), "topic": group["topic"].iloc[0],
                     "versions": versions, "figures": len(group)})
    return pd.DataFrame(rows, columns=["metric", "topic", "versions", "figures"]).sort_values(
        ["topic", "metric"], ignore_index=True)


def location_summary(events: pd.DataFrame) -> pd.DataFrame:
    """How precisely the events could be placed: count per precision class, in a fixed reading order."""
    order = ["town", "near_town", "multi_town", "unresolved"]
    meaning = {"town": "at a named town", "near_town": "near or between named towns (point = the town)",
               "multi_town": "several named towns", "unresolved": "no single place (national, regional, unnamed)"}
    counts = events["location_precision"].value_counts().reindex(order, fill_value=0)
    return pd.DataFrame({"precision": order, "meaning": [meaning[o] for o in order], "events": counts.values})


def seed_claims_table(claims: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Each claim of the seed analysis with our verdict, the evidence line and the events it rests on."""
    return pd.DataFrame({
        "claim (paraphrased)": claims["claim"],
        "verdict": claims["verdict"],
        "why": claims["explanation"],
        "evidence": [catalogue.source_line(split_ids(ids), max_named=3, list_ids=True) for ids in claims["source_ids"]],
        "events": claims["event_ids"].str.replace(";", ", "),
    })


def corridor_table(summary: pd.DataFrame, lengths: pd.DataFrame) -> pd.DataFrame:
    """Computed road length per corridor next to the cited lengths (or 'not found in our sources')."""
    cited = lengths.groupby("corridor").apply(
        lambda g: "; ".join(f"{c:,.0f} km [{f}] → {d:+,.0f} km ({p:+.1f} %)"
                            for c, f, d, p in zip(g["cited_km"], g["figure_id"], g["diff_km"], g["diff_pct"])),
        include_groups=False)
    return pd.DataFrame({
        "corridor": summary["corridor"],
        "road km (computed)": [fmt.number(v) for v in summary["road_km"]],
        "line km (drawn, geodesic)": [fmt.number(v) for v in summary["geodesic_km"]],
        "cited length → difference": [cited.get(c, "not found in our sources") for c in summary["corridor"]],
        "towns passed": summary["towns"].str.replace(";", ", "),
        "note": summary["message"],
    })


def summaries(events: pd.DataFrame) -> str:
    """'72 dated to a day or a week, 8 month-level summaries': the two kinds of event row, never added together."""
    monthly = int((events["date_precision"] == "month").sum())
    return (f"{len(events) - monthly} dated to a day or a week, {monthly} month-level "
            f"{'summary' if monthly == 1 else 'summaries'} that overlap them")


def takeaway_sentences(catalogue: Catalogue, events: pd.DataFrame, figures: pd.DataFrame,
                       lengths: pd.DataFrame, today: date, content_dates: dict[str, date]) -> list[str]:
    """The page's key facts about the evidence itself, computed."""
    fresh = catalogue.freshness(today, content_dates)["status"].value_counts()
    located = int((events["location_precision"] != "unresolved").sum())
    dakar = lengths[lengths["corridor"] == DAKAR_CORRIDOR]
    dakar_text = ("; ".join(f"{c:,.0f} km [{f}]" for c, f in zip(dakar["cited_km"], dakar["figure_id"]))
                  if len(dakar) else "no cited length")
    computed = fmt.km(dakar["computed_road_km"].iloc[0]) if len(dakar) else "unknown"
    return [
        f"{len(catalogue.sources)} sources, {len(figures)} figures and {len(events)} event rows are catalogued "
        f"({summaries(events)}); "
        f"{len(catalogue.datasets)} data files each carry a catalogue entry and a checksum.",
        f"{located} of {len(events)} events could be placed at towns the sources name; the other "
        f"{len(events) - located} are national, regional or at places missing from the gazetteer.",
        f"The Dakar–Kayes–Bamako route measures {computed} on the road network; sources give {dakar_text}.",
        f"Datasets judged by the age of their content: {int(fresh.get('current', 0))} current, "
        f"{int(fresh.get('ageing', 0))} ageing, {int(fresh.get('stale', 0))} stale.",
    ]


def attack_definition() -> str:
    """The one definition of an attack every page counts by (widgets.vocabulary.ATTACK_TYPES), in words."""
    def labels(types) -> str:
        return ", ".join(TYPE_LABELS[t].lower() for t in types)
    others = [t for t in EVENT_TYPES if t not in ATTACK_TYPES]
    return (f"The register's event types counted as attacks: {labels(ATTACK_TYPES)}. "
            f"Not counted as attacks: {labels(others)}.")
