"""English left over on a translated page (issue 17): the English a page may show is known (the two gettext
catalogues and the notebooks' narrative), so a French page's visible text is compared against it. A catalogue entry
counts when its translation differs from the English (names and ids translate to themselves); it is cut at its
placeholders and markup into runs of words, and a run long enough to be a phrase (four words or more) found in the
page's text is English the reader should not see. Quoted titles are left out by the page itself: the test reads no
text inside `<cite>` or inside an element marked with another language."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.pofile import read_po

from widgets import narrative
from widgets.paths import NOTEBOOKS

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [ROOT / "widgets" / "locale" / "{language}" / "LC_MESSAGES" / f"{domain}.po"
              for domain in ("briefing", "register")]
MIN_WORDS = 4
MIN_CHARS = 20

# What separates runs of plain words in a catalogue entry or a markdown cell: placeholders, tags, links' targets,
# markdown marks and sentence ends.
_CUT = re.compile(r"\{[^{}]*\}|%\(\w+\)[sd]|%[sd]|<[^<>]*>|\]\([^)]*\)|https?://\S+|[\[\]*_`#|>•·—–:;.!?()\"“”«»]")


def normal(text: str) -> str:
    """Lower case, one kind of apostrophe, single spaces (the page and the catalogue write spaces differently)."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def phrases(text: str) -> list[str]:
    """The runs of plain words in `text` long enough to be a phrase, normalised."""
    runs = (normal(run).strip(" ,'") for run in _CUT.split(text))
    return [run for run in runs if len(run.split()) >= MIN_WORDS and len(run) >= MIN_CHARS]


def catalogue_english(language: str) -> set[str]:
    """Phrases of every catalogue entry translated into `language` by something other than itself."""
    found: set[str] = set()
    for template in CATALOGUES:
        with open(str(template).format(language=language), "rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            if not message.id or not message.string:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            translated = " ".join(normal(s) for s in strings)
            for english in ids:
                found.update(p for p in phrases(english) if p not in translated)
    return found


def narrative_english(language: str, notebook: str) -> set[str]:
    """Phrases of the notebook's English cells that have a current translation (the others show in English by
    design until translated, and a test of the translations' status fails for them)."""
    found: set[str] = set()
    for cell in narrative.english_cells(NOTEBOOKS / notebook):
        translated = narrative.current_text(language, notebook, cell.id, cell.source)
        if translated is not None:
            found.update(p for p in phrases(cell.source) if p not in normal(translated))
    return found


def leftovers(texts: Iterable[str], english: set[str]) -> list[str]:
    """The English phrases found in the page's texts, each with the text it was found in (shortened)."""
    shown = [normal(t) for t in texts]
    page = "\n".join(shown)
    hits = []
    for phrase in sorted(english):
        if phrase in page:
            where = next(t for t in shown if phrase in t)
            hits.append(f"{phrase!r} in {where[:140]!r}")
    return hits
