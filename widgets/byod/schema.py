"""Bring-your-own-data: the two accepted layouts (ACLED, UCDP GED), the limits and the row checks (pandera).

Everything here is declarative; `loader.py` does the reading. Values are read as text and checked element by
element, so one bad cell gives one plain-words problem naming its row and column, never an exception.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import pandera.pandas as pa

from widgets import fmt
from widgets.i18n import _

# 50 MB: a full country-year ACLED or UCDP GED export for Mali is a few MB at most, so 50 MB is far larger than
# any legitimate upload while still keeping a browser session from being tied up parsing a huge file.
MAX_BYTES = 50 * 1024 * 1024
# Rows as well as bytes: a kernel's memory grows with the rows (each cell a Python string until the events are
# built), and a file of short rows packs many under the byte limit. Far above a country-year export; the README's
# kernel sizing is measured with uploads at this limit (tests/measure_upload_memory.py).
MAX_ROWS = 100_000

# The area this briefing maps: West Africa, as a lon/lat bounding box (degrees, WGS84). It spans Senegal's
# coast (~-17.5°) to Niger/Nigeria's western border area (4.5°) and the Gulf of Guinea coast (4°) to the
# northern tip of Mali/Mauritania (25.5°). A point outside it cannot be shown on the briefing's maps.
REGION_LON = (-18.0, 4.5)
REGION_LAT = (4.0, 25.5)

# One event with more deaths than this is almost certainly a typo or a corrupt cell, not a real count.
MAX_FATALITIES = 100_000

# Only this many problems are listed one by one; the rest are summed up in a final line.
MAX_LISTED_PROBLEMS = 200

ORIGIN = "your data"

# The briefing's event schema, in order.
EVENT_COLUMNS = ["event_id", "date_start", "date_end", "event_type", "actor", "target", "place", "admin1",
                 "country", "lat", "lon", "fatalities", "summary", "source", "origin", "producer"]

DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f",
                "%Y-%m-%dT%H:%M:%S")
# Years outside this range are typos or corrupt cells (and would not fit a pandas timestamp at the extremes).
DATE_YEARS = (1900, 2100)

# Markup in a text cell: a tag, a javascript: link or an inline event handler. Kept as text, flagged as a note.
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?][^<>]*>?|javascript\s*:|\bon[a-z]+\s*=", re.IGNORECASE)

UCDP_VIOLENCE = {"1": "state-based violence", "2": "non-state violence", "3": "one-sided violence"}

# Values read otherwise than written, each named in a note (loader._name_reinterpreted): a coordinate with a
# decimal comma (semicolon-separated European exports) and a count with commas between thousands ("1,000").
DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d+")
THOUSANDS = re.compile(r"[-+]?\d{1,3}(,\d{3})+")


@dataclass(frozen=True)
class Layout:
    """One producer's export layout: the columns it must have, the ones used if present, and the mapping."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    id_column: str
    date_columns: tuple[str, ...]
    text_columns: tuple[str, ...]  # free-text cells scanned for markup
    coordinate_columns: tuple[str, ...] = ("latitude", "longitude")
    count_columns: tuple[str, ...] = ("fatalities",)

    @property
    def known(self) -> tuple[str, ...]:
        return self.required + self.optional


ACLED = Layout(
    name="ACLED",
    required=("event_id_cnty", "event_date", "event_type", "actor1", "latitude", "longitude", "fatalities"),
    optional=("sub_event_type", "actor2", "admin1", "admin2", "location", "country", "geo_precision",
              "time_precision", "source", "notes", "disorder_type", "iso", "region", "admin3", "timestamp"),
    id_column="event_id_cnty",
    date_columns=("event_date",),
    text_columns=("event_type", "sub_event_type", "actor1", "actor2", "admin1", "location", "country", "source",
                  "notes"),
)

UCDP = Layout(
    name="UCDP GED",
    required=("id", "date_start", "date_end", "type_of_violence", "side_a", "latitude", "longitude", "best"),
    optional=("side_b", "where_coordinates", "where_prec", "date_prec", "low", "high", "adm_1", "adm_2", "country",
              "source_headline", "source_original", "source_article", "where_description", "conflict_name",
              "dyad_name", "year", "relid"),
    id_column="id",
    date_columns=("date_start", "date_end"),
    text_columns=("side_a", "side_b", "where_coordinates", "adm_1", "country", "source_headline",
                  "source_original", "where_description"),
    count_columns=("best",),
)

LAYOUTS = (ACLED, UCDP)


# ---- element parsers (return None when the cell cannot be read) --------------------------------------------

@functools.lru_cache(maxsize=65_536)  # an export repeats the same few hundred dates over thousands of rows
def _parse_date_cached(value: str) -> datetime | None:
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if DATE_YEARS[0] <= parsed.year <= DATE_YEARS[1]:
            return parsed
    return None


def parse_date(text: str) -> datetime | None:
    return _parse_date_cached(str(text).strip())


def parse_coordinate(text: str) -> float | None:
    """A coordinate: a decimal comma ('14,4469') is read as a decimal point."""
    value = str(text).strip()
    return _parse_number_cached(value.replace(",", ".") if DECIMAL_COMMA.fullmatch(value) else value)


def parse_count(text: str) -> float | None:
    """A count: commas between thousands ('1,000') are dropped; any other comma ('1,5') stays and is no number."""
    value = str(text).strip()
    return _parse_number_cached(value.replace(",", "") if THOUSANDS.fullmatch(value) else value)


