"""What every scenario model shares: its parameters (with the source of each default) and its outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import pandas as pd


@dataclass(frozen=True)
class Param:
    """One slider: range, step, unit, and where its default comes from (a figure id, or "assumption")."""

    key: str
    label: str
    default: float
    low: float
    high: float
    step: float
    unit: str
    source: str
    why: str


@dataclass(frozen=True)
class Outcome:
    """A model run: the tidy result table, plain-words messages about the inputs, and the key numbers."""

    table: pd.DataFrame
    messages: list[str] = field(default_factory=list)
    headline: dict[str, float] = field(default_factory=dict)


def defaults(params: Iterable[Param]) -> dict[str, float]:
    return {p.key: p.default for p in params}


def clamp(values: dict[str, float], params: Iterable[Param]) -> tuple[dict[str, float], list[str]]:
    """Values limited to each parameter's range; missing ones take the default; a message for each change."""
    out, messages = {}, []
    for p in params:
        value = values.get(p.key, p.default)
        try:
            value = float(value)
        except (TypeError, ValueError):
            messages.append(f"{p.label}: {value!r} is not a number; the default {p.default:g} is used")
            value = p.default
        if value != value:  # NaN
            messages.append(f"{p.label}: no value; the default {p.default:g} is used")
            value = p.default
        if value < p.low or value > p.high:
            messages.append(f"{p.label}: {value:g} is outside {p.low:g}–{p.high:g} {p.unit}; limited to the range")
            value = min(max(value, p.low), p.high)
        out[p.key] = value
    return out, messages


@dataclass(frozen=True)
class Preset:
    """A named scenario: a label, one sentence on why it is worth looking at, and the parameter values that differ
    from the cited defaults. The values are assumptions chosen to illustrate, not sourced figures."""

    label: str
    why: str
    values: dict[str, float] = field(default_factory=dict)

    def full_values(self, params: Iterable[Param]) -> dict[str, float]:
        """Every parameter: the defaults, overridden by the preset's values (limited to their ranges)."""
        params = list(params)
        return clamp({**defaults(params), **self.values}, params)[0]
