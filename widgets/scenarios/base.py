"""What every scenario model shares: its parameters (with the source of each default) and its outcome.

The words of a parameter or a preset are kept in English (the catalogue's msgids) and read through properties that
translate them in the page's language when shown; numbers in the reasoning are named placeholders, formatted by
`widgets.fmt` at that moment, so French reads 1 385 where English reads 1,385.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import pandas as pd

from widgets.i18n import N_, _

Values = Callable[[], dict[str, str]]  # the formatted numbers a text names, computed when it is shown


def _no_values() -> dict[str, str]:
    return {}


def said(template: str, values: Values = _no_values) -> str:
    """`template` in the page's language, its named placeholders filled with `values()` (formatted now)."""
    return _(template).format(**values())


@dataclass(frozen=True)
class Param:
    """One slider: range, step, unit, and where its default comes from (a figure id, or "assumption").

    `label_text`, `unit_text` and `why_text` are the English texts; `label`, `unit` and `why` give them in the
    page's language (`values` fills the placeholders of the label and the reasoning)."""

    key: str
    label_text: str
    default: float
    low: float
    high: float
    step: float
    unit_text: str
    source: str
    why_text: str
    values: Values = _no_values

    @property
    def label(self) -> str:
        return said(self.label_text, self.values)

    @property
    def unit(self) -> str:
        # "{percent} of value": the sign is a placeholder, as gettext tools read "% o" as a printf conversion.
        return _(self.unit_text).format(percent="%")

    @property
    def why(self) -> str:
        return said(self.why_text, self.values)


@dataclass(frozen=True)
class Outcome:
    """A model run: the tidy result table, plain-words messages about the inputs, and the key numbers."""

    table: pd.DataFrame
    messages: list[str] = field(default_factory=list)
    headline: dict[str, float] = field(default_factory=dict)


SUMMARY_COLUMNS = [N_("measure"), N_("baseline"), N_("scenario"), N_("change")]


def summary_columns() -> list[str]:
    """The headers of a model's baseline-against-scenario table, in the page's language."""
    return [_(c) for c in SUMMARY_COLUMNS]


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
            messages.append(_("{label}: {value} is not a number; the default {default} is used").format(
                label=p.label, value=repr(value), default=f"{p.default:g}"))
            value = p.default
        if value != value:  # NaN
            messages.append(_("{label}: no value; the default {default} is used").format(
                label=p.label, default=f"{p.default:g}"))
            value = p.default
        if value < p.low or value > p.high:
            messages.append(_("{label}: {value} is outside {low}–{high} {unit}; limited to the range").format(
                label=p.label, value=f"{value:g}", low=f"{p.low:g}", high=f"{p.high:g}", unit=p.unit))
            value = min(max(value, p.low), p.high)
        out[p.key] = value
    return out, messages


@dataclass(frozen=True)
class Preset:
    """A named scenario: a label, one sentence on why it is worth looking at, and the parameter values that differ
    from the cited defaults. The values are assumptions chosen to illustrate, not sourced figures.

    `label_text` and `why_text` are English; `label` and `why` give them in the page's language."""

    label_text: str
    why_text: str
    values: dict[str, float] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return _(self.label_text)

    @property
    def why(self) -> str:
        return _(self.why_text)

    def full_values(self, params: Iterable[Param]) -> dict[str, float]:
        """Every parameter: the defaults, overridden by the preset's values (limited to their ranges)."""
        params = list(params)
        return clamp({**defaults(params), **self.values}, params)[0]
