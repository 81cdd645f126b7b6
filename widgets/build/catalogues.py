"""Build step: the translators' gettext catalogues (widgets/locale/<lang>/LC_MESSAGES/*.po) compiled to the .mo
files the pages read (data/processed/locale/…, widgets/i18n.py), with Babel — what `pybabel compile` does, inside
the data build so that a changed .po is recompiled by `make data` (the build's fingerprint covers the .po files).
Fuzzy entries are left out, as `pybabel compile` does without --use-fuzzy: an unchecked guess never reaches a page."""

from __future__ import annotations

import string
from pathlib import Path
from typing import NamedTuple

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from widgets import contracts


DATA_DOMAINS = {"register"}  # catalogues of the register's texts rather than of code


class Compiled(NamedTuple):
    mo: Path
    messages: int  # entries in the catalogue (the header excluded)
    translated: int  # of which translated and not fuzzy: what the page will show translated


def fields(text: str) -> set[str]:
    """The `{name}` placeholders of a text (`str.format` fills them after translation)."""
    try:
        return {name for _text, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
    except ValueError:  # an unbalanced brace: str.format would fail on it too
        return {"<unbalanced brace>"}


def placeholder_problems(message) -> list[str]:
    """A translation keeps the English's placeholders: a new one fails `.format(n=…)` on the page, a lost one drops
    a number (Babel checks only %-style ones). A plural form may leave out the count ("une attaque")."""
    english = message.id if isinstance(message.id, tuple) else (message.id,)
    wanted = set().union(*(fields(e) for e in english))
    translated = message.string if isinstance(message.string, tuple) else (message.string,)
    wrong = (lambda got: not got <= wanted) if message.pluralizable else (lambda got: got != wanted)
    return [f"placeholders {sorted(fields(t))} instead of {sorted(wanted)}"
            for t in translated if t and not message.fuzzy and wrong(fields(t))]


def po_files(locale_sources: Path) -> list[Path]:
    return sorted(locale_sources.glob("*/LC_MESSAGES/*.po"))


def compile_catalogue(po: Path, mo: Path) -> Compiled:
    """One .po → .mo. A .po that does not parse, or whose translations break a placeholder, stops the build with the
    file, line and reason (Babel's checks: `{name}` / `%s` placeholders must match the English)."""
    try:
        with po.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except PoFileError as err:
        contracts.fail(f"catalogue {po.name}", [f"{po}: {err}"])
    # The register's texts (widgets/register_text.py) are data, never %-formatted: Babel would read "80 % of" as a
    # conversion and refuse "80 % de"; their {placeholders} are still checked below.
    checked = catalog.check() if po.stem not in DATA_DOMAINS else []
    problems = [f"{po}:{message.lineno}: {message.id!r}: {'; '.join(map(str, errors))}"
                for message, errors in checked if errors]
    problems += [f"{po}:{message.lineno}: {message.id!r}: {problem}"
                 for message in catalog if message.id for problem in placeholder_problems(message)]
    contracts.fail(f"catalogue {po}", problems)
    mo.parent.mkdir(parents=True, exist_ok=True)
    with mo.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    entries = [m for m in catalog if m.id]
    done = [m for m in entries if not m.fuzzy and (all(m.string) if m.pluralizable else m.string)]
    return Compiled(mo, len(entries), len(done))


def compile_all(locale_sources: Path, out: Path) -> list[Compiled]:
    """Every catalogue under `locale_sources`, compiled to the same relative place under `out`."""
    return [compile_catalogue(po, out / po.relative_to(locale_sources).with_suffix(".mo"))
            for po in po_files(locale_sources)]
