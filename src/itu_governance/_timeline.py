"""Draw an instrument's timeline as a picture.

Its revisions on a time axis, with the instruments it absorbed or that absorbed it,
abrogations, and the conferences and sessions that acted.

matplotlib is an optional extra (``pip install 'itu-governance[plot]'``); without it, drawing
raises ``ImportError`` saying how to install it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from itu_governance import _keys
from itu_governance.citations import Citation, format_citation
from itu_governance.registry import Registry

_MISSING = "the timeline needs matplotlib: pip install 'itu-governance[plot]'"
_FORMATS = {".svg", ".png"}


def _lanes(registry: Registry, key: str) -> list[str]:
    """The instrument, then those it absorbed or that took it over, then what absorbed those."""
    lanes = [key]
    for other in registry.resolutions():
        end = other.end
        if end is not None and (end.absorbed_into or "").startswith(f"{key}@") and other.key not in lanes:
            lanes.append(other.key)
    end = registry.resolution(key).end
    for successor in (end.absorbed_into, end.superseded_by) if end else ():
        if successor and _keys.instrument_of(successor) not in lanes:
            lanes.append(_keys.instrument_of(successor))
    return lanes


def _label(registry: Registry, key: str, lang: str) -> str:
    res = registry.resolution(key)
    name = format_citation(Citation(kind=res.type, body=res.issuer, number=res.number), lang)
    title = res.title(lang)
    return f"{name}\n{title[:60] + ('…' if len(title) > 60 else '')}" if title else name


def draw(registry: Registry, key: str, output: str | Path, lang: str = "en") -> None:
    """Draw the timeline of instrument ``key`` to an .svg or .png file."""
    path = Path(output)
    if path.suffix.lower() not in _FORMATS:
        msg = f"the timeline is written as .svg or .png, got {path.name!r}"
        raise ValueError(msg)
    try:
        import matplotlib as mpl  # noqa: PLC0415 (optional extra)

        mpl.use("Agg")
        import matplotlib.dates as mdates  # noqa: PLC0415
        import matplotlib.pyplot as plt  # noqa: PLC0415
    except ImportError as error:
        raise ImportError(_MISSING) from error

    lanes = _lanes(registry, key)
    mpl.rcParams["svg.hashsalt"] = "itu-governance"  # stable ids: the same data draws the same file
    fig, ax = plt.subplots(figsize=(11, 1.6 + 1.1 * len(lanes)))
    first = min(registry.timelines[k].dates[0] for k in lanes)
    for y, lane in enumerate(lanes):
        _draw_lane(ax, registry, lane, y, lanes)
    ax.set_yticks(range(len(lanes)), labels=[_label(registry, k, lang) for k in lanes], fontsize=9)
    ax.set_ylim(len(lanes) - 0.4, -0.7)
    span = (dt.date(first.year - 1, 1, 1), dt.date(registry.known_up_to.year + 1, 12, 31))
    ax.set_xlim(*(mdates.date2num(day) for day in span))  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(mdates.YearLocator())  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # type: ignore[no-untyped-call]
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    ax.grid(axis="x", alpha=0.25)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    title = format_citation(
        Citation(
            kind=registry.resolution(key).type,
            body=registry.resolution(key).issuer,
            number=registry.resolution(key).number,
        ),
        lang,
    )
    ax.set_title(f"{title}: revisions, absorptions and endings (data known up to {registry.known_up_to})", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None} if path.suffix.lower() == ".svg" else None)
    plt.close(fig)


def _draw_lane(ax: Any, registry: Registry, key: str, y: int, lanes: list[str]) -> None:  # noqa: ANN401 (matplotlib)
    line = registry.timelines[key]
    end = line.end.date if line.end else registry.known_up_to
    ax.hlines(y, line.dates[0], end, color="#4c72b0" if y == 0 else "#8c8c8c", linewidth=7, alpha=0.35)
    for i, (rev, day) in enumerate(zip(line.instrument.revisions, line.dates, strict=True)):
        session = registry.conference(rev.adopted_by).short_name
        ax.plot(day, y, "o", color="#1f3d7a", markersize=7, zorder=3)
        ax.annotate(
            f"{rev.designation.value}\n{session}",
            (day, y),
            xytext=(0, 11 if i % 2 == 0 else -22),
            textcoords="offset points",
            ha="center",
            fontsize=7.5,
        )
    if line.end is not None:
        ending = line.end
        by = registry.conference(ending.by).short_name if ending.by else ""
        ax.plot(ending.date, y, "X", color="#c44e52", markersize=10, zorder=4)
        ax.annotate(
            f"{ending.kind.value}\n{by}",
            (ending.date, y),
            xytext=(14, -4),
            textcoords="offset points",
            fontsize=7.5,
            color="#c44e52",
        )
        target = _keys.instrument_of(line.successor or "")
        if target in lanes:
            ax.annotate(
                "",
                xy=(ending.date, lanes.index(target)),
                xytext=(ending.date, y),
                arrowprops={"arrowstyle": "-|>", "color": "#c44e52", "linewidth": 1.4},
            )
            ax.annotate(
                "content absorbed",
                (ending.date, (y + lanes.index(target)) / 2),
                xytext=(-8, 0),
                textcoords="offset points",
                ha="right",
                fontsize=7.5,
                color="#c44e52",
            )
