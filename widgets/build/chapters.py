"""What each chapter shows that no reader changes: its figures, tables, sentences and judgements, by name.

One function per chapter, given the loaders module (`widgets.loaders`), calls the chapter's own analysis and figure
builders (the logic stays there, tested there) and returns {part name: value}; `widgets.build.pages` runs them in
each language and writes what they return, and the page reads it back (`widgets.page_parts`). The names here are
the ones the notebooks ask for. Parts the reader changes (scenario panels, the threat explorer's selection,
uploads, the choice of compared edition, today's currency) are not here: they stay live on the page.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Callable

Parts = dict[str, Any]


def overview(L: ModuleType) -> Parts:
    from widgets.analysis import overview as O
    from widgets.figures import overview as F
    from widgets.figures.changes import ring_new_on_map
    from widgets.ui import edition as ED

    catalogue, events, points, figures = L.load_catalogue(), L.load_events(), L.load_event_points(), L.load_figures()
    summary, lengths, judgements = L.load_corridor_summary(), L.load_corridor_lengths(), L.load_judgements()
    return {
        "takeaways": O.takeaway_sentences(events, figures, summary, lengths),
        "changes": ED.overview_changes_bodies(summary, lengths),
        "map": ring_new_on_map(F.overview_map(L.load_countries(), L.load_regions(), L.load_rivers(),
                                              L.load_corridor_segments(), summary, L.load_places(), events, points,
                                              catalogue=catalogue), *ED.new_events()),
        "map_table": O.map_table(events, points),
        "headline_table": O.headline_table(events, figures, summary, lengths, catalogue),
        "incidents_chart": F.incidents_chart(events, catalogue=catalogue),
        "incidents_table": O.incidents_table(events),
        "judgements": O.key_judgements(judgements, events, figures),
        "watch": O.watch_items(judgements, figures),
        "chapter_list": O.chapter_list_html(O.chapter_guide(events, summary, lengths)),
    }


def threat(L: ModuleType) -> Parts:
    from widgets.analysis import editorial as E
    from widgets.analysis import threat as A
    from widgets.figures import threat as F
    from widgets.ui import edition as ED
    from widgets.ui.threat import opening_figures

    events, figures, catalogue = L.load_events(), L.load_figures(), L.load_catalogue()
    points, unresolved = L.load_event_points(), L.load_events_unresolved()
    timeline, threat_map = opening_figures(events, points, L.load_countries(), L.load_regions(), L.load_rivers(),
                                           catalogue=catalogue, n_unresolved=len(unresolved),
                                           new_events=ED.new_events())
    return {
        "takeaways": A.takeaway_sentences(events, figures),
        "changes": ED.chapter_changes_bodies("01", ("threat",), ("threat",), flags=True),
        "size_chart": F.size_chart(figures, catalogue=catalogue),
        "size_estimates": A.size_estimates(figures),
        "context_figures": A.context_figures(figures),
        "explorer_timeline": timeline,
        "explorer_map": threat_map,
        "unresolved_note": A.unresolved_note(unresolved, events),
        "unresolved_table": A.unresolved_table(unresolved, events),
        "aggregates_table": A.events_table(A.aggregates(events)),
        "convoy_strike_bars": F.convoy_strike_bars(events, catalogue=catalogue),
        "monthly_table": A.monthly_table(events),
        "judgements": E.judgements(L.load_judgements(), "01_threat"),
        "watch": E.watch(L.load_judgements(), "01_threat"),
    }


def corridors(L: ModuleType) -> Parts:
    from widgets.analysis import corridors_chapter as A
    from widgets.analysis import editorial as E
    from widgets.analysis.corridors_data import from_loaders
    from widgets.figures import corridors_chapter as F
    from widgets.ui import edition as ED

    D = from_loaders(L)
    out: Parts = {"takeaways": A.takeaway_sentences(D.table, D.near, D.by_corridor, D.counts, D.flows, D.shares),
                  "changes": ED.chapter_changes_bodies("02", ("corridor", "fuel"), ("corridors",))}
    for name in ("corridor_map", "lengths", "pressure", "incidents", "shares", "fuel"):
        out[f"{name}_figure"] = F.figure(name, D)
    for name in ("corridor_map", "lengths", "blockade", "pressure", "incidents", "shares", "fuel"):
        out[f"{name}_table"] = F.table(name, D)
    out["judgements"] = E.judgements(L.load_judgements(), "02_corridors")
    out["record_limits"] = A.record_limits(D.events, D.catalogue.dataset("events")["published"])
    out["watch"] = E.watch(L.load_judgements(), "02_corridors")
    return out


def gold(L: ModuleType) -> Parts:
    from widgets.analysis import gold as A
    from widgets.analysis import gold_page as P
    from widgets.figures import gold as F
    from widgets.ui import edition as ED

    figures, sources, events = L.load_figures(), L.load_sources(), L.load_events()
    regions, catalogue, editorial = L.load_regions(), L.load_catalogue(), L.load_judgements()
    region_names = regions["name_std"].tolist()
    production, shares = A.production_table(figures), A.operator_shares(figures)
    mines, kayes = A.mine_summary(figures, region_names), A.kayes_estimates(figures)
    weights, revenue, timeline = A.weight_table(figures, sources), A.revenue_table(figures), A.timeline(figures, events)
    incidents = A.region_incidents(events, "Kayes")
    return {
        "takeaways": P.takeaway_sentences(figures, sources, events),
        "changes": ED.chapter_changes_bodies("03", ("gold",), ("gold",), events=False),
        "production_chart": F.production_chart(production, catalogue),
        "production_view": P.production_view(production),
        "producer_share_chart": F.producer_share_chart(shares, catalogue),
        "shares_view": P.shares_view(shares),
        "mine_summary": P.figures_view(mines),
        "mine_outputs": P.figures_view(A.mine_outputs(figures)),
        "kayes_map": F.kayes_map(L.load_countries(), regions, L.load_rivers(), A.independent_estimates(kayes),
                                 incidents, A.mines_in_gazetteer(L.load_places()), catalogue),
        "kayes_view": P.kayes_view(kayes, sources),
        "incidents_view": P.incidents_view(incidents),
        "kayes_mines_sentence": P.kayes_mines_sentence(A.kayes_mines_share(shares, mines)),
        "weight_chart": F.weight_chart(weights, catalogue),
        "weights_view": P.weights_view(weights),
        "revenue_chart": F.revenue_chart(revenue, catalogue),
        "revenue_view": P.revenue_view(revenue),
        "claims_table": P.figures_view(A.claims_table(figures)),
        "code_provisions": P.figures_view(A.code_provisions(figures)),
        "timeline_chart": F.timeline_chart(timeline, catalogue),
        "timeline_view": P.timeline_view(timeline),
        "dispute_money": P.figures_view(A.dispute_money(figures)),
        "judgements": P.judgement_items(editorial, figures, sources, events, region_names),
        "record_end": P.record_end_sentence(events),
        "watch": P.watch_items(editorial, figures, events),
    }


def spillover(L: ModuleType) -> Parts:
    from widgets.analysis import editorial as E
    from widgets.analysis import spillover as A
    from widgets.figures import spillover as F
    from widgets.ui import edition as ED

    figures, events, places, catalogue = L.load_figures(), L.load_events(), L.load_places(), L.load_catalogue()
    totals, idps, mali = A.headline_totals(figures), A.country_idps(figures), A.mali_idp_series(figures)
    blockade, flows = A.figure_rows(figures, A.BLOCKADE_IDS), A.host_flows(figures, places)
    mauritania, coastal = A.panels(figures, A.MAURITANIA_PANELS), A.panels(figures, A.COASTAL_PANELS)
    funding = A.panels(figures, A.FUNDING_PANELS)
    cutoff, _ = A.chapter_cutoff(totals, idps, mali, mauritania, coastal, funding,
                                 A.figure_rows(figures, A.flow_figure_ids(flows)),
                                 A.figure_rows(figures, A.COASTAL_TABLE_IDS))
    return {
        "takeaways": A.takeaway_sentences(figures, events),
        "changes": ED.chapter_changes_bodies("04", ("displacement", "humanitarian"), ("spillover",), events=False),
        "headline_figure": F.headline_figure(totals, catalogue=catalogue),
        "headline_table": A.reader_table(totals),
        "country_idps_figure": F.country_idps_figure(idps, catalogue=catalogue),
        "country_idps_table": A.reader_table(idps, {"country": list(idps["country"]), "basis": list(idps["basis"])}),
        "mali_idp_figure": F.mali_idp_figure(mali, blockade, catalogue=catalogue),
        "mali_idp_table": A.reader_table(mali, {"same count as": list(mali["same_as"])}),
        "flow_map": F.flow_map(flows, L.load_countries(), L.load_regions(), L.load_rivers(), catalogue=catalogue),
        "flows_table": A.flows_table(flows),
        "unknown_note": A.unknown_note(flows, figures),
        "mauritania_figure": F.mauritania_figure(mauritania, catalogue=catalogue),
        "mauritania_table": A.reader_table(mauritania, {"panel": list(mauritania["panel"])}),
        "coastal_figure": F.coastal_figure(coastal, catalogue=catalogue),
        "coastal_table": A.reader_table(A.figure_rows(figures, A.COASTAL_TABLE_IDS)),
        "funding_figure": F.funding_figure(funding, catalogue=catalogue),
        "funding_table": A.reader_table(funding, {"panel": list(funding["panel"])}),
        "judgements": E.judgements(L.load_judgements(), "04_spillover"),
        "record_note": A.record_note(events, cutoff),
        "watch": E.watch(L.load_judgements(), "04_spillover"),
    }


def methods(L: ModuleType) -> Parts:
    from widgets.analysis import methods as M
    from widgets.figures.maps import corridor_map

    catalogue, events, figures = L.load_catalogue(), L.load_events(), L.load_figures()
    summary, lengths = L.load_corridor_summary(), L.load_corridor_lengths()
    return {
        "datasets_table": M.datasets_table(catalogue),
        "editions_table": M.editions_table(L.load_editions().table),
        "changelog_table": M.changelog_table(L.load_editions().changelog),
        "corridor_map": corridor_map(L.load_corridor_segments(), summary, L.load_countries(), L.load_regions(),
                                     L.load_rivers(), L.load_roads(), L.load_places(), catalogue=catalogue),
        "corridor_table": M.corridor_table(summary, lengths),
        "location_summary": M.location_summary(events),
        "attack_definition": M.attack_definition(),
        "conflicting_figures": M.conflicting_figures(figures),
        "seed_claims_table": M.seed_claims_table(L.load_seed_claims(), catalogue),
    }


# Chapter (notebook name without .ipynb) → its builder. A new chapter adds a line here.
BUILDERS: dict[str, Callable[[ModuleType], Parts]] = {
    "00_overview": overview, "01_threat": threat, "02_corridors": corridors, "03_gold": gold,
    "04_spillover": spillover, "05_methods_and_sources": methods,
}
