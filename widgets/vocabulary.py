"""The briefing's vocabulary: the words and constants every layer shares, defined once.

The bottom of the house: this module imports nothing from `widgets`, so paths, build, contracts, loaders, analysis,
figures, ui and export can all import from it without importing upwards. What lives here is a *definition* (an
event type, what counts as an attack, the snapping radius, the chapter list), never a number about the situation:
those come from `data/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


def N_(message: str) -> str:
    """Marks a word for the gettext catalogue (widgets.i18n translates it where shown). Defined here, not imported
    from widgets.i18n, because this module imports nothing from `widgets`."""
    return message

# --- event types ---------------------------------------------------------------------------------------------
# The register's `event_type` values (data/raw/facts/events.csv); the events contract refuses any other.
EVENT_TYPES = ("abduction", "attack_on_military", "blockade_declared", "checkpoint_or_siege", "convoy_attack",
               "economic_impact", "fuel_shortage_measure", "negotiation_or_release", "other",
               "school_or_service_closure", "state_air_strike", "state_escort_or_ops", "tanker_destroyed")

ATTACK_TYPES = ("convoy_attack", "tanker_destroyed", "attack_on_military", "abduction", "checkpoint_or_siege")
"""What every page counts as an *attack*: an armed group's violence or coercion against people, vehicles or posts
on the ground — attacks on convoys, tankers destroyed, attacks on the military, abductions, and checkpoints or
sieges where fighters hold a road or a town's exits and stop the people passing (E014, E041). Not attacks: a
declared blockade (a statement), the state's air strikes and operations (the army's claims, another actor),
economic effects, closures, negotiations and releases. The methods page states this definition."""

CONVOY_ATTACK_TYPES = ("convoy_attack", "tanker_destroyed")  # the attacks aimed at road transport (a subset)
STATE_STRIKE_TYPES = ("state_air_strike",)
# Rows that name a town as blockaded or besieged (a declaration, or fighters holding its exits).
BLOCKADE_TYPES = ("blockade_declared", "checkpoint_or_siege")

# Order and families used by the timeline and its filters: what JNIM does, what the state does, what follows.
TYPE_FAMILIES = {
    N_("JNIM and armed-group actions"): ["convoy_attack", "tanker_destroyed", "abduction", "attack_on_military",
                                     "checkpoint_or_siege", "blockade_declared"],
    N_("State actions"): ["state_air_strike", "state_escort_or_ops"],
    N_("Effects, responses and other"): ["fuel_shortage_measure", "economic_impact", "school_or_service_closure",
                                     "negotiation_or_release", "other"],
}

TYPE_LABELS = {
    "convoy_attack": N_("Convoy attack"), "tanker_destroyed": N_("Tanker destroyed"),
    "attack_on_military": N_("Attack on the military"), "abduction": N_("Abduction"),
    "blockade_declared": N_("Blockade declared"), "checkpoint_or_siege": N_("Checkpoint or siege"),
    "economic_impact": N_("Economic impact"), "fuel_shortage_measure": N_("Fuel-shortage measure"),
    "negotiation_or_release": N_("Negotiation or release"),
    "school_or_service_closure": N_("School or service closure"),
    "state_air_strike": N_("State air strike (army claims)"), "state_escort_or_ops": N_("State escort or operation"),
    "other": N_("Other"),
}


def is_attack(event_type: str) -> bool:
    """True for the event types every page counts as an attack (see ATTACK_TYPES)."""
    return event_type in ATTACK_TYPES


# --- places and roads ----------------------------------------------------------------------------------------
CAPITAL = "Bamako"  # the gazetteer name of the capital, where every corridor ends
# Events further than this from every corridor stay unsnapped (the build's events, and a reader's own upload).
# Event points are the towns the sources name, and sources put incidents up to ~50 km from them ("about 40 km
# from Kati"), hence a generous radius.
SNAP_KM: float = 30  # an int so that pages write "30 km"
# The corridor the blockade was declared on, by its name in data/raw/curated/corridors.csv (a contract checks it).
DAKAR_CORRIDOR = "Dakar–Kayes–Bamako"
# The register's `corridor` codes that are not a corridor id.
NO_CORRIDOR, SEVERAL_ROADS = "none", "other"
CORRIDOR_LABELS = {NO_CORRIDOR: N_("no corridor named"), SEVERAL_ROADS: N_("other or several roads")}


# --- id lists ------------------------------------------------------------------------------------------------
def split_ids(text: object, separators: str = ";") -> list[str]:
    """A `;`-joined list of ids or names as a list: 'S001; S002;' → ['S001', 'S002'].

    Blanks and surrounding spaces are dropped; order is kept; empty, None and NaN give []. `separators` may hold
    several characters (',;' also splits on commas).
    """
    if text is None or text != text:  # None or NaN
        return []
    raw = str(text)
    for sep in separators[1:]:
        raw = raw.replace(sep, separators[0])
    return [part.strip() for part in raw.split(separators[0]) if part.strip()]


def unique_ids(texts: Iterable[object], separators: str = ";") -> list[str]:
    """Every id of several `;`-joined lists, each once, in order of first appearance."""
    return list(dict.fromkeys(i for text in texts for i in split_ids(text, separators)))


# --- chapters and judgements ---------------------------------------------------------------------------------
def N_(text: str) -> str:
    """Marks a word for the gettext catalogue (as widgets.i18n.N_, which this module may not import); the page
    translates it where it shows it."""
    return text


CHAPTERS = [
    ("00_overview.ipynb", N_("Overview")),
    ("01_threat.ipynb", N_("1 · The threat")),
    ("02_corridors.ipynb", N_("2 · The corridors")),
    ("03_gold.ipynb", N_("3 · Gold")),  # short: the bar holds every name at 1366 px
    ("04_spillover.ipynb", N_("4 · Regional spillover")),
    ("05_methods_and_sources.ipynb", N_("Methods")),
]
CONFIDENCE_LEVELS = (N_("high"), N_("moderate"), N_("low"))  # values of the registers; shown through _()


@dataclass(frozen=True)
class Judgement:
    """A key judgement in estimative language, with its confidence and the evidence (ids) it rests on."""

    statement: str
    confidence: str  # high / moderate / low
    evidence: str  # plain words, with catalogue ids in brackets
