"""The register's own words (judgements, watch lists, gaps, seed claims, unplaced events' reasons, figures' "where"
"as of" and notes, events' place and summary, sources' kind and terms, the changelog's reasons and the texts an
edition revised) in the page's language.

These texts are data, changed only by editions, so their French follows them the gettext way, in a domain of its own
("register"): the English text is the msgid, so an edited English text has no French until it is re-translated.

- Extraction: `extract` is a Babel extraction method (mapping `babel-register.cfg`): one message per cell holding words
  of the shown columns, with a comment naming the file, row id and column.
  `pybabel extract -F babel-register.cfg -o widgets/locale/register.pot .` then
  `pybabel update -D register -i widgets/locale/register.pot -d widgets/locale -l fr`.
- Build: `compile_register(out_dir)` writes `<out_dir>/fr/LC_MESSAGES/register.mo` (fuzzy entries left out). Not
  `pybabel compile`: Babel flags any English text with "% o", "% d"… ("80 % of") as python-format and reports the
  French ("80 % de") as a mismatch; these texts are never %-formatted, so its format check does not apply.
- Pages: `translate(text)` gives the French of a register text when `fmt.language() == "fr"`, from the compiled
  `data/processed/locale/fr/LC_MESSAGES/register.mo`, or, when that is not built or older than the `.po`, from the
  `.po` through Babel.
  English, an empty cell and a text with no (or only a fuzzy) translation come back as written.
"""

from __future__ import annotations

import csv
import gettext
import io
import tomllib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

import pandas as pd
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from widgets import fmt
from widgets.paths import CATALOGUE, CHANGELOG, EDITIONS_TABLE, PROCESSED, RAW_FILES, ROOT, edition_snapshot

DOMAIN = "register"
SOURCE_LOCALE_DIR = ROOT / "widgets" / "locale"  # register.pot and <language>/LC_MESSAGES/register.po (committed)
TEMPLATE = SOURCE_LOCALE_DIR / f"{DOMAIN}.pot"
LOCALE_DIR = PROCESSED / "locale"  # compiled catalogues (built with the data)

# Register table → (id column, columns a page shows). Mirrors babel-register.cfg, which Babel's CLI reads.
SHOWN: dict[str, tuple[str, tuple[str, ...]]] = {
    "judgements": ("item_id", ("text", "evidence")),
    "gaps": ("gap_id", ("topic", "gap", "consequence")),
    "seed_claims": ("claim_id", ("claim", "verdict", "explanation")),
    "event_places": ("event_id", ("reason",)),
    # "place (as the sources give it)" (a bare name, 'Léré', is its own French); the summary in the what-changed panel
    "events": ("event_id", ("place", "summary")),
    "figures": ("figure_id", ("geography", "as_of", "notes")),  # the figure tables' "where", "as of" and notes
    # sources: kind and terms of use (methods page), publisher with the register's words about it ("RFI (republished
    # by AllAfrica)", every source line); published titles stay in their own language
    "sources_events": ("source_id", ("kind", "terms", "publisher")),
    "sources_figures": ("source_id", ("kind", "terms", "publisher")),
    "editions": ("edition", ("summary",)),  # data/editions/editions.csv: each edition's summary
}
# Catalogue (data/catalogue.toml) fields a page shows: the event register's cadence, in the edition stamp.
# Catalogue (data/catalogue.toml) fields pages show: the attribution in every chart's source line, the methods page's
# datasets table (title, producer, licence, transforms, URL note), the edition stamp's cadence.
CATALOGUE_SHOWN: tuple[str, ...] = ("attribution", "title", "producer", "licence", "transforms", "url_note",
                                    "cadence")
# Tables whose unit column is shown in two parts (widgets.analysis.register.unit_parts): the unit ('persons') and
# the bracket's basis ('mainly Malian'); the qualifier words ('more than') are the code's own (briefing domain).
UNIT_COLUMNS = {"figures": "unit"}
# Texts a page shows derived from a register cell, each a text of its own in the catalogue: the desk notes cut to
# their clauses without numbers ("reader", widgets.build.steps.reader_note), the metric names as words ("words":
# what a figure measures, `metric_label`) and the titles the register wrote itself, in brackets ("described":
# "[RFI report, title not shown] ..."; a published headline translates to itself). Table -> ((column, derivation),
# ...); babel-register.cfg: `derived = column=how ...`.
DERIVED: dict[str, tuple[tuple[str, str], ...]] = {
    "figures": (("notes", "reader"), ("metric", "words")),
    "sources_events": (("title", "described"),),
    "sources_figures": (("title", "described"),),
}
# Shown tables that are not raw register files: the editions table's summaries (methods page).
OTHER_FILES = {"editions": EDITIONS_TABLE}
# Only these rows reach a page (event_places: the threat page's table of events with no map point).
ROW_FILTERS: dict[str, tuple[str, str]] = {"event_places": ("location_precision", "unresolved")}


def worded(text: str) -> bool:
    """Whether a cell holds words to translate: '2025-09-03' or '2023' (no letter) stays as written."""
    return any(c.isalpha() for c in str(text))


