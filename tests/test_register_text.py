"""The register's texts in French (widgets/register_text.py): every shown text translated, placeholders and ids kept,
English untouched, and the Babel extraction that builds the template."""

from __future__ import annotations

import html
import os
import tomllib
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from widgets import currency, fmt
from widgets import register_text as R
from widgets.analysis.editorial import placeholders
from widgets.loaders import load_catalogue
from widgets.paths import CATALOGUE, RAW_FILES, ROOT
from widgets.ui.catalogue_table import sources_browser

IDS = re.compile(r"\b(?:[A-Z]{1,2}-)?[A-Z]{1,3}\d{3}\b")  # register ids: E031, G039, F-S146, SC1 excluded (no 3 digits)


@pytest.fixture
def french():
    R.reload()
    with fmt.using("fr"):
        yield
    R.reload()


def _messages() -> list:
    return [m for m in R.read_catalogue("fr") if m.id]


def test_every_shown_register_text_has_a_french_translation():
    missing = R.untranslated("fr")
    assert not missing, ("register texts with no French (run the extract/update commands in "
                         "widgets/register_text.py and translate):\n" + "\n".join(
                             f"{', '.join(rows)}: {text[:80]!r}" for text, rows in missing.items()))


def test_a_changed_or_added_register_text_is_reported_untranslated():
    # A copy of the register with one judgement reworded and one gap added: both must show up as untranslated.
    tables = {key: pd.read_csv(R.shown_file(key), dtype=str).fillna("") for key in R.SHOWN}
    tables["judgements"].loc[0, "text"] += " (edited)"
    added = {c: "" for c in tables["gaps"].columns} | {"gap_id": "GAP99", "topic": "fuel", "gap": "A new gap.",
                                                       "consequence": "Shown as unknown."}
    tables["gaps"] = pd.concat([tables["gaps"], pd.DataFrame([added])], ignore_index=True)
    before = R.untranslated("fr")  # empty when the catalogue is complete (the test above)
    missing = R.untranslated("fr", R.shown_texts(tables))
    first = tables["judgements"].loc[0]
    assert missing == before | {first["text"]: [f"judgements {first['item_id']} text"],
                                "A new gap.": ["gaps GAP99 gap"], "Shown as unknown.": ["gaps GAP99 consequence"]}


def test_each_translation_keeps_the_placeholders_of_its_english():
    wrong = [(m.id, placeholders(m.id), placeholders(m.string)) for m in _messages()
             if m.string and Counter(placeholders(m.id)) != Counter(placeholders(m.string))]
    assert not wrong, wrong


def test_each_translation_keeps_the_ids_its_english_names():
    wrong = [(m.id[:60], sorted(Counter(IDS.findall(m.id)) - Counter(IDS.findall(m.string))))
             for m in _messages() if m.string and Counter(IDS.findall(m.id)) != Counter(IDS.findall(m.string))]
    assert not wrong, wrong


def _numbers(text: str) -> Counter:
    """The digit runs a text types, whatever its separators: '1,387' and '1 387' both give 1 and 387, '54.8' and
    '54,8' both 54 and 8, so a number changed or dropped in translation shows, a separator changed does not."""
    text = IDS.sub("", re.sub(r"\{[^}]*\}", "", text))  # placeholders and ids are checked on their own
    return Counter(re.findall(r"\d+", text))


def test_each_translation_keeps_the_numbers_its_english_types():
    wrong = [(m.id[:60], _numbers(m.id), _numbers(m.string)) for m in _messages()
             if m.string and _numbers(m.id) != _numbers(m.string)]
    assert not wrong, wrong


def test_translate_gives_french_on_a_french_page_and_english_otherwise(french):
    text = pd.read_csv(RAW_FILES["judgements"], dtype=str).loc[0, "text"]
    french_text = R.translate(text)
    assert french_text != text and "presque certainement" in french_text
    with fmt.using("en"):
        assert R.translate(text) == text
    assert R.translate("") == "" and R.translate("Not in the register.") == "Not in the register."


