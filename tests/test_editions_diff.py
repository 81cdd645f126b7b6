"""'What changed' between two small synthetic editions (rows added, revised, withdrawn; reasons; side by side)."""

import pandas as pd

from widgets.analysis.changes import flag_moves
from widgets.editions.diff import Register, compare, statement_changes


def register(number: int, events: list[dict], figures: list[dict]) -> Register:
    ev = pd.DataFrame(events)
    ev["date_start"] = pd.to_datetime(ev["date_start"])
    ev["date_end"] = pd.NaT
    empty = pd.DataFrame({"source_id": ["S1"], "title": ["t"], "publisher": ["p"]})
    return Register(number=number, events=ev, figures=pd.DataFrame(figures), sources=empty,
                    seed_claims=pd.DataFrame({"claim_id": []}), gaps=pd.DataFrame({"gap_id": []}),
                    judgements=pd.DataFrame({"item_id": []}))


def event(event_id: str, day: str, kind: str = "convoy_attack", corridor: str = "Dakar–Kayes–Bamako") -> dict:
    return {"event_id": event_id, "date_start": day, "date_precision": "day", "event_type": kind,
            "corridor": corridor, "admin1": "Kayes", "summary": f"synthetic {event_id}", "source_ids": "S1",
            "confidence": "low"}


def figure(figure_id: str, value: str, source: str = "S1", metric: str = "m") -> dict:
    return {"figure_id": figure_id, "topic": "gold", "metric": metric, "value": value, "value_low": "",
            "value_high": "", "unit": "tonnes", "as_of": "2025", "source_id": source, "confidence": "high"}


CHANGELOG = pd.DataFrame([
    {"edition": 2, "action": "added", "table": "events", "row_id": "E3", "qualifies": "", "reason": "new attack"},
    {"edition": 2, "action": "revised", "table": "figures", "row_id": "G1", "qualifies": "", "reason": "better source"},
    {"edition": 2, "action": "withdrawn", "table": "figures", "row_id": "G2", "qualifies": "", "reason": "duplicate"},
    {"edition": 2, "action": "added", "table": "figures", "row_id": "U1", "qualifies": "G1", "reason": "company"},
    {"edition": 2, "action": "corrected", "table": "gold", "row_id": "", "qualifies": "", "reason": "wording"}])


def editions():
    old = register(1, [event("E1", "2026-01-01"), event("E2", "2026-01-20")],
                   [figure("G1", "17.5", "S1"), figure("G2", "77")])
    new = register(2, [event("E1", "2026-01-01"), event("E2", "2026-01-20"), event("E3", "2026-03-01")],
                   [figure("G1", "17.5", "S2"), figure("U1", "16.5")])
    return old, new


def test_added_revised_withdrawn_with_reasons_and_side_by_side():
    old, new = editions()
    changes = compare(old, new, CHANGELOG)
    assert list(changes.new_events["event_id"]) == ["E3"] and changes.new_events.at[0, "reason"] == "new attack"
    assert changes.revised.to_dict("records") == [{"table": "figures", "row_id": "G1", "field": "source_id",
                                                   "old": "S1", "new": "S2", "reason": "better source"}]
    assert changes.withdrawn[["row_id", "reason"]].values.tolist() == [["G2", "duplicate"]]
    assert changes.new_figures.at[0, "earlier"] == "G1: 17.5 tonnes, 2025 [S1]"  # both values, neither picked
    assert changes.corrections.to_dict("records") == [{"page": "gold", "reason": "wording"}]
    assert not changes.empty


def test_a_change_without_a_changelog_line_is_still_shown():
    old, new = editions()
    changes = compare(old, new, CHANGELOG.iloc[0:0])
    assert "G1" in set(changes.revised["row_id"]) and "G2" in set(changes.withdrawn["row_id"])


def test_same_edition_twice_changes_nothing_and_order_matters():
    old, new = editions()
    same = compare(old, Register(**{**old.__dict__, "number": 2}), CHANGELOG[CHANGELOG["action"] != "corrected"])
    assert same.empty
    try:
        compare(new, old, CHANGELOG)
    except ValueError as err:
        assert "earlier edition" in str(err)
    else:
        raise AssertionError("comparing a later edition with an earlier one must fail")


def test_statements_paired_by_position():
    table = statement_changes(["a", "b"], ["a", "b2", "c"])
    assert table.values.tolist() == [["b", "b2"], ["(not in the earlier edition)", "c"]]


def test_flag_moves_on_attacks_only():
    old = register(1, [event(f"A{i}", f"2026-01-{10 + i}") for i in range(3)], [figure("G1", "1")])
    calm = [event(f"A{i}", f"2026-01-{10 + i}") for i in range(3)] + [
        event("S1", "2026-03-20", kind="other")]  # a strike is an event, not an attack
    table = flag_moves(old, register(2, calm, [figure("G1", "1")])).set_index("group")
    assert table.at["Dakar–Kayes–Bamako", "movement"] == "improved"  # rising (3 vs 0) → nothing in the new window
    assert "twice as many reported events" in table.attrs["rule"]  # the thresholds, in words
