"""The vocabulary is defined once and every layer uses it: one definition of an attack counted the same way on every
page, one snapping radius, one capital, one way to read `;`-joined id lists, and no layer importing one above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets import vocabulary as V
from widgets.analysis import corridors_chapter, gold, overview

PACKAGE = Path(V.__file__).parent


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> set[str]:
    """Every `widgets…` module a file imports (absolute imports only; the package uses no relative ones)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return {n for n in names if n.split(".")[0] == "widgets"}


def one_row_per_type() -> pd.DataFrame:
    """One dated, located row of every event type, each naming a gold mine (so the gold page may count it)."""
    types = list(V.EVENT_TYPES)
    return pd.DataFrame({
        "event_id": [f"E{i:03d}" for i in range(len(types))], "event_type": types,
        "date_start": pd.Timestamp("2025-10-01"), "date_end": pd.NaT, "date_precision": "day",
        "place": "Loulo", "summary": "an incident", "admin1": "Kayes", "corridor": "none",
        "place_names": "Kayes", "location_precision": "town", "lon": -11.4, "lat": 14.4, "snapped": True,
        "source_ids": "S001", "confidence": "high",
    })


def test_every_page_counts_the_same_attacks():
    events = one_row_per_type()
    attacks = set(V.ATTACK_TYPES)
    assert set(overview.attack_rows(events)["event_type"]) == attacks
    assert set(overview.attack_points(events)["event_type"]) == attacks
    assert set(corridors_chapter.road_incidents(events)["event_type"]) == attacks
    assert gold.mine_site_attacks(events) == len(attacks)
    assert [t for t in V.EVENT_TYPES if V.is_attack(t)] == sorted(attacks)


def test_attack_groups_are_made_of_register_types():
    assert set(V.ATTACK_TYPES) <= set(V.EVENT_TYPES)
    assert set(V.CONVOY_ATTACK_TYPES) <= set(V.ATTACK_TYPES)  # convoy attacks are attacks
    assert not set(V.STATE_STRIKE_TYPES) & set(V.ATTACK_TYPES)  # the army's strikes are another actor's claims
    family_types = [t for types in V.TYPE_FAMILIES.values() for t in types]
    assert sorted(family_types) == sorted(V.EVENT_TYPES)  # every type in exactly one family
    assert set(V.TYPE_LABELS) == set(V.EVENT_TYPES)


def _literal_assignments() -> list[tuple[Path, str, object]]:
    """(file, name, value) of every module-level NAME = <literal> outside the vocabulary."""
    out = []
    for path in _modules():
        if path.name == "vocabulary.py":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, ast.AnnAssign) and node.value is not None else []
            for target in targets:
                if isinstance(target, ast.Name):
                    try:
                        out.append((path, target.id, ast.literal_eval(node.value)))
                    except ValueError:
                        pass
    return out


def _as_set(value: object) -> set | None:
    return set(value) if isinstance(value, (list, tuple, set)) and all(isinstance(v, str) for v in value) else None


def test_the_vocabulary_is_not_typed_again_elsewhere():
    again = []
    for path, name, value in _literal_assignments():
        where = f"{path.relative_to(PACKAGE.parent)}: {name}"
        if "SNAP" in name and value == V.SNAP_KM:
            again.append(f"{where} (snapping radius)")
        if value == V.CAPITAL:
            again.append(f"{where} (the capital)")
        if _as_set(value) in (set(V.ATTACK_TYPES), set(V.EVENT_TYPES)):
            again.append(f"{where} (event types)")
        if value == V.CHAPTERS:
            again.append(f"{where} (chapter list)")
    assert not again, "defined in widgets/vocabulary.py; import it instead:\n" + "\n".join(again)


def test_no_layer_imports_one_above_it():
    problems = []
    for path in _modules():
        rel = path.relative_to(PACKAGE).as_posix()
        imported = _imports(path)
        if rel == "vocabulary.py" and imported:
            problems.append(f"vocabulary.py imports {sorted(imported)}: it is the bottom of the house")
        if rel.startswith("analysis/"):
            problems += [f"{rel} imports {m}" for m in imported
                         if m.startswith(("widgets.ui", "widgets.figures", "widgets.export"))]
    assert not problems, "\n".join(problems)


IDS = st.lists(st.text(alphabet=st.characters(blacklist_characters=";,", blacklist_categories=["Cs"]), max_size=6))


@given(IDS)
def test_split_ids_reads_back_what_was_joined(ids):
    """One rule for every `;`-joined list: the ids come back stripped, in order, blanks dropped."""
    assert V.split_ids(";".join(ids)) == [i.strip() for i in ids if i.strip()]


@pytest.mark.parametrize("missing", [None, float("nan"), ""])
def test_split_ids_of_a_missing_cell_is_empty(missing):
    assert V.split_ids(missing) == []


def test_split_ids_with_commas_and_unique_ids():
    assert V.split_ids("C012, C018;C067", ",;") == ["C012", "C018", "C067"]
    assert V.unique_ids(["S1;S2", "S2;S3", None]) == ["S1", "S2", "S3"]


def test_corridor_contract_holds_the_vocabulary_names():
    from widgets import contracts

    good = pd.DataFrame({"corridor_id": ["dakar", "segou"], "corridor": [V.DAKAR_CORRIDOR, "Ségou–Bamako"],
                         "origin": ["Dakar", "Ségou"], "destination": [V.CAPITAL, V.CAPITAL]})
    contracts.validate(good, contracts.CORRIDORS)
    with pytest.raises(contracts.ContractError, match="destination"):
        contracts.validate(good.assign(destination=["Bamako", "Kati"]), contracts.CORRIDORS)
    with pytest.raises(contracts.ContractError, match=V.DAKAR_CORRIDOR):
        contracts.validate(good.assign(corridor=["Dakar–Bamako", "Ségou–Bamako"]), contracts.CORRIDORS)


def test_the_methods_page_states_the_one_definition():
    from widgets.analysis.methods import attack_definition

    text = attack_definition()
    counted, not_counted = text.split("Not counted as attacks:")
    assert all(V.TYPE_LABELS[t].lower() in counted for t in V.ATTACK_TYPES)
    assert all(V.TYPE_LABELS[t].lower() in not_counted for t in V.EVENT_TYPES if t not in V.ATTACK_TYPES)
    assert not any(V.TYPE_LABELS[t].lower() in not_counted for t in V.ATTACK_TYPES)


def test_the_build_reruns_when_the_vocabulary_changes():
    """The build snaps with SNAP_KM and checks corridors against CAPITAL: its fingerprint must cover this file."""
    from widgets import build

    assert Path(V.__file__).resolve() in {p.resolve() for p in build._code_files()}
