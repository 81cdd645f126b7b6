"""Fuzz the bring-your-own-data loader with deterministic bad files: it must never raise.

Every generated file ends in an `UploadResult` with problems or with valid events (or both); events that are
returned always fit the briefing's schema and region, and no problem message carries markup.
"""

import csv
import io
import random
from pathlib import Path

import pandas as pd
import pytest

from widgets.byod import REGION_LAT, REGION_LON, load_upload
from widgets.byod.loader import UploadResult
from widgets.byod.schema import EVENT_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures" / "byod"
BASES = [(FIXTURES / "acled_synthetic.csv").read_bytes(), (FIXTURES / "ucdp_synthetic.csv").read_bytes()]
SEED = 20251125
CASES = 300

GARBAGE_DATES = ["", "someday", "2025-13-45", "31/12/2025", "0000-00-00", "9999-99-99", "1e9", "2025-02-30",
                 "14 Smarch 2025", "0001-01-01", "2025-09-14T99", "\u202e2025-09-14"]
HUGE = ["1e400", "-1e400", "9" * 60, "nan", "inf", "-inf", "1e308", "-0", "0x1F", "12,5,3", "1_000", "  "]
SCRIPTS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "\"><svg onload=x>",
           "=HYPERLINK(\"http://example.invalid\")", "<", "</td></tr>", "{{7*7}}", "${jndi:x}"]
BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf", b"\x00\x00\xfe\xff"]


def _rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8"))))


def _write(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _set_cells(rng: random.Random, content: bytes, names: tuple[str, ...], values: list[str]) -> bytes:
    rows = _rows(content)
    columns = [i for i, c in enumerate(rows[0]) if c in names] or [rng.randrange(len(rows[0]))]
    for row in rows[1:]:
        if rng.random() < 0.7:
            row[rng.choice(columns)] = rng.choice(values)
    return _write(rows)


def truncate(rng, content):
    return content[: rng.randrange(len(content))]


def flip_bytes(rng, content):
    data = bytearray(content)
    for _ in range(rng.randint(1, 12)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def random_delimiter(rng, content):
    return _write(_rows(content), rng.choice([";", "\t", "|", " ", ":", "#"]))


def drop_column(rng, content):
    rows = _rows(content)
    drop = rng.randrange(len(rows[0]))
    return _write([r[:drop] + r[drop + 1:] for r in rows])


def duplicate_column(rng, content):
    rows = _rows(content)
    copy = rng.randrange(len(rows[0]))
    return _write([r + [r[copy]] for r in rows])


def garbage_dates(rng, content):
    return _set_cells(rng, content, ("event_date", "date_start", "date_end"), GARBAGE_DATES)


def huge_numbers(rng, content):
    return _set_cells(rng, content, ("latitude", "longitude", "fatalities", "best", "type_of_violence"), HUGE)


def empty_cells(rng, content):
    rows = _rows(content)
    for row in rows[1:]:
        for i in range(len(row)):
            if rng.random() < 0.3:
                row[i] = ""
    return _write(rows)


def binary_noise(rng, content):
    noise = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4000)))
    return rng.choice([noise, noise + content, content + noise, content[:100] + noise])


def boms(rng, content):
    bom = rng.choice(BOMS)
    if bom in (b"\xff\xfe", b"\xfe\xff") and rng.random() < 0.5:
        return content.decode("utf-8").encode("utf-16")  # a real UTF-16 file
    return bom + content


def script_tags(rng, content):
    rows = _rows(content)
    for row in rows[rng.randrange(1, len(rows)):]:
        row[rng.randrange(len(row))] = rng.choice(SCRIPTS)
    return _write(rows)


def duplicated_ids(rng, content):
    rows = _rows(content)
    rows.append(list(rng.choice(rows[1:])))
    return _write(rows)


def header_games(rng, content):
    header, _, body = content.partition(b"\n")
    return rng.choice([header, header + b"\n", body, b"\n\n" + content, header.upper() + b"\n" + body,
                       content.replace(b"\n", b"\r\n"), content.replace(b"\n", b"\r"), b'"' + content])


MUTATIONS = [truncate, flip_bytes, random_delimiter, drop_column, duplicate_column, garbage_dates, huge_numbers,
             empty_cells, binary_noise, boms, script_tags, duplicated_ids, header_games]


def _case(i: int) -> tuple[bytes, list[str], bool]:
    rng = random.Random(SEED * 1000 + i)
    content = BASES[i % 2]
    # every mutation once on each base, then random stacks of 1-3 (text mutations need a decodable input)
    chosen = [MUTATIONS[i % len(MUTATIONS)]] if i < 2 * len(MUTATIONS) else rng.sample(MUTATIONS, rng.randint(1, 3))
    names = []
    for mutate in chosen:
        try:
            content = mutate(rng, content)
        except (UnicodeDecodeError, ValueError, IndexError, csv.Error):
            continue  # this mutation needs readable CSV; the earlier one made it unreadable
        names.append(mutate.__name__)
    return content, names, rng.random() < 0.5


def _check(result: UploadResult) -> None:
    assert isinstance(result, UploadResult)
    assert result.problems or result.events is not None
    for problem in result.problems:
        assert problem.severity in ("error", "note") and isinstance(problem.message, str) and problem.message
        assert problem.row is None or (isinstance(problem.row, int) and problem.row >= 1)
        assert "<" not in problem.message and ">" not in problem.message
        assert "could not be read (" not in problem.message, "the last-resort catch fired: a loader bug"
    if result.events is None:
        assert result.errors, result.problems
        return
    events = result.events
    assert list(events.columns) == EVENT_COLUMNS and len(events) > 0
    assert events["date_start"].notna().all() and events["date_end"].notna().all()
    assert events["lat"].between(*REGION_LAT).all() and events["lon"].between(*REGION_LON).all()
    assert (events["fatalities"] >= 0).all() and events["event_id"].is_unique
    assert set(events["origin"]) == {"your data"} and result.layout in ("ACLED", "UCDP GED")
    assert pd.api.types.is_datetime64_any_dtype(events["date_start"])


def test_fuzz_never_raises():
    seen: dict[str, int] = {}
    outcomes = {"events": 0, "problems only": 0}
    for i in range(CASES):
        content, names, keep = _case(i)
        for name in names:
            seen[name] = seen.get(name, 0) + 1
        try:
            result = load_upload(content, f"fuzz-{i}.csv", keep_valid_rows=keep, max_bytes=1_000_000)
        except Exception as err:  # pragma: no cover - the failure message is the point
            pytest.fail(f"case {i} ({names}) raised {type(err).__name__}: {err}")
        try:
            _check(result)
        except AssertionError as err:  # pragma: no cover
            raise AssertionError(f"case {i} ({names}): {err}") from err
        outcomes["events" if result.events is not None else "problems only"] += 1
    assert CASES >= 200 and set(seen) == {m.__name__ for m in MUTATIONS}
    assert outcomes["events"] > 0 and outcomes["problems only"] > 0


@pytest.mark.parametrize("mutate", MUTATIONS, ids=lambda m: m.__name__)
def test_each_mutation_is_reported(mutate):
    """Applied alone with a fixed seed, each class of damage that changes the file is noticed (problems), or the
    file is still fully valid (e.g. a UTF-8 BOM, or a column the loader does not use)."""
    for base in BASES:
        rng = random.Random(SEED)
        content = mutate(rng, base)
        result = load_upload(content, "one.csv", keep_valid_rows=False)
        _check(result)
        if content != base and result.events is not None and not result.problems:
            assert len(result.events) == len(_rows(base)) - 1
