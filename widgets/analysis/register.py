"""The figures register read as a chapter reads it: dates named in the free-text `as_of` column, a figure's
value written as the source gave it (qualifier, decimals, unit), one row by id, rows for a reader's table, and the
latest date a set of figures describes.

Pure functions on the figures (and sources) tables; every chapter's analysis module uses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from widgets import fmt
from widgets.i18n import N_, _
from widgets.register_text import metric_label, translate  # units, metrics: the register catalogue

# ---------------------------------------------------------------- dates in `as_of` (free text, best effort)

_DATE = re.compile(r"(?<![\d,.])(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?![\d,])")
_FORWARD = ("forecast", "guidance", "projection", "expected", "target", "feasibility", "design capacity",
            "objective")


@dataclass(frozen=True)
class AsOf:
    """The earliest and latest dates an `as_of` text names, each with its precision (day, month or year)."""

    first: pd.Timestamp
    first_precision: str
    last: pd.Timestamp
    last_precision: str


def parse_as_of(text: str) -> AsOf | None:
    """'2025-11-24' → that day; '2026-02 (decree)' → Feb 2026 (month); 'circa 2020-2021' → 2020…2021 (year);
    'pre-2025' → 2024 (year). Dates are the first day of the period named. None when no year is found."""
    raw = str(text)
    found: list[tuple[pd.Timestamp, str]] = []
    for year, month, day in _DATE.findall(raw):
        y = int(year)
        if not 1990 <= y <= 2100:
            continue
        m = int(month) if month and 1 <= int(month) <= 12 else None
        if m and day and 1 <= int(day) <= 31:
            found.append((pd.Timestamp(y, m, int(day)), "day"))
        elif m:
            found.append((pd.Timestamp(y, m, 1), "month"))
        else:
            found.append((pd.Timestamp(y, 1, 1), "year"))
    if not found:
        return None
    if raw.strip().lower().startswith("pre-"):  # "pre-2025" describes the years before
        found = [(pd.Timestamp(d.year - 1, 1, 1), "year") for d, _precision in found]
    first = min(found, key=lambda t: t[0])
    last = max(found, key=lambda t: t[0])
    return AsOf(first[0], first[1], last[0], last[1])


def is_forward_looking(as_of: str, metric: str = "") -> bool:
    """Forecasts, guidance, targets: their `as_of` is the period aimed at, not a date the data describes."""
    text = f"{as_of} {metric}".lower()
    return any(word in text for word in _FORWARD)


def period_end(start: pd.Timestamp, precision: str) -> pd.Timestamp:
    if precision == "day":
        return start
    if precision == "month":
        return start + pd.offsets.MonthEnd(0)
    return pd.Timestamp(start.year, 12, 31)


@dataclass(frozen=True)
class Cutoff:
    date: pd.Timestamp | None
    label: str


def cutoff(figures: pd.DataFrame, sources: pd.DataFrame, ids: list[str]) -> Cutoff:
    """The latest date described by the (non-forward-looking) figures `ids`.

    A figure dated only to a month or year takes its source's publication day when that day falls inside
    the period (the day the figure was known); otherwise the first day of the period, and the label says so.
    """
    rows = figures[figures["figure_id"].isin(ids)]
    best: tuple[pd.Timestamp, str, pd.Series] | None = None
    for _index, row in rows.iterrows():
        if is_forward_looking(row["as_of"], row["metric"]):
            continue
        parsed = parse_as_of(row["as_of"])
        if parsed is not None and (best is None or parsed.last > best[0]):
            best = (parsed.last, parsed.last_precision, row)
    if best is None:
        return Cutoff(None, _("figure"))
    start, precision, row = best
    if precision == "day":
        return Cutoff(start, _("figure ({id})").format(id=row["figure_id"]))
    published = sources.set_index("source_id")["published"].get(row["source_id"], "")
    pub = parse_as_of(published)
    period = fmt.partial_date(row["as_of"].split(" ")[0]) if precision == "month" else str(start.year)
    if pub is not None and pub.first_precision == "day" and start <= pub.first <= period_end(start, precision):
        return Cutoff(pub.first, _("figure ({id}, dated {period}; reported {day})").format(
            id=row["figure_id"], period=period, day=fmt.day(pub.first)))
    return Cutoff(start, _("figure ({id}, dated {period} only)").format(id=row["figure_id"], period=period))


# ---------------------------------------------------------------- values as text

_QUALIFIERS = (("more than", N_("more than")), ("over", N_("over")), ("at least", N_("at least")),
               ("nearly", N_("nearly")), ("près de", "nearly"), ("almost", N_("almost")), ("around", N_("about")),
               ("about", "about"), ("probably around", "about"))
# Order of qualified values at the same number: "nearly 80" < "80" = "about 80" < "more than 80".
QUALIFIER_RANK = {"nearly": -1, "almost": -1, "": 0, "about": 0, "at least": 0.5, "over": 1, "more than": 1}


def qualifier(unit: str, notes: str) -> str:
    """'more than', 'about', 'nearly'… when the source qualified the number (in the unit's brackets or a
    quoted word at the start of the notes); '' when the number was given plainly."""
    bracket = re.search(r"\(([^)]*)\)", str(unit))
    quoted = re.match(r'\s*"([^"]*)"', str(notes))
    for text in [bracket.group(1) if bracket else "", quoted.group(1) if quoted else ""]:
        low = text.lower().strip()
        for key, word in _QUALIFIERS:
            if low.startswith(key):
                return word
    return ""


def decimals(text: str, strip_zeros: bool = False) -> int:
    """Decimals written in a value as the source gave it ('66.48' → 2, '51.0' → 1); with strip_zeros, for
    numbers stored by the build as floats ('510000.0' → 0)."""
    part = str(text).split(".")
    if len(part) != 2:
        return 0
    return len(part[1].rstrip("0")) if strip_zeros else len(part[1])


def number_text(row: pd.Series) -> str:
    """The value as the source gave it: a number with its decimals, or a low–high range, with its qualifier."""
    if str(row["value"]).strip():
        try:
            body = fmt.number(float(row["value"]), decimals(row["value"]))
        except ValueError:
            body = str(row["value"])
    else:
        low, high = float(row["value_low"]), float(row["value_high"])
        body = (f"{fmt.number(low, decimals(row['value_low'], True))}–"
                f"{fmt.number(high, decimals(row['value_high'], True))}")
    word = qualifier(row["unit"], row["notes"])  # English (it ranks values); shown in the page's language
    return f"{_(word)} {body}" if word else body


def unit_short(unit: str) -> str:
    """The unit without its bracketed qualifier ('percent (around)' → '%')."""
    base = re.sub(r"\s*\([^)]*\)", "", str(unit)).strip()
    if base.startswith("percent"):
        return "%" + base[len("percent"):]
    return {"tonnes": "t"}.get(base, base)


# A unit's bracket words that qualify the number: a sentence says them before it ("about 300,000 persons").
ABOUT_WORDS = {"near", "nearly", "around", "about", "approximately"}
MORE_WORDS = {"more than", "over", "at least"}


def bracket_parts(unit: str) -> list[str]:
    """The clauses of a unit's bracket ('near', 'mainly Malian'), split at commas and semicolons but not inside a
    number ('34,914,680 litres')."""
    bracket = re.search(r"\(([^)]*)\)", str(unit))
    return [p.strip() for p in re.split(r"[,;](?!\d)", bracket.group(1)) if p.strip()] if bracket else []


def unit_rest(unit: str) -> str:
    """The unit's bracket words that are not a qualifier ('mainly Malian' of 'persons (near, mainly Malian)'): what
    a sentence adds after the number once the qualifier has gone before it. A register text (babel-register.cfg)."""
    return ", ".join(p for p in bracket_parts(unit) if p.lower() not in ABOUT_WORDS | MORE_WORDS)


def unit_parts(unit: str) -> tuple[str, str]:
    """(the unit as shown, without its bracket: 'persons'; the bracket's words when they are not a qualifier but a
    basis: 'mainly Malian' of 'persons (near, mainly Malian)', else ''). The register catalogue holds both."""
    bracket = re.search(r"\(([^)]*)\)", str(unit))
    basis = bracket.group(1) if bracket and not qualifier(f"({bracket.group(1)})", "") else ""
    return unit_short(unit), basis


def value_with_unit(row: pd.Series) -> str:
    """'76.5 %', 'about 80 %', '8 % of GDP', '22.5 t', '29 Aug 2023' (dates); a bracket in the unit that is
    not a qualifier (a basis such as 'Barrick attributable, 80%') is kept; unit and basis in the page's language."""
    unit, basis = unit_parts(row["unit"])
    if unit == "date":
        return fmt.partial_date(row["value"])
    basis = f" ({translate(basis)})" if basis else ""
    return f"{number_text(row)} {agreeing(translate(unit), row.get('value_num'))}{basis}"