def _option_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return value.split() if isinstance(value, str) else list(value)


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
            options: dict[str, Any]) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extraction method for a register CSV. Options (from the mapping file): `id` (the id column),
    `columns` (space-separated shown columns), optionally `only` ("column=value": keep those rows), `units` (the
    unit column, extracted as unit and basis) and `derived` ("column=derivation ...": texts pages show derived from
    a cell, see DERIVED).
    Yields (line number, None, text, [comment naming the row]) per shown cell holding words."""
    id_column = options.get("id", "")
    columns = _option_list(options.get("columns"))
    only = options.get("only", "")
    keep_column, _, keep_value = only.partition("=")
    name = Path(getattr(fileobj, "name", "register.csv")).name
    reader = csv.DictReader(io.TextIOWrapper(fileobj, encoding="utf-8", newline=""))
    missing = [c for c in [id_column, *columns, *([keep_column] if only else [])] if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{name}: no column {', '.join(missing)} (check babel-register.cfg)")
    units = options.get("units", "")
    derived = [tuple(item.split("=", 1)) for item in _option_list(options.get("derived"))]
    for record in reader:
        if only and record[keep_column] != keep_value:
            continue
        for column in columns:
            text = record[column] or ""
            if worded(text):
                # the reader's line_num is the row's last line; a multi-line cell still points into its row
                yield reader.line_num, None, text, [f"{name} {record[id_column]} {column}"]
        for column, how in derived:
            text = derive(how, record[column] or "")
            if worded(text):
                yield reader.line_num, None, text, [f"{name} {record[id_column]} {column} ({how})"]
        if units:
            for part, text in zip(("unit", "basis", "rest"), _unit_parts(record[units])):
                if worded(text):
                    yield reader.line_num, None, text, [f"{name} {record[id_column]} {part}"]


def derive(how: str, text: str) -> str:
    """The text a page shows of register cell `text` by derivation `how` (see DERIVED); "" when it shows none."""
    if how == "reader":
        from widgets.build.steps import reader_note  # here: the build imports this module
        return reader_note(text)
    if how == "words":
        return metric_words(text)
    if how == "described":
        return text if text.startswith("[") else ""
    raise ValueError(f"unknown derivation {how!r} (babel-register.cfg)")


def metric_words(metric: str) -> str:
    """A figure's metric name as words, in English ('dakar_route_share' -> 'dakar route share')."""
    return str(metric).replace("_", " ")


def metric_label(metric: str) -> str:
    """What a figure measures, in the page's language."""
    return translate(metric_words(metric))


def _unit_parts(unit: str) -> tuple[str, str, str]:
    """The unit, its basis and its words other than a qualifier (widgets.analysis.register), each a shown text."""
    from widgets.analysis.register import unit_parts, unit_rest  # here: they show units through this module
    return (*unit_parts(unit), unit_rest(unit))


def extract_catalogue(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                      options: dict[str, Any]) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extraction method for data/catalogue.toml: the shown fields (`CATALOGUE_SHOWN`) of every dataset."""
    for name, field, text in _catalogue_fields(tomllib.loads(fileobj.read().decode("utf-8"))):
        yield 0, None, text, [f"catalogue.toml {name} {field}"]


def _catalogue_fields(catalogue: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for name, entry in catalogue.get("datasets", {}).items():
        for field in CATALOGUE_SHOWN:
            text = str(entry.get(field, ""))
            if worded(text):
                yield name, field, text


def extract_changelog(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                      options: dict[str, Any]) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extraction method for data/editions/changelog.csv: what the "what changed" panel shows of it."""
    changelog = pd.read_csv(fileobj, dtype=str).fillna("")
    for label, text in changelog_texts(changelog):
        yield 0, None, text, [label]


def changelog_texts(changelog: pd.DataFrame,
                    snapshot: Any = None) -> Iterator[tuple[str, str]]:
    """(row label, text) of every changelog text the "what changed" panel shows: each line's reason, and for a
    revised row the shown columns as the previous edition had them (the panel's "old → new"). `snapshot(n, key)`
    reads edition n's register table (default: its published copy in data/editions/<n>/)."""
    snapshot = snapshot or (lambda n, key: pd.read_csv(edition_snapshot(n)[key], dtype=str).fillna(""))
    for line in changelog.itertuples(index=False):
        if worded(line.reason):
            yield f"changelog {line.edition} {line.row_id or line.action} reason", line.reason
        if line.action != "revised" or line.table not in SHOWN or int(line.edition) < 2:
            continue
        id_column, columns = SHOWN[line.table]
        earlier = snapshot(int(line.edition) - 1, line.table)
        for row in earlier[earlier[id_column] == line.row_id].itertuples(index=False):
            for column in columns:
                text = getattr(row, column)
                if worded(text):
                    yield f"edition {int(line.edition) - 1} {line.table} {line.row_id} {column}", text


def shown_file(key: str) -> Path:
    """The file of shown table `key` (a raw register file, or the editions table)."""
    return RAW_FILES.get(key) or OTHER_FILES[key]


