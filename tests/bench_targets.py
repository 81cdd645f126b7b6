"""The targets of issue 14, checked against one bench run (`make bench` prints the table; no test asserts on time).

Each target is a measured value, a limit and a verdict: ✓ met, ✗ missed, "not measured" when the run did not
measure it (--quick, --pages-only, a chapter left out). Ratios are taken within the same run.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST_FIGURE_RATIO = 0.75  # first figure of every chapter, x the stock one-cell notebook (median of cold loads)
KERNEL_CPU_S = 1.0  # kernel CPU seconds per page view
KERNEL_MB = 150  # kernel memory (RSS) per page view
ROOM = 20  # simultaneous viewers of the heaviest chapter...
ROOM_MEDIAN_S, ROOM_WORST_S = 25.0, 40.0  # ...their median and worst first figure
CROWD = 40  # simultaneous viewers with 0 failed loads (a busy page past the kernel ceiling counts as handled)
PAGE_MB = 4.0  # bytes a page transfers (compressed, as the browser received them)
CACHED_SHARE = 0.1  # a second page in the same browser fetches at most this share of the first one's assets
SLIDER_S = 0.100  # slider to new numbers, median
UPLOAD_SLOWER = 1.25  # the upload's load time may not exceed its recorded reference by more than this factor


@dataclass(frozen=True)
class Level:
    """One level of simultaneous viewers: how many, how many failed, their first-figure times (s)."""

    viewers: int
    failed: int
    busy: int
    median_first_s: float | None
    worst_first_s: float | None


@dataclass(frozen=True)
class RunFigures:
    """What the target table needs from one bench run (None: not measured in this run)."""

    first_figure_ratio: dict[str, float]  # chapter -> median first figure / baseline's
    kernel_cpu_s: dict[str, float]  # chapter -> median kernel CPU seconds per view
    kernel_mb: dict[str, float]  # chapter -> median kernel RSS
    transfer_mb: dict[str, float]  # chapter -> median bytes over the network per cold view (MB)
    cached_share: dict[str, float]  # chapter -> warm view's asset bytes / cold view's
    slider_s: dict[str, float]  # panel -> median latency
    levels: list[Level]
    upload_s: float | None = None
    upload_reference_s: float | None = None


@dataclass(frozen=True)
class Row:
    target: str
    measured: str
    met: bool | None  # None: not measured

    @property
    def verdict(self) -> str:
        return "not measured" if self.met is None else "✓" if self.met else "✗"


def _worst(values: dict[str, float], fmt: str) -> tuple[str, float | None]:
    """The largest value and its name, formatted ('-' if none)."""
    if not values:
        return "-", None
    name, value = max(values.items(), key=lambda item: item[1])
    return f"{fmt.format(value)} ({name})", value


def _level(levels: list[Level], n: int) -> Level | None:
    return next((level for level in levels if level.viewers == n), None)


def rows(run: RunFigures) -> list[Row]:
    """The issue's targets against this run, in the issue's order."""
    out: list[Row] = []
    text, worst = _worst(run.first_figure_ratio, "{:.2f}x")
    out.append(Row(f"first figure of every chapter <= {FIRST_FIGURE_RATIO}x stock Voilà (worst chapter)", text,
                   None if worst is None else worst <= FIRST_FIGURE_RATIO))
    text, worst = _worst(run.kernel_cpu_s, "{:.2f} s")
    out.append(Row(f"kernel CPU per page view <= {KERNEL_CPU_S:.1f} s (worst chapter)", text,
                   None if worst is None else worst <= KERNEL_CPU_S))
    text, worst = _worst(run.kernel_mb, "{:.0f} MB")
    out.append(Row(f"kernel memory <= {KERNEL_MB} MB (worst chapter)", text,
                   None if worst is None else worst <= KERNEL_MB))
    room = _level(run.levels, ROOM)
    if room is None:
        out.append(Row(f"{ROOM} viewers: 0 failed, median first figure <= {ROOM_MEDIAN_S:.0f} s, worst <= "
                       f"{ROOM_WORST_S:.0f} s", "-", None))
    else:
        median, worst = room.median_first_s, room.worst_first_s
        met = (room.failed == 0 and median is not None and worst is not None
               and median <= ROOM_MEDIAN_S and worst <= ROOM_WORST_S)
        shown = "-" if median is None or worst is None else f"{median:.1f} / {worst:.1f} s"
        out.append(Row(f"{ROOM} viewers: 0 failed, median first figure <= {ROOM_MEDIAN_S:.0f} s, worst <= "
                       f"{ROOM_WORST_S:.0f} s", f"{room.failed} failed, {shown}", met))
    crowd = _level(run.levels, CROWD)
    out.append(Row(f"{CROWD} viewers: 0 failed loads (busy page counts as handled)",
                   "-" if crowd is None else f"{crowd.failed} failed, {crowd.busy} busy",
                   None if crowd is None else crowd.failed == 0))
    text, worst = _worst(run.transfer_mb, "{:.2f} MB")
    out.append(Row(f"bytes a page transfers <= {PAGE_MB:.0f} MB compressed (worst chapter)", text,
                   None if worst is None else worst <= PAGE_MB))
    text, worst = _worst(run.cached_share, "{:.0%}")
    out.append(Row(f"big scripts cached across pages: a second page fetches <= {CACHED_SHARE:.0%} of the assets",
                   text, None if worst is None else worst <= CACHED_SHARE))
    text, worst = _worst(run.slider_s, "{:.3f} s")
    out.append(Row(f"slider to new numbers <= {SLIDER_S * 1000:.0f} ms median (worst panel)", text,
                   None if worst is None else worst <= SLIDER_S))
    if run.upload_s is None or run.upload_reference_s is None:
        out.append(Row("upload: no regression against the recorded reference",
                       "-" if run.upload_s is None else f"{run.upload_s:.2f} s (no reference)", None))
    else:
        out.append(Row(f"upload: load time <= {UPLOAD_SLOWER}x the recorded reference",
                       f"{run.upload_s:.2f} s vs {run.upload_reference_s:.2f} s",
                       run.upload_s <= UPLOAD_SLOWER * run.upload_reference_s))
    return out


def table(run: RunFigures) -> str:
    """The target table as printed by `make bench`."""
    body = rows(run)
    width = max(len(r.target) for r in body)
    measured = max(len(r.measured) for r in body)
    lines = [f"{'target':<{width}}  {'measured':<{measured}}  met", "-" * (width + measured + 16)]
    lines += [f"{r.target:<{width}}  {r.measured:<{measured}}  {r.verdict}" for r in body]
    missed = [r for r in body if r.met is False]
    lines.append(f"{sum(r.met is True for r in body)} met, {len(missed)} missed, "
                 f"{sum(r.met is None for r in body)} not measured in this run")
    return "\n".join(lines)
