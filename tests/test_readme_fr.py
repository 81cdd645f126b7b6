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


def _interface_labels_in_english() -> dict[str, str]:
    """Every label the English page shows whose French differs, with that French: the briefing catalogue's entries
    and the template's words (briefing-strings.js)."""
    from babel.messages.pofile import read_po
    labels: dict[str, str] = {}
    with open(ROOT / "widgets" / "locale" / "fr" / "LC_MESSAGES" / "briefing.po", "rb") as handle:
        for message in read_po(handle):
            if isinstance(message.id, str) and message.id and message.string and message.string != message.id:
                labels[message.id] = message.string
    script = (ROOT / "share" / "jupyter" / "voila" / "templates" / "briefing" / "static" / "briefing-strings.js").read_text()
    # The template's words: key/value pairs, the English block first, then the French one.
    pairs = re.findall(r'"([a-z_.]+)": "((?:[^"\\]|\\.)*)"', script)
    english, french = {}, {}
    for key, value in pairs:
        (french if key in english else english)[key] = value
    labels.update({english[k]: french[k] for k in english if k in french and french[k] != english[k]})
    return labels


def test_french_readme_names_the_labels_the_french_page_shows() -> None:
    # Seen failing before: the French README sent French readers to *Add your data (CSV)*, *Reload the page*, ...
    text = FRENCH.read_text()
    # The one sentence that names the English labels on purpose, to say the English page shows them.
    text = re.sub(r"la page\s+anglaise les écrit en anglais \([^)]*\)", "", text)
    labels = _interface_labels_in_english()
    sections = set(re.findall(r"^## (.+)$", ENGLISH.read_text(), re.M))  # README.md's own sections, named as such
    named = {" ".join(m.split()) for m in re.findall(r"\*([^*]+)\*|« ([^»]+) »", text) for m in m if m} - sections
    english = sorted(n for n in named if n in labels or n.rstrip("…") in labels)
    assert english == [], "labels named in English in README.fr.md: " + "; ".join(
        f"{n} → {labels.get(n, labels.get(n.rstrip('…')))}" for n in english)
