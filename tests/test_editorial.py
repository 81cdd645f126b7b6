"""The editorial register (key judgements and watch lists): its contract, its placeholders and its use by the pages."""

from __future__ import annotations

import pandas as pd
import pytest

from widgets import contracts, loaders
from widgets.analysis import editorial as E
from widgets.vocabulary import CHAPTERS, Judgement

COLUMNS = ["item_id", "chapter", "kind", "estimative_term", "confidence", "text", "evidence", "cited_ids"]


def items(*rows: dict) -> pd.DataFrame:
    base = {"item_id": "01-J1", "chapter": "01_threat", "kind": "judgement", "estimative_term": "likely",
            "confidence": "moderate", "text": "JNIM likely held the road.", "evidence": "E001.", "cited_ids": "E001"}
    return pd.DataFrame([base | r for r in rows], columns=COLUMNS)


@pytest.fixture
def register() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    events = pd.DataFrame({"event_id": ["E001", "E002"]})
    figures = pd.DataFrame({"figure_id": ["G039"], "value": ["42.2"], "value_low": [""], "value_high": [""],
                            "unit": ["tonnes"], "notes": [""]})
    sources = pd.DataFrame({"source_id": ["S001"]})
    return events, figures, sources


def test_a_good_register_passes(register):
    frame = items({}, {"item_id": "01-W1", "kind": "watch", "estimative_term": "", "confidence": "",
                       "text": "More reports like S001.", "evidence": "", "cited_ids": "S001"})
    contracts.validate(frame, contracts.JUDGEMENTS)
    contracts.check_judgements(frame, *register)


@pytest.mark.parametrize("row, message", [
    ({"cited_ids": "E001;E999"}, "cites unknown id E999"),
    ({"evidence": "E001 and E002."}, "names E002 without citing it"),
    ({"text": "JNIM held the road."}, "estimative term 'likely' is not in its text"),
    ({"confidence": ""}, "a judgement without a confidence"),
    ({"kind": "watch"}, "a watch item carries a confidence"),
])
def test_the_contract_names_each_problem(register, row, message):
    with pytest.raises(contracts.ContractError, match=message):
        contracts.check_judgements(items(row), *register)


def test_the_schema_refuses_an_unknown_chapter():
    with pytest.raises(contracts.ContractError, match="chapter"):
        contracts.validate(items({"chapter": "09_elsewhere"}), contracts.JUDGEMENTS)


def test_placeholders_are_filled_from_figures_and_computed_values(register):
    _events, figures, _sources = register
    text = "The 2025 total of {G039} is provisional; our sources end in {sources_end}."
    assert E.fill(text, {"sources_end": "March 2026"}, figures) == \
        "The 2025 total of 42.2 t [G039] is provisional; our sources end in March 2026."
    with pytest.raises(E.MissingValue, match="sources_end"):
        E.fill(text, {}, figures)


def test_judgements_and_watch_come_in_register_order():
    frame = items({"item_id": "01-J1", "text": "A is likely."}, {"item_id": "01-J2", "text": "B is likely."},
                  {"item_id": "01-W1", "kind": "watch", "text": "Watch C."})
    assert E.judgements(frame, "01_threat") == [Judgement("A is likely.", "moderate", "E001."),
                                                Judgement("B is likely.", "moderate", "E001.")]
    assert E.watch(frame, "01_threat") == ["Watch C."]
    with pytest.raises(LookupError, match="02_corridors"):
        E.watch(frame, "02_corridors")


def test_every_chapter_renders_its_shipped_items_with_every_placeholder_filled():
    """What the pages call, on the built data: a placeholder no page fills would raise MissingValue here."""
    from widgets.analysis import gold_page, overview

    table, figures, events = loaders.load_judgements(), loaders.load_figures(), loaders.load_events()
    sources, regions = loaders.load_sources(), list(loaders.load_regions()["name_std"])
    rendered = {
        "00_overview": (overview.key_judgements(table, events, figures), overview.watch_items(table, figures)),
        "03_gold": (gold_page.judgement_items(table, figures, sources, events, regions),
                    gold_page.watch_items(table, figures, events)),
    }
    for chapter in ("01_threat", "02_corridors", "04_spillover"):
        rendered[chapter] = (E.judgements(table, chapter), E.watch(table, chapter))
    assert set(rendered) <= {name.removesuffix(".ipynb") for name, _ in CHAPTERS}
    assert set(table["chapter"]) == set(rendered)  # no item filed under a chapter that does not show it
    for chapter, (judged, watched) in rendered.items():
        assert len(judged) >= 3 and len(watched) >= 3, chapter
        assert not any("{" in t for j in judged for t in (j.statement, j.evidence)), chapter
        assert not any("{" in t for t in watched), chapter