def test_translate_reads_the_compiled_catalogue(tmp_path: Path, monkeypatch, french):
    written = R.compile_register(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == ["fr/LC_MESSAGES/register.mo"]
    monkeypatch.setattr(R, "LOCALE_DIR", tmp_path)
    R.reload()
    gap = pd.read_csv(RAW_FILES["gaps"], dtype=str).loc[0, "consequence"]
    assert R.translate(gap) == R.read_catalogue("fr")[gap].string != gap


def test_a_po_edited_after_the_build_wins_over_the_stale_mo(tmp_path: Path, monkeypatch, french):
    compiled, source = tmp_path / "compiled", tmp_path / "source"
    R.compile_register(compiled)
    catalogue = R.read_catalogue("fr")
    gap = pd.read_csv(RAW_FILES["gaps"], dtype=str).loc[0, "gap"]
    catalogue[gap].string = "Nouvelle traduction."
    po = source / "fr" / "LC_MESSAGES" / "register.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as f:
        write_po(f, catalogue)
    mo = compiled / "fr" / "LC_MESSAGES" / "register.mo"
    os.utime(po, (mo.stat().st_mtime + 10, mo.stat().st_mtime + 10))
    monkeypatch.setattr(R, "LOCALE_DIR", compiled)
    monkeypatch.setattr(R, "SOURCE_LOCALE_DIR", source)
    R.reload()
    assert R.translate(gap) == "Nouvelle traduction."


def test_translate_table_translates_only_the_shown_columns(french):
    gaps = pd.read_csv(RAW_FILES["gaps"], dtype=str)
    out = R.translate_table(gaps, "gaps")
    assert out["gap_id"].tolist() == gaps["gap_id"].tolist()
    assert (out["gap"] != gaps["gap"]).all() and (out["consequence"] != gaps["consequence"]).all()


def test_babel_extraction_names_each_row_and_matches_the_template():
    with (ROOT / "babel-register.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = {}
    for _, _, message, comments, _ in extract_from_dir(str(ROOT), method_map, options_map):
        found.setdefault(message, []).extend(comments)
    assert set(found) == set(R.shown_texts())
    first = pd.read_csv(RAW_FILES["judgements"], dtype=str).iloc[0]
    assert f"judgements.csv {first['item_id']} text" in found[first["text"]]
    with R.TEMPLATE.open("rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    assert template == set(found), "widgets/locale/register.pot is stale: re-run the extract command"


def test_a_mapping_naming_a_missing_column_says_so(tmp_path: Path):
    table = tmp_path / "gaps.csv"
    table.write_text("gap_id,gap\nGAP1,Nothing.\n", encoding="utf-8")
    with table.open("rb") as f, pytest.raises(ValueError, match="no column consequence"):
        list(R.extract(f, {}, [], {"id": "gap_id", "columns": "gap consequence"}))


# The house's estimative language in French (issue 17): each judgement's French keeps its English term's strength.
ESTIMATIVE_FR = {
    "almost certainly": "presque certainement", "very likely": "très probablement", "most likely": "très probablement",
    "likely": "probablement", "probably": "probablement", "plausible": "plausible", "may": "pourrait",
    "cannot be judged": "impossible", "not reliably known": "mal connu", "unknown": "inconnu",
}


def test_each_judgement_keeps_its_estimative_term_in_french(french):
    items = pd.read_csv(RAW_FILES["judgements"], dtype=str).fillna("")
    judgements = items[items["kind"] == "judgement"]
    wrong = [(r.item_id, r.estimative_term, R.translate(r.text)[:80]) for r in judgements.itertuples()
             if ESTIMATIVE_FR[r.estimative_term] not in R.translate(r.text)]
    assert not wrong, wrong


def test_summaries_sources_kind_and_terms_and_the_catalogue_cadence_are_shown_texts():
    # The what-changed panel's summaries, the sources table's kind and terms, the edition stamp's cadence: a changed
    # text in each must be reported untranslated (so an edition cannot bring them back in English).
    tables = {key: pd.read_csv(R.shown_file(key), dtype=str).fillna("") for key in R.SHOWN}
    tables["events"].loc[0, "summary"] += " (edited)"
    tables["sources_figures"].loc[0, "terms"] += " (edited)"
    tables["sources_events"].loc[0, "kind"] = "podcast"
    catalogue = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))
    catalogue["datasets"]["events"]["cadence"] = "reviewed weekly"
    tables["catalogue"] = catalogue
    missing = R.untranslated("fr", R.shown_texts(tables))
    event, source, figure_source = tables["events"].loc[0], tables["sources_events"].loc[0], \
        tables["sources_figures"].loc[0]
    assert missing == {event["summary"]: [f"events {event['event_id']} summary"],
                       figure_source["terms"]: [f"sources_figures {figure_source['source_id']} terms"],
                       "podcast": [f"sources_events {source['source_id']} kind"],
                       "reviewed weekly": ["catalogue events cadence"]}


def test_the_stamp_cadence_and_the_freshness_table_are_french_on_a_french_page(french):
    judged = currency.Currency(cutoff=currency.Cutoff(day=date(2026, 2, 1), fact_id="E080", kind="event"),
                               today=date(2026, 3, 1), cadence_days=30,
                               cadence="reviewed monthly while the crisis lasts")
    assert "revu chaque mois tant que dure la crise" in judged.rule()
    with fmt.using("en"):
        assert "reviewed monthly while the crisis lasts" in judged.rule()


def test_the_sources_browser_shows_kind_and_terms_in_french(french):
    table = load_catalogue().sources_table()
    shown = sources_browser.live(table).children[2].value
    assert "article de presse\u00a0: citer les faits, ne pas reproduire le texte" in html.unescape(shown)
    assert "news article: cite facts" not in html.unescape(shown)


def test_the_threat_pages_unplaced_events_and_map_hover_are_french(french):
    from widgets import loaders as L
    from widgets.analysis import threat as A
    from widgets.figures import threat as F
    events = L.load_events()
    table = A.unresolved_table(L.load_events_unresolved(), events)
    shown = " ".join(table.astype(str).to_numpy().ravel())
    assert "absents du répertoire toponymique" in shown
    assert "not in gazetteer" not in shown and "Place not stated in the source" not in shown
    hovers = " ".join(F._hover(events))
    assert "Entre Diboli et Kayes, à environ 7\u00a0km au sud d'Ambidédi" in hovers
    assert "Between Diboli and Kayes" not in hovers


def test_each_translation_keeps_the_about_of_its_english():
    # '~' means "about": 19 French notes had turned it into a no-break space, so "~80%" read as an exact 80 %.
    about = ("~", "environ", "quelque", "près de", "vers", "approximativement")
    lost = [m.id for m in _messages() if "~" in m.id and not any(w in m.string for w in about)]
    assert lost == []