def agreeing(unit: str, value: object) -> str:
    """The unit as the number before it wants it: French counts below 2 as one ('1 milliard USD', '1,2 million de
    personnes'); the catalogue writes the plural."""
    try:
        one = fmt.language() == "fr" and abs(float(value)) < 2
    except (TypeError, ValueError):
        return unit
    return re.sub(r"^(million|milliard)s\b", r"\1", unit) if one else unit


def unit_words(unit: str) -> str:
    """The figure's unit in the page's language: its unit and basis from the register catalogue ('persons (near,
    mainly Malian)'), a bracket of qualifier words ('more than') from the code's."""
    base, basis = unit_parts(unit)
    # A qualifier's bracket may carry other words too ('nearly; mainly from Burkina Faso'): each part from the
    # register catalogue (unit_rest), else from the code's (the qualifier words).
    words = translate(basis) if basis else ", ".join(translate(p) if translate(p) != p else _(p)
                                                     for p in bracket_parts(unit))
    return f"{translate(base)} ({words})" if words else translate(base)


def as_of_words(as_of: str) -> str:
    """A figure's `as_of` for readers, in the page's language: the register's text translated whole (its comment
    too: "under two weeks to 13 Nov"), then its ISO dates spelled out ('2025-09 (report date)' → 'Sep 2025 (report
    date)', '2025-10-end' → 'end Oct 2025'). The translations keep the ISO dates, so both languages spell them."""
    text = translate(str(as_of))
    text = re.sub(r"\b(\d{4})-(\d{2})/(\d{2})\b", lambda m: f"{m[1]}-{m[2]}–{m[1]}-{m[3]}", text)  # 2025-09/10
    text = re.sub(r"\b(\d{4}-\d{2})-end\b", lambda m: _("end {month}").format(month=fmt.partial_date(m.group(1))), text)
    return re.sub(r"\b\d{4}-\d{2}(?:-\d{2})?\b(?!-\d)", lambda m: fmt.partial_date(m.group(0)), text).strip()


