"""The French edition of the overview, threat and corridors chapters (issue 17): the words in their figures and
analysis sentences come from the gettext catalogue, numbers and dates from fmt.

The catalogue is compiled from the committed .po into a temporary directory (so the tests do not depend on
`make data` having compiled it). English stays as it was: the chapters' own tests check its text.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from widgets import paths
from widgets.build.catalogues import placeholder_problems
from widgets import fmt, i18n
from widgets import loaders as L
from widgets.analysis import corridors_chapter as AC
from widgets.analysis import overview as AO
from widgets.analysis import threat as AT
from widgets.figures import corridors_chapter as FC
from widgets.figures import overview as FO
from widgets.figures import threat as FT
from widgets.figures.meta import plain_text

PO = Path(__file__).resolve().parents[1] / "widgets" / "locale" / "fr" / "LC_MESSAGES" / "briefing.po"

# English words of the texts these chapters' figures and sentences show (titles, axis titles, legend names,
# annotations, notes, alt text, sentences), matched as whole words: none may remain in French. Words that French
# writes alike (incidents, points, orange, tonnage) are not listed.
ENGLISH = {
    "overview": ["under", "declared", "mapped", "Supply", "corridors from the ports", "Inland", "dashed", "located",
                 "capital", "Dated events", "record", "count", "mostly", "Points", "attack site", "schematic",
                 "Counts rows", "Coloured bars"],
    "threat": ["Reported", "attacks", "convoys", "ran from", "Outside", "selection", "State actions",
               "armed-group", "Effects", "Date the sources", "Month", "per month", "Fighters", "estimates",
               "confidence", "known only", "conflicting", "region", "none reported", "or more", "Located",
               "army-claimed", "strikes", "Each dot", "Regions"],
    "corridors": ["Passes within", "Other corridors", "Road distance", "measures", "sources give", "No length",
                  "Corridor links", "incident snapped", "or more incidents", "Town an incident", "Placed only",
                  "carry", "road", "Corridor named", "Snapped", "town point", "Dated incidents", "Share given",
                  "unknown", "share", "million tonnes", "Other Dakar", "carries", "goods", "fuel split",
                  "Tankers", "per day", "Period", "official count", "Before the", "work out", "ceiling",
                  "Bars", "Markers", "Blue", "Per-day"],
    # the alt text, cut-off and CSV lines every figure carries (widgets/figures/meta.py)
    "meta": ["Map", "Bar chart", "Line chart", "Dot chart", "Chart", "bars", "places marked",
             "lines drawn", "Highest", "Dates from", "series", "Latest", "cited", "publication date", "among",
             "Rows", "Note", "Published", "Terms"],
}
SENTENCE_WORDS = ["The", "record", "runs", "holds", "dated events", "attacks", "declared", "blockade", "briefing",
                  "routes", "Estimates", "UNHCR", "were reported", "against", "region", "weeks",
                  "strength", "estimated", "corridor measures", "sources give", "pass within", "handles",
                  "Official", "tankers a day", "Where the record stops", "silent", "flagged", "rising", "falling"]


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    """The French catalogue compiled from the committed .po, read by widgets.i18n, with French formats."""
    out = tmp_path_factory.mktemp("locale") / "fr" / "LC_MESSAGES"
    out.mkdir(parents=True)
    with PO.open("rb") as po, (out / "briefing.mo").open("wb") as mo:
        write_mo(mo, read_po(po, locale="fr"))
    patch = pytest.MonkeyPatch()
    patch.setattr(paths, "LOCALE", out.parent.parent)
    i18n.reload()
    with fmt.using("fr"):
        yield
    patch.undo()
    i18n.reload()


def _words(text: str, phrases: list[str]) -> list[str]:
    """The English phrases found in `text` as whole words (case-sensitive: 'Map' is a word, 'Mali' is not)."""
    return [p for p in phrases if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text)]


def visible_texts(fig) -> list[str]:
    """What a reader sees of a figure in words: title, axis titles, legend names and titles, annotations (the
    footer without its source titles and publishers, which stay in their own language), hover text, alt text."""
    layout = fig.layout
    meta = layout.meta or {}
    texts = [layout.title.text, meta.get("alt", ""), meta.get("note", ""), meta.get("cutoff_text", "")]
    texts += [layout[k].title.text for k in layout if k.startswith(("xaxis", "yaxis")) and layout[k].title.text]
    texts += [layout.legend.title.text] if layout.legend and layout.legend.title else []
    texts += [a.text for a in layout.annotations if a.name != "source-line"]
    for trace in fig.data:
        if trace.showlegend is not False and trace.name:
            texts.append(trace.name)
        if getattr(trace, "legendgrouptitle", None) is not None:
            texts.append(trace.legendgrouptitle.text)
        if getattr(trace, "hovertemplate", None):
            texts.append(trace.hovertemplate)
    return [plain_text(t) for t in texts if t]


@pytest.fixture(scope="module")
def figures(french):
    return {"overview": FO.examples(), "threat": FT.examples(), "corridors": FC.examples()}


@pytest.mark.parametrize("chapter", ["overview", "threat", "corridors"])
def test_french_figures_keep_no_english_word(figures, chapter) -> None:
    words = ENGLISH[chapter] + ENGLISH["meta"]
    left = {plain_text(fig.layout.title.text)[:40]: found for fig in figures[chapter]
            if (found := _words(" | ".join(visible_texts(fig)), words))}
    assert not left, f"English left in the French {chapter} figures: {left}"


@pytest.mark.parametrize("chapter", ["overview", "threat", "corridors"])
def test_french_figures_write_french_numbers_and_dates(figures, chapter) -> None:
    for fig in figures[chapter]:
        assert fig.layout.separators == ",\u202f", "plotly's own numbers need a decimal comma"
        shown = " ".join(visible_texts(fig))
        assert not re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 20\d\d", shown), shown
    dated = " ".join(fig.layout.meta["cutoff_text"] for fig in figures[chapter])
    assert re.search(r"\d (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.? 20\d\d", dated), dated


def test_french_decimal_comma_where_a_figure_has_decimals(figures) -> None:
    fuel = FC.figure("fuel", FC.chapter_data())
    mean_month = fmt.number(365.25 / 12, 1)
    assert mean_month == "30,4" and mean_month in fuel.layout.meta["note"] and "30.4" not in fuel.layout.meta["note"]
    tonnage = [t for t in FC.figure("shares", FC.chapter_data()).data if t.type == "bar" and t.marker.color][-1]
    assert not any(re.search(r"\d\.\d", str(t)) for t in tonnage.text), tonnage.text


def test_french_sentences_keep_no_english_word(french) -> None:
    events, figures = L.load_events(), L.load_figures()
    summary, lengths, catalogue = L.load_corridor_summary(), L.load_corridor_lengths(), L.load_catalogue()
    d = FC.chapter_data()
    sentences = [*AO.takeaway_sentences(events, figures, summary, lengths), AO.silence_note(events, catalogue),
                 *AT.takeaway_sentences(events, figures), AT.flag_rule_text(),
                 *AC.takeaway_sentences(d.table, d.near, d.by_corridor, d.counts, d.flows, d.shares),
                 AC.record_limits(d.events, "2026-02")]
    left = {s[:50]: found for s in sentences if (found := _words(s, SENTENCE_WORDS))}
    assert not left, f"English left in French sentences: {left}"
    assert all("\u00a0;" in s or ";" not in s for s in sentences), "French sets a no-break space before ';'"


def test_every_french_entry_keeps_the_english_placeholders() -> None:
    with PO.open("rb") as po:
        catalogue = read_po(po, locale="fr")
    wrong = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {ids[0]!r}"
        # the build's own rule: the same placeholders; a plural form may leave out the count ("la ligne suivante")
        wrong += [(ids[0], problem) for problem in placeholder_problems(message)]
    assert not wrong, wrong


def test_french_maps_name_countries_in_french(figures) -> None:
    """Country labels come from the boundary data's French names (Natural Earth NAME_FR), not from code."""
    for fig in [figures["overview"][0], figures["threat"][2], figures["corridors"][0]]:
        labels = {str(x) for t in fig.data if t.type == "scattergeo" and t.mode == "text" and t.text is not None
                  for x in ([t.text] if isinstance(t.text, str) else t.text)}
        assert {"MAURITANIE", "SÉNÉGAL"} <= labels and not labels & {"MAURITANIA", "SENEGAL"}, sorted(labels)
