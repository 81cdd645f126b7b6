"""README.fr.md stays a translation of README.md: every number it gives and every command, file name and option it
quotes is one README.md gives (numbers compared as values, so 54,8 t matches 54.8 t and 6 000 matches 6,000). The
"Langue / Language" section describes the French edition, which README.md does not yet: its quotes are exempt, as
are those of the pointer to the developer sections."""

from __future__ import annotations

import re

from widgets.paths import ROOT

ENGLISH = ROOT / "README.md"
FRENCH = ROOT / "README.fr.md"
OWN_SECTIONS = ("## Langue / Language", "## Pour les développeurs")

# French numbers: thousands set apart by a (narrow) no-break space, decimal comma; English: commas, decimal point
FR_NUMBER = re.compile(r"\d+(?:[\u202f\u00a0]\d{3})*(?:,\d+)?")
EN_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
FENCE = re.compile(r"```[^\n]*\n(.*?)```", re.S)
SPAN = re.compile(r"`([^`]+)`")


def _value(text: str, thousands: str, decimal: str) -> str:
    """A number written in one language's style as a canonical string (leading zeros of ids such as C031 dropped)."""
    for sep in thousands:
        text = text.replace(sep, "")
    whole, _, frac = text.replace(decimal, ".").partition(".")
    frac = frac.rstrip("0")
    return str(int(whole)) + (f".{frac}" if frac else "")


def _without_own_sections(text: str) -> str:
    for heading in OWN_SECTIONS:
        start = text.index(heading)
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + (text[end:] if end != -1 else "")
    return text


def _quotes(text: str) -> set[str]:
    """Code spans, and each command line of the fenced blocks without its comment (comments are translated)."""
    quotes = {re.sub(r"\s+", " ", q) for q in SPAN.findall(FENCE.sub("", text))}  # a span may wrap across lines
    for block in FENCE.findall(text):
        quotes |= {line.split("  #")[0].strip() for line in block.splitlines() if line.strip()}
    return quotes


def _numbers_fr(text: str) -> set[str]:
    prose = SPAN.sub(" ", FENCE.sub(" ", text))  # quoted code is compared verbatim by the other test
    return {_value(m, "\u202f\u00a0", ",") for m in FR_NUMBER.findall(prose)}


def _numbers_en(text: str) -> set[str]:
    return {_value(m, ",", ".") for m in EN_NUMBER.findall(text)}


def test_french_readme_gives_no_number_the_english_does_not() -> None:
    extra = _numbers_fr(FRENCH.read_text(encoding="utf-8")) - _numbers_en(ENGLISH.read_text(encoding="utf-8"))
    assert not extra, f"README.fr.md gives numbers README.md does not: {sorted(extra)}"


def test_french_readme_quotes_commands_and_options_verbatim() -> None:
    french = _quotes(_without_own_sections(FRENCH.read_text(encoding="utf-8")))
    english = ENGLISH.read_text(encoding="utf-8")
    missing = sorted(french - _quotes(english))
    assert not missing, f"README.fr.md quotes code README.md does not give: {missing}"


def test_each_readme_links_the_other() -> None:
    assert "(README.fr.md)" in ENGLISH.read_text(encoding="utf-8")
    assert "(README.md)" in FRENCH.read_text(encoding="utf-8")