def figure_row(figures: pd.DataFrame, figure_id: str) -> pd.Series | None:
    """One figure row by id, or None when the id is not there (a page then says "not found in our sources")."""
    hit = figures[figures["figure_id"] == figure_id]
    return None if hit.empty else hit.iloc[0]


def row(figures: pd.DataFrame, figure_id: str) -> pd.Series:
    """One figure row by id (KeyError naming the id when absent)."""
    found = figure_row(figures, figure_id)
    if found is None:
        raise KeyError(f"figure {figure_id} is not in the figures table")
    return found


def rows_by_id(figures: pd.DataFrame, ids: list[str], metrics: dict[str, str] | None = None) -> pd.DataFrame:
    """The rows for `ids`, indexed by id, in that order. Every id must be there (KeyError) and, where `metrics`
    names the metric an id must carry, carry it (ValueError): a register that renumbers rows fails loudly."""
    table = figures.set_index("figure_id")
    missing = [i for i in ids if i not in table.index]
    if missing:
        raise KeyError(f"figures not in the register: {missing}")
    wrong = [i for i in ids if i in (metrics or {}) and table.at[i, "metric"] != metrics[i]]
    if wrong:
        raise ValueError(f"figure ids whose metric changed: {wrong}")
    return table.loc[ids]


def pct_change(new: float, old: float) -> float:
    """Percentage change from old to new."""
    if old == 0:
        raise ZeroDivisionError("percentage change from zero")
    return (new / old - 1.0) * 100.0


def rows_table(figures: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Rows for a reader's table: what, value as given, as of, confidence, notes, ids; in the order of `ids`."""
    out = []
    for fid in ids:
        r = row(figures, fid)
        out.append({"What": metric_label(r["metric"]), "Value (as given)": value_with_unit(r),
                    "As of": r["as_of"], "Confidence": r["confidence"], "Notes": r["notes"],
                    "Figure": fid, "Source": r["source_id"]})
    return pd.DataFrame(out)