@functools.lru_cache(maxsize=65_536)  # counts and the coordinates of a place repeat across rows
def _parse_number_cached(value: str) -> float | None:
    if len(value) > 40:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def id_key(text: object) -> str:
    """An event id as duplicates are found: without the spaces around it, upper and lower case alike."""
    return str(text).strip().casefold()


def _num_ok(check, parse=parse_coordinate):
    """A range check that passes cells which are not numbers at all (those get their own 'not a number' problem)."""
    def inner(text: str) -> bool:
        number = parse(text)
        return number is None or check(number)
    return inner


def _blank_ok(check):
    def inner(text: str) -> bool:
        return str(text).strip() == "" or check(text)
    return inner


# ---- named checks and the plain-words message each one gives --------------------------------------------

def _check(name: str, fn) -> pa.Check:
    return pa.Check(fn, element_wise=True, name=name)


NOT_BLANK = _check("not_blank", lambda v: str(v).strip() != "")
DATE = _check("date", _blank_ok(lambda v: parse_date(v) is not None))
NUMBER = _check("number", _blank_ok(lambda v: parse_coordinate(v) is not None))
COUNT_NUMBER = _check("number", _blank_ok(lambda v: parse_count(v) is not None))
LAT_RANGE = _check("lat_range", _num_ok(lambda x: -90 <= x <= 90))
LON_RANGE = _check("lon_range", _num_ok(lambda x: -180 <= x <= 180))
LAT_REGION = _check("lat_region", _num_ok(lambda x: not -90 <= x <= 90 or REGION_LAT[0] <= x <= REGION_LAT[1]))
LON_REGION = _check("lon_region", _num_ok(lambda x: not -180 <= x <= 180 or REGION_LON[0] <= x <= REGION_LON[1]))
COUNT = _check("count", _num_ok(lambda x: x >= 0 and x == int(x) and x <= MAX_FATALITIES, parse_count))
VIOLENCE = _check("violence", _blank_ok(lambda v: str(v).strip() in UCDP_VIOLENCE))

def messages() -> dict[str, str]:
    """What a failed check says about a cell ('the value … {message}'), in the page's language."""
    return {
        "not_blank": _("is empty, but a value is needed"),
        "date": _("is not a date that can be read (expected a date such as 2025-09-14 or 14 September 2025, between "
                  "{first} and {last})").format(first=DATE_YEARS[0], last=DATE_YEARS[1]),
        "number": _("is not a number"),
        "lat_range": _("is not a possible latitude (it must be between -90 and 90)"),
        "lon_range": _("is not a possible longitude (it must be between -180 and 180)"),
        "lat_region": _("is outside the West Africa area this briefing maps (latitude {low} to {high})").format(
            low=f"{REGION_LAT[0]:g}", high=f"{REGION_LAT[1]:g}"),
        "lon_region": _("is outside the West Africa area this briefing maps (longitude {low} to {high})").format(
            low=f"{REGION_LON[0]:g}", high=f"{REGION_LON[1]:g}"),
        "count": _("is not a whole number of deaths between 0 and {high}").format(high=fmt.number(MAX_FATALITIES)),
        "violence": _("is not a UCDP type of violence (expected 1, 2 or 3)"),
        "date_order": _("ends before it starts (date_end is earlier than date_start)"),
    }


def _dates_in_order(frame: pd.DataFrame) -> pd.Series:
    start = [parse_date(v) for v in frame["date_start"]]  # a list: a Series would turn None into NaT
    end = [parse_date(v) for v in frame["date_end"]]
    return pd.Series([s is None or e is None or e >= s for s, e in zip(start, end)], index=frame.index)


def _col(*checks, unique: bool = False) -> pa.Column:
    return pa.Column(str, checks=list(checks), unique=unique, report_duplicates="exclude_first", nullable=False)


def _coordinates() -> dict[str, pa.Column]:
    return {"latitude": _col(NOT_BLANK, NUMBER, LAT_RANGE, LAT_REGION),
            "longitude": _col(NOT_BLANK, NUMBER, LON_RANGE, LON_REGION)}


ROW_SCHEMAS = {
    "ACLED": pa.DataFrameSchema({
        "event_id_cnty": _col(NOT_BLANK, unique=True),
        "event_date": _col(NOT_BLANK, DATE),
        **_coordinates(),
        "fatalities": _col(NOT_BLANK, COUNT_NUMBER, COUNT),
    }, name="ACLED upload"),
    "UCDP GED": pa.DataFrameSchema({
        "id": _col(NOT_BLANK, unique=True),
        "date_start": _col(NOT_BLANK, DATE),
        "date_end": _col(NOT_BLANK, DATE),
        "type_of_violence": _col(NOT_BLANK, VIOLENCE),
        **_coordinates(),
        "best": _col(NOT_BLANK, COUNT_NUMBER, COUNT),
    }, checks=[pa.Check(_dates_in_order, name="date_order")], name="UCDP GED upload"),
}


def citation(layout: str, filename: str) -> str:
    """The producer's citation rule, in plain words; the download date is read from the file name if it has one."""
    dates = re.findall(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)", filename or "")
    when = (_("from the file name: {day}, check it is the day you downloaded the file").format(day=dates[-1])
            if dates else _("the file name does not give it; add the day you downloaded the file"))
    if layout == "ACLED":
        return _("ACLED: cite as Armed Conflict Location & Event Data (ACLED), with the date of download ({when}), "
                 "following ACLED's terms of use for the account the export came from.").format(when=when)
    if layout == "UCDP GED":
        return _("UCDP GED: cite the Uppsala Conflict Data Program (UCDP) Georeferenced Event Dataset, naming the "
                 "dataset version you downloaded and its reference article as listed on UCDP's download page, with "
                 "the date of download ({when}).").format(when=when)
    return ""
