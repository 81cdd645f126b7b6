"""The French edition of the gold, spillover and scenario figures and of the scenario models (issue 17).

The French catalogue is compiled here from widgets/locale (as the data build does), so these tests read the committed
.po. Each chapter's French figures must carry none of the English words they replaced, and numbers in French formats.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import plotly.graph_objects as go
import pytest
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from widgets import fmt, i18n, paths
from widgets.paths import ROOT

PO = ROOT / "widgets" / "locale" / "fr" / "LC_MESSAGES" / "briefing.po"
# The modules whose words this catalogue translates (figures, analysis sentences, scenario models).
MODULES = ["widgets/figures/gold.py", "widgets/figures/spillover.py", "widgets/figures/scenario_fuel.py",
           "widgets/figures/scenario_gold.py", "widgets/figures/scenario_displacement.py",
           "widgets/figures/changes.py", "widgets/analysis/gold.py", "widgets/analysis/gold_page.py",
           "widgets/analysis/spillover.py", "widgets/analysis/methods.py",
           "widgets/scenarios/base.py", "widgets/scenarios/fuel.py", "widgets/scenarios/gold.py",
           "widgets/scenarios/displacement.py"]


@pytest.fixture
def french(tmp_path):
    """The page language set to French, with the committed catalogue compiled into a scratch locale folder."""
    out = tmp_path / "locale"
    mo = out / "fr" / "LC_MESSAGES" / "briefing.mo"
    mo.parent.mkdir(parents=True)
    with PO.open("rb") as src, mo.open("wb") as dst:
        write_mo(dst, read_po(src), use_fuzzy=False)
    saved = paths.LOCALE
    paths.LOCALE = out
    i18n.reload()
    try:
        with fmt.using("fr"):
            yield
    finally:
        paths.LOCALE = saved
        i18n.reload()


def visible_texts(fig: go.Figure) -> list[str]:
    """What a reader sees of a figure: title, axis titles and tick labels, annotations (panel titles, labels) and
    the note under it, legend names, hover templates and bar or marker labels. The source line is left out: source
    titles stay in their own language."""
    layout = fig.layout
    out = [layout.title.text or "", str((layout.meta or {}).get("note", ""))]
    for key in layout:
        if key.startswith(("xaxis", "yaxis")):
            axis = layout[key]
            out += [axis.title.text or "", *(axis.ticktext or ()), axis.tickprefix or ""]
    out += [a.text for a in layout.annotations if a.name != "source-line"]
    for trace in fig.data:
        out += [trace.name or "", getattr(trace, "hovertemplate", None) or ""]
        text = getattr(trace, "text", None)
        out += [text] if isinstance(text, str) else [t for t in list(text if text is not None else ())
                                                     if isinstance(t, str)]
        if trace.type == "bar":
            labels = trace.y if trace.orientation == "h" else trace.x
            out += [v for v in list(labels if labels is not None else ()) if isinstance(v, str)]
    return [t for t in out if t]


def found(words: list[str], texts: list[str]) -> list[str]:
    """The English words still present, as whole words ("Demand" is not found in "Demande")."""
    def pattern(w: str) -> str:
        return (r"\b" if w[0].isalnum() else "") + re.escape(w) + (r"\b" if w[-1].isalnum() else "")
    return [w for w in words if any(re.search(pattern(w), t) for t in texts)]


def english_left(figures: list[go.Figure], words: list[str]) -> list[str]:
    return found(words, [t for fig in figures for t in visible_texts(fig)])


def test_gold_figures_speak_french(french):
    from widgets.figures import gold

    figures = gold.examples()
    assert english_left(figures, [
        "Industrial: reported", "Total incl. artisanal", "Ministry forecast", "Gold produced", "Industrial gold output",
        "Loulo-Gounkoto's share", "Share of national industrial output", "Other industrial mines", "H1 2024",
        "Kayes region: est.", "Region names", "Dated incidents", "of Mali's gold", "Percent, as given",
        "Share of exports", "Share of GDP", "All extractives", "Billion CFA francs", "Year · figure", "bn FCFA",
        "The state collected", "2023 mining code", "Barrick and Loulo-Gounkoto", "Mining code adopted",
        "Settlement signed", "as of %{", "confidence %{", "Each marker is one sourced figure", "Open circle",
        "Two sources give", "Filled: dated", "Regions are Mali's"]) == []
    production, shares = figures[0].layout.title.text, figures[1].layout.title.text
    assert re.search(r"\d,\d", production) and not re.search(r"\d\.\d", production)  # 42,2 t, not 42.2 t
    assert "\u00a0%" in shares  # 38 % with a no-break space, as fmt writes French percentages


def test_spillover_figures_speak_french(french):
    from widgets.figures import spillover

    figures = spillover.examples()
    assert english_left(figures, [
        "people displaced", "All displaced", "Internally displaced", "Refugees", " refugees:", "UNHCR<br>",
        "IOM DTM<br>", "internally displaced people", "by far the largest", "IDP count", "Same count republished",
        "Blockade declared", "date of the count", "Mali's displaced", "no count found", "Bamako (stands for Mali)",
        "Cited count", "No count in our sources", "Mauritania hosts", "Mbera camp", "capacity", "Violence has spread",
        "aid plan", "Official capacity", "Population (UNHCR)", "Refugees in Mauritania", "New wave", "Northern Benin",
        "soldiers killed", "Attack claimed", "Mali plan", "People in need", "persons", "Each bar is one cited figure",
        "Two counts of different dates", "Schematic arrows", "Counts differ in scope", "Vermillion", "OCHA says",
        "Benin ·"]) == []
    mbera = figures[4].layout.title.text
    assert re.search(r"\d,\d", mbera), mbera  # the ratio with a decimal comma


def scenario_figures() -> list[go.Figure]:
    from widgets.figures import scenario_displacement, scenario_fuel, scenario_gold

    return [*scenario_fuel.examples(), *scenario_gold.examples(), *scenario_displacement.examples()]


def test_scenario_figures_speak_french(french):
    figures = scenario_figures()
    assert english_left(figures, [
        "Baseline", "Scenario", "tanker loads", "Tanker loads", "Stock, days", "days of demand", "Delivered",
        "Demand", "Escorted convoys", "stocks run out", "end of week", "Output not disrupted", "At risk:",
        "State revenue", "tonnes per year", "USD million", "year ", "Industrial gold output", "Inside Mali",
        "Other or unknown", "Mauritania", "Guinea", "Senegal", "Algeria", "new people", "new arrivals",
        "months from the start", "Counted", "Model:", "each tonne", "a year at risk"]) == []
    gold_title = figures[1].layout.title.text
    assert re.search(r"\d,\d t", gold_title) and "\u202f" in gold_title, gold_title  # 23,0 t; 3 984 USD/oz


def test_scenario_models_speak_french(french):
    from widgets.scenarios import displacement, fuel, gold
    from widgets.scenarios.base import defaults

    english = ["Horizon:", "Demand", "Share of supply via", "Disruption on the", "Escorted", "Stock on hand",
               "tanker loads", "Importers said", "No source", "Baseline", "Every parameter", "Kayes output halved",
               "The pace doubles", "Industrial gold only", "State revenue", "Newly displaced", "Of those who cross",
               "% of crossings", "% of value", "people/month", "not found in our sources", "no change", "measure",
               "scaled to 100 %", "is not a number", "outside"]
    for model in (fuel, gold, displacement):
        base = model.run(defaults(model.PARAMS))
        wild = model.run({**{p.key: p.high * 3 for p in model.PARAMS}, model.PARAMS[1].key: "x"})
        texts = [*(t for p in model.PARAMS for t in (p.label, p.unit, p.why)),
                 *(t for p in model.PRESETS for t in (p.label, p.why)), *model.ASSUMPTIONS,
                 getattr(model, "BASELINE", ""), *wild.messages,
                 *model.summary(base, wild).astype(str).to_numpy().ravel(), *model.summary(base, wild).columns]
        assert found(english, texts) == [], model.__name__
    demand = next(p for p in fuel.PARAMS if p.key == "demand").why
    assert "6\u202f000 × 12 / 52 ≈ 1\u202f385" in demand  # fmt's French thousands separator, not 6,000
    assert any("\u00a0%" in a for a in gold.ASSUMPTIONS)


def test_gold_page_speaks_french(french):
    from widgets import loaders as L
    from widgets.analysis import gold as A
    from widgets.analysis import gold_page as P

    figures, sources, events = L.load_figures(), L.load_sources(), L.load_events()
    names = L.load_regions()["name_std"].tolist()
    takeaways = P.takeaway_sentences(figures, sources, events)
    texts = [*takeaways, P.record_end_sentence(events),
             P.kayes_mines_sentence(A.kayes_mines_share(A.operator_shares(figures), A.mine_summary(figures, names))),
             *P.production_view(A.production_table(figures)).columns, *P.shares_view(A.operator_shares(figures)).columns,
             *P.timeline_view(A.timeline(figures, events)).astype(str).to_numpy().ravel(),
             *P.timeline_view(A.timeline(figures, events)).columns, *P.judgement_values(figures, sources, events,
                                                                                       names).values()]
    assert found(["Industrial gold output was", "complex went from", "Our event list", "Sources put gold",
                  "The Barrick dispute", "The event record", "computed by the briefing", "Year", "Series", "Producer",
                  "What happened", "Strand", "Mining code adopted", "attacks", "convoy attacks", "more than the whole",
                  "The mines our sources place", "week of"], texts) == []
    assert "66,48" in takeaways[0] and "66.48" not in takeaways[0]


def test_spillover_and_methods_pages_speak_french(french):
    from datetime import date

    from widgets import loaders as L
    from widgets.analysis import methods as M
    from widgets.analysis import spillover as A

    figures, events, catalogue = L.load_figures(), L.load_events(), L.load_catalogue()
    flows = A.host_flows(figures, L.load_places())
    cutoff = A.chapter_cutoff(A.headline_totals(figures), A.mali_idp_series(figures))
    lengths = L.load_corridor_lengths()
    texts = [*A.takeaway_sentences(figures, events), A.unknown_note(flows, figures), A.record_note(events, cutoff[0]),
             cutoff[1], *A.reader_table(A.headline_totals(figures)).columns, *A.flows_table(flows).columns,
             *A.flows_table(flows).astype(str).to_numpy().ravel(),
             *M.takeaway_sentences(catalogue, events, figures, lengths, date(2026, 3, 1), {}), M.attack_definition(),
             *M.location_summary(events).astype(str).to_numpy().ravel(), *M.datasets_table(catalogue).columns]
    assert found(["UNHCR put", "Inside Mali", "Mauritania hosts", "After JNIM", "Violence has reached",
                  "Not found in our sources", "The event record", "dated to the month", "figure (", "host country",
                  "arrow ends", "Mauritania", "Guinea", "figures and", "could be placed", "route measures",
                  "Datasets judged", "counted as attacks", "convoy attack", "at a named town", "dataset",
                  "licence / terms"], texts) == []
    assert "1\u202f387\u00a0km" in " ".join(texts)  # the Dakar route's cited length, written by fmt in French


def test_english_is_unchanged():
    """The English texts come out as before the catalogue existed (a few samples; the chapters' tests check more)."""
    from widgets.figures import scenario_fuel
    from widgets.scenarios import fuel
    from widgets.scenarios.base import defaults

    assert fmt.language() == "en"
    base = fuel.run(defaults(fuel.PARAMS))
    assert scenario_fuel.title(base) == "Scenario: 1,385 tanker loads a week reach Bamako, enough for demand of 1,385"
    assert next(p for p in fuel.PARAMS if p.key == "disruption_dakar").unit == "% of loads lost"
    assert fuel.summary(base, base).columns.tolist() == ["measure", "baseline", "scenario", "change"]


def fields(text: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_every_marked_string_has_its_french():
    """Each string these modules mark for translation has a French entry with the same placeholders, and the
    catalogue passes Babel's own checks (what `pybabel compile` and the data build run)."""
    with PO.open("rb") as handle:
        catalogue = read_po(handle)
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    marked = {message for module in MODULES
              for _line, message, _comments, _context in extract_from_file("python", str(ROOT / module),
                                                                          keywords=keywords)}
    def forms(text) -> tuple[str, ...]:  # a plural entry has two English forms and one French form per plural
        return tuple(text) if isinstance(text, (tuple, list)) else (text,)
    entries = {forms(m): catalogue.get(forms(m)[0]) for m in marked if m}
    missing = sorted(m for m, entry in entries.items() if not (entry and all(forms(entry.string))))
    assert missing == []
    wrong = sorted(m for m, entry in entries.items()
                   if any(fields(f) != set().union(*map(fields, m)) for f in forms(entry.string)))
    assert wrong == []
    assert [(m.id, errors) for m, errors in catalogue.check() if errors] == []
