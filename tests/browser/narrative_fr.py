"""A French translation of one overview cell, written as a translations folder for tests (never into notebooks/i18n,
which the translators fill): the first cell current, the last one stale (its stored hash is of other English)."""

from __future__ import annotations

import json
from pathlib import Path

from widgets import narrative
from widgets.paths import NOTEBOOKS

NB = "00_overview.ipynb"
CURRENT_CELL = "21a553bd"  # "The situation on one map"
STALE_CELL = "09a35646"  # "The chapters"
HEADING_FR = "La situation en une carte"
STALE_FR = "Les chapitres (traduction périmée)"
TEXT_FR = f"""## {HEADING_FR}

Pays enclavé, le Mali s’approvisionne en carburant par la route\u00a0: depuis les ports du Sénégal, de la Mauritanie, de
la Guinée, de la Côte d’Ivoire et des États du golfe de Guinée, et par des convois escortés depuis le Niger. La carte
montre ces corridors d’approvisionnement tels que la note les a tracés sur le réseau routier, les deux villes de l’ouest
que le JNIM a désignées dans son blocus, ainsi que les attaques contre les convois, les camions-citernes, les soldats et
les voyageurs, et les points de contrôle et sièges où des combattants tiennent une route ou les sorties d’une ville,
tels que nos sources les rapportent, colorés par type.

Lisez les points avec prudence. Chaque attaque est placée dans la ville que nomment ses sources, souvent à plusieurs
dizaines de kilomètres du lieu réel de l’embuscade\u00a0; les attaques que nous n’avons pu localiser figurent dans le
tableau mais ne sont pas tracées. Le relevé, constitué à partir de la presse, reste incomplet\u00a0: de nombreux
incidents, surtout dans les zones reculées, n’y parviennent jamais. Ouvrez le tableau sous la carte pour voir chaque
ligne, sa date et ses sources.
"""


def write(folder: Path) -> Path:
    """folder/fr/00_overview.json with one current and one stale cell; returns the folder."""
    cells = {c.id: c for c in narrative.english_cells(NOTEBOOKS / NB)}
    assert CURRENT_CELL in cells and STALE_CELL in cells, "the overview's cells changed ids: update this fixture"
    entries = {CURRENT_CELL: {"en_sha256": cells[CURRENT_CELL].sha256, "text": TEXT_FR},
               STALE_CELL: {"en_sha256": narrative.source_hash("an older English text"), "text": f"## {STALE_FR}\n"}}
    (folder / "fr").mkdir(parents=True, exist_ok=True)
    (folder / "fr" / "00_overview.json").write_text(
        json.dumps({"language": "fr", "notebook": NB, "cells": entries}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")
    return folder
