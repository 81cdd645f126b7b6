"""Tables for the methods-and-sources page: datasets, conflicting figures, event locations, seed claims."""

from __future__ import annotations

from datetime import date

import pandas as pd

from widgets import fmt
from widgets.analysis.network_notes import network_note
from widgets.i18n import N_, _, ngettext
from widgets.catalogue import Catalogue
from widgets.currency import STATUS_WORDS
from widgets.register_text import metric_label, translate
from widgets.vocabulary import ATTACK_TYPES, DAKAR_CORRIDOR, EVENT_TYPES, TYPE_LABELS, split_ids


def _headed(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with its column headers in the page's language (the values stay as the data gives them)."""
    return frame.rename(columns=lambda c: _(c))


def datasets_table(catalogue: Catalogue) -> pd.DataFrame:
    """One row per catalogued file: what, who, when, licence, transforms and checksum."""
    d = catalogue.datasets
    return _headed(pd.DataFrame({
        N_("dataset"): d.index,
        N_("title"): [translate(t) for t in d["title"]],
        N_("producer"): [translate(t) for t in d["producer"]],
        N_("published"): [fmt.partial_date(p) if p else _("not recorded") for p in d["published"]],
        N_("retrieved"): [fmt.partial_date(r) if r else _("not recorded") for r in d["retrieved"]],
        N_("licence / terms"): [translate(t) for t in d["licence"]],
        N_("transforms"): [translate(t) for t in d["transforms"]],
        "sha256": [s[:12] + "…" for s in d["sha256"]],
    }))


# Datasets whose content is the register itself: dated by the register's newest fact, whenever they were written.
REGISTER_DATASETS = ("events", "figures", "sources_events", "sources_figures", "event_places", "seed_claims", "gaps",
                     "editions", "changelog")


def register_content_dates(cutoff: date) -> dict[str, date]:
    return dict.fromkeys(REGISTER_DATASETS, cutoff)


def editions_table(editions: pd.DataFrame) -> pd.DataFrame:
    """Every published edition, newest first."""
    table = editions.sort_values("edition", ascending=False)
    return _headed(pd.DataFrame({N_("edition"): table["edition"], "published": table["published"].map(fmt.partial_date),
                                 N_("newest dated fact"): [f"{fmt.partial_date(c)} ({f})" for c, f in
                                                           zip(table["cutoff"], table["cutoff_fact"])],
                                 N_("analyst"): table["analyst"], N_("summary"): table["summary"].map(translate)}))


def changelog_table(changelog: pd.DataFrame) -> pd.DataFrame:
    """The changelog, newest edition first: what changed, which row, and why."""
    table = changelog.sort_values("edition", ascending=False, kind="stable")
    return _headed(pd.DataFrame({"edition": table["edition"], N_("change"): table["action"],
                                 N_("where"): [r if r else t for t, r in zip(table["table"], table["row_id"])],
                                 N_("qualifies"): table["qualifies"].str.replace(";", ", "),
                                 N_("reason"): table["reason"]}))


def freshness_table(catalogue: Catalogue, today: date, content_dates: dict[str, date]) -> pd.DataFrame:
    """Each dataset judged by the age of its content (see Catalogue.freshness), not by when it was retrieved."""
    table = catalogue.freshness(today, content_dates)
    return _headed(pd.DataFrame({"dataset": table["dataset"], N_("content dated"): table["content_date"].map(fmt.day),
                                 N_("dated by"): table["basis"].map(_), N_("age (days)"): table["age_days"],
                                 N_("expected update"): table["cadence"].map(translate), N_("status"): table["status"].map(lambda s: _(STATUS_WORDS.get(s, s)))}))


def conflicting_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Metrics that our sources give with more than one value, side by side (never resolved silently)."""
    grouped = figures.groupby("metric")
    rows = []
    for metric, group in grouped:
        if group["value"].nunique() < 2:
            continue
        versions = "; ".join(f"{v} {u} ({a}) [{f}]" for v, u, a, f in
                             zip(group["value"], group["unit"], group["as_of"], group["figure_id"]))
        rows.append({"metric": metric_label(metric), "topic": group["topic"].iloc[0],
                     "versions": versions, "figures": len(group)})
    return _headed(pd.DataFrame(rows, columns=["metric", "topic", "versions", "figures"]).sort_values(
        ["topic", "metric"], ignore_index=True).rename(columns={"metric": N_("metric"), "topic": N_("topic"),
                                                                "versions": N_("versions"), "figures": N_("figures")}))


def location_summary(events: pd.DataFrame) -> pd.DataFrame:
    """How precisely the events could be placed: count per precision class, in a fixed reading order."""
    order = ["town", "near_town", "multi_town", "unresolved"]
    meaning = {"town": N_("at a named town"), "near_town": N_("near or between named towns (point = the town)"),
               "multi_town": N_("several named towns"),
               "unresolved": N_("no single place (national, regional, unnamed)")}
    counts = events["location_precision"].value_counts().reindex(order, fill_value=0)
    return _headed(pd.DataFrame({N_("precision"): order, N_("meaning"): [_(meaning[o]) for o in order],
                                 N_("events"): counts.values}))


def seed_claims_table(claims: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Each claim of the seed analysis with our verdict, the evidence line and the events it rests on."""
    return _headed(pd.DataFrame({
        N_("claim (paraphrased)"): claims["claim"],
        N_("verdict"): claims["verdict"],
        N_("why"): claims["explanation"],
        N_("evidence"): [catalogue.source_line(split_ids(ids), max_named=3, list_ids=True)
                         for ids in claims["source_ids"]],
        "events": claims["event_ids"].str.replace(";", ", "),
    }))


def corridor_table(summary: pd.DataFrame, lengths: pd.DataFrame) -> pd.DataFrame:
    """Computed road length per corridor next to the cited lengths (or 'not found in our sources')."""
    cited = lengths.groupby("corridor").apply(
        lambda g: "; ".join(f"{fmt.km(c)} [{f}] → {fmt.km(d, signed=True)} ({fmt.percent(p, 1, signed=True)})"
                            for c, f, d, p in zip(g["cited_km"], g["figure_id"], g["diff_km"], g["diff_pct"])),
        include_groups=False)
    return _headed(pd.DataFrame({
        N_("corridor"): summary["corridor"],
        N_("road km (computed)"): [fmt.number(v) for v in summary["road_km"]],
        N_("line km (drawn, geodesic)"): [fmt.number(v) for v in summary["geodesic_km"]],
        N_("cited length → difference"): [cited.get(c, _("not found in our sources")) for c in summary["corridor"]],
        N_("towns passed"): summary["towns"].str.replace(";", ", "),
        N_("note"): summary["message"].map(network_note),
    }))


def summaries(events: pd.DataFrame) -> str:
    """'72 dated to a day or a week, 8 month-level summaries': the two kinds of event row, never added together."""
    monthly = int((events["date_precision"] == "month").sum())
    return ngettext("{dated} dated to a day or a week, {n} month-level summary that overlap them",
                    "{dated} dated to a day or a week, {n} month-level summaries that overlap them",
                    monthly).format(dated=len(events) - monthly, n=monthly)


def takeaway_sentences(catalogue: Catalogue, events: pd.DataFrame, figures: pd.DataFrame,
                       lengths: pd.DataFrame, today: date, content_dates: dict[str, date]) -> list[str]:
    """The page's key facts about the evidence itself, computed."""
    fresh = catalogue.freshness(today, content_dates)["status"].value_counts()
    located = int((events["location_precision"] != "unresolved").sum())
    dakar = lengths[lengths["corridor"] == DAKAR_CORRIDOR]
    dakar_text = ("; ".join(f"{fmt.km(c)} [{f}]" for c, f in zip(dakar["cited_km"], dakar["figure_id"]))
                  if len(dakar) else _("no cited length"))
    computed = fmt.km(dakar["computed_road_km"].iloc[0]) if len(dakar) else _("unknown")
    return [
        _("{sources} sources, {figures} figures and {events} event rows are catalogued ({kinds}); {files} data files "
          "each carry a catalogue entry and a checksum.").format(
            sources=len(catalogue.sources), figures=len(figures), events=len(events), kinds=summaries(events),
            files=len(catalogue.datasets)),
        _("{located} of {events} events could be placed at towns the sources name; the other {rest} are national, "
          "regional or at places missing from the gazetteer.").format(located=located, events=len(events),
                                                                      rest=len(events) - located),
        _("The Dakar–Kayes–Bamako route measures {computed} on the road network; sources give {cited}.").format(
            computed=computed, cited=dakar_text),
        _("Datasets judged by the age of their content: {current} current, {ageing} ageing, {stale} stale.").format(
            current=int(fresh.get("current", 0)), ageing=int(fresh.get("ageing", 0)),
            stale=int(fresh.get("stale", 0))),
    ]


def attack_definition() -> str:
    """The one definition of an attack every page counts by (widgets.vocabulary.ATTACK_TYPES), in words."""
    def labels(types) -> str:  # the lower-cased labels are catalogue entries (widgets/analysis/gold_page.SINGULARS)
        return ", ".join(_(TYPE_LABELS[t].lower()) for t in types)
    others = [t for t in EVENT_TYPES if t not in ATTACK_TYPES]
    return _("The register's event types counted as attacks: {attacks}. Not counted as attacks: {others}.").format(
        attacks=labels(ATTACK_TYPES), others=labels(others))