def shown_texts(tables: dict[str, Any] | None = None) -> dict[str, list[str]]:
    """Every register text a page shows → the rows it comes from ('judgements 00-J1 text'), read from the raw
    register, catalogue and changelog (or from `tables`, e.g. a copy in a test; "catalogue": the parsed TOML). The
    set the French catalogue must cover."""
    texts: dict[str, list[str]] = {}
    for key, (id_column, columns) in SHOWN.items():
        table = tables[key] if tables and key in tables else pd.read_csv(shown_file(key), dtype=str).fillna("")
        if key in ROW_FILTERS:
            column, value = ROW_FILTERS[key]
            table = table[table[column] == value]
        for record in table.itertuples(index=False):
            row = record._asdict()
            for column in columns:
                if worded(row[column]):
                    texts.setdefault(row[column], []).append(f"{key} {row[id_column]} {column}")
            for column, how in DERIVED.get(key, ()):
                text = derive(how, row[column])
                if worded(text):
                    texts.setdefault(text, []).append(f"{key} {row[id_column]} {column} ({how})")
            if key in UNIT_COLUMNS:
                for part, text in zip(("unit", "basis", "rest"), _unit_parts(row[UNIT_COLUMNS[key]])):
                    if worded(text):
                        texts.setdefault(text, []).append(f"{key} {row[id_column]} {part}")
    catalogue = tomllib.loads(CATALOGUE.read_text(encoding="utf-8")) if tables is None or "catalogue" not in tables \
        else tables["catalogue"]
    for name, field, text in _catalogue_fields(catalogue):
        texts.setdefault(text, []).append(f"catalogue {name} {field}")
    changelog = tables["changelog"] if tables and "changelog" in tables else \
        pd.read_csv(CHANGELOG, dtype=str).fillna("")
    for label, text in changelog_texts(changelog):
        texts.setdefault(text, []).append(label)
    return texts


def po_path(language: str) -> Path:
    return SOURCE_LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(language: str) -> Catalog:
    """The committed `.po` of `language`, parsed by Babel."""
    with po_path(language).open("rb") as f:
        return read_po(f, locale=language, domain=DOMAIN)


def untranslated(language: str, texts: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """The shown register texts that have no usable translation in `language` (missing, empty or fuzzy), with the
    rows they come from. Empty when the catalogue is complete."""
    catalogue = read_catalogue(language)
    texts = shown_texts() if texts is None else texts
    missing = {}
    for text, rows in texts.items():
        message = catalogue.get(text)
        if message is None or not message.string or message.fuzzy:
            missing[text] = rows
    return missing


def compile_register(out_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile every committed `register.po` into `<out_dir>/<language>/LC_MESSAGES/register.mo` (fuzzy left out,
    as msgfmt does). Returns the files written."""
    written = []
    for po in sorted(SOURCE_LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        language = po.parent.parent.name
        target = out_dir / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as f:
            write_mo(f, read_catalogue(language), use_fuzzy=False)
        written.append(target)
    return written


class _PoTranslations(gettext.NullTranslations):
    """A `.po` read by Babel, used as gettext would use its compiled `.mo` (fuzzy and empty entries skipped)."""

    def __init__(self, catalogue: Catalog) -> None:
        super().__init__()
        self._texts = {m.id: m.string for m in catalogue if m.id and isinstance(m.id, str) and m.string
                       and not m.fuzzy}

    def gettext(self, message: str) -> str:
        return self._texts.get(message, message)


@lru_cache(maxsize=None)
def _catalogue(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    compiled, source = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo", po_path(language)
    # A .po edited since the last build wins over its stale .mo, so a translator's fix shows without a rebuild.
    if compiled.exists() and (not source.exists() or compiled.stat().st_mtime >= source.stat().st_mtime):
        with compiled.open("rb") as f:
            return gettext.GNUTranslations(f)
    if source.exists():
        return _PoTranslations(read_catalogue(language))
    return gettext.NullTranslations()


def translate(text: str) -> str:
    """`text` (a register cell, as written in English) in the page's language."""
    if not isinstance(text, str) or not text.strip():
        return text  # gettext("") would give the catalogue's header
    return _catalogue(fmt.language()).gettext(text)


def translate_table(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """A copy of register table `key` (e.g. `load_gaps()`) with its shown text columns in the page's language."""
    out = frame.copy()
    for column in SHOWN[key][1]:
        if column in out.columns:
            out[column] = out[column].map(translate)
    return out


def translate_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a reader's table with every text cell that is a register text in the page's language. Register
    cells (notes, places, claims, reasons) reach many tables through the chapters' analysis; the page-parts build
    translates each stored table once here rather than in every function that passes them on. Other cells (ids,
    numbers, the code's own words, already translated) come back as they are."""
    if fmt.language() == "en":
        return frame
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v: translate(v) if isinstance(v, str) and worded(v) else v)
    return out


def reload() -> None:
    """Forget the loaded catalogues (after the build recompiled them, or in tests)."""
    _catalogue.cache_clear()
