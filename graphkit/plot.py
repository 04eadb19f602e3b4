"""Pictures of a trace: a timeline (PNG or SVG, matplotlib) and a self-contained interactive HTML page.

Both draw the same layout (:func:`layout`): time runs left to right over 2024-2045, widened to
cover every step (or the years asked for; a step outside them sits at the edge with an arrow);
each lane holds one body's meetings or one family of documents; documents that cover a period
(a plan to 2045) get a bar to its last year; links between steps are drawn as arcs coloured by
relation. Labels are stacked in tiers inside their lane so that none overlaps another.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TextIO

from graphkit.errors import GraphkitError
from graphkit.lineage import Step, Trace
from graphkit.terms import C, P
from graphkit.vocab import vocabulary

DEFAULT_YEARS = (2024, 2045)
WIDTH_IN = 13.0          # plotting width (inches) of the time axis
LANE_LABEL_IN = 2.2      # left margin for lane names
ROW_IN = 0.2             # height of one tier of labels
FONT_PT = 7.5
MARK_GAP_IN = 0.11       # least distance between two marks in one lane
MEETING_COLOUR, DOCUMENT_COLOUR, START_COLOUR = "#3b6ea8", "#b5651d", "#c0392b"


@dataclass
class Mark:
    """One step placed on the picture (inches from the left of the time axis and the top)."""

    step: Step
    index: int
    lane: int
    x: float
    clipped: str = ""           # "<" or ">" when the date lies outside the axis
    text: str = ""
    width: float = 0.0
    tier: int = 0
    y: float = 0.0              # centre line of the lane
    label_y: float = 0.0


@dataclass
class Layout:
    """Where everything goes."""

    lo: dt.date
    hi: dt.date
    lanes: list[str]
    lane_top: list[float]
    lane_height: list[float]
    marks: list[Mark]
    bars: list[tuple[Mark, float]] = field(default_factory=list)   # (mark, x of the period's end)
    links: list[tuple[Mark, Mark, str]] = field(default_factory=list)
    height: float = 0.0

    def x_of(self, date: dt.date) -> float:
        span = (self.hi - self.lo).days or 1
        return WIDTH_IN * (date - self.lo).days / span


def axis_years(trace: Trace) -> tuple[int, int]:
    """The years the time axis spans: 2024-2045 widened to every step, or the years asked for."""
    years = [s.date.year for s in trace.steps if s.date]
    ends = [s.period_end for s in trace.steps if s.period_end]
    lo = trace.from_year if trace.from_year is not None else min([DEFAULT_YEARS[0], *years])
    hi = trace.to_year if trace.to_year is not None else max([DEFAULT_YEARS[1], *years, *ends])
    if trace.from_year is None and trace.to_year is not None:
        lo = min(lo, trace.to_year)
    return lo, max(hi, lo)


def _text_width(text: str, pt: float = FONT_PT) -> float:
    """Width of a label in inches (DejaVu Sans metrics, rounded up)."""
    em = 0.0
    for ch in text:
        if ch in "iljt.,:;'|!·() ":
            em += 0.32
        elif ch in "mwMW@":
            em += 0.9
        elif ch.isupper() or ch.isdigit():
            em += 0.68
        else:
            em += 0.58
    return em * pt / 72.0 + 0.06


def _when(step: Step) -> str:
    if step.date is None:
        return "undated"
    if step.precision == "year":
        return f"{step.date.year}"
    return step.date.strftime("%b %Y")


def mark_text(step: Step) -> str:
    """The label of a mark: short name, place and date; the lane says the body or family."""
    if step.kind == C.Meeting and step.ordinal:
        from graphkit.lineage import ordinal_text

        parts = [ordinal_text(step.ordinal)]
    else:
        parts = [step.label or step.name]
    if step.kind == C.Meeting and step.place:
        parts.append(step.place)
    parts.append(_when(step))
    return " · ".join(parts)


def layout(trace: Trace) -> Layout:
    """Place lanes, marks, labels, bars and links; raises GraphkitError for an empty trace."""
    if not trace.steps:
        raise GraphkitError("nothing to draw: the trace has no steps")
    y0, y1 = axis_years(trace)
    lo, hi = dt.date(y0, 1, 1), dt.date(y1, 12, 31)
    order: list[str] = []
    for s in sorted(trace.steps, key=lambda s: (not s.start, s.kind == C.Meeting, s.sort_date or dt.date.max)):
        fam = s.family or s.kind or "other"
        if fam not in order:
            order.append(fam)
    lay = Layout(lo, hi, order, [], [], [])
    by_id: dict[str, Mark] = {}
    for i, s in enumerate(trace.steps, 1):
        when = s.date or s.sort_date
        lane = order.index(s.family or s.kind or "other")
        if when is None or when < lo:
            x, clip = 0.0, "<"
        elif when > hi:
            x, clip = WIDTH_IN, ">"
        else:
            x, clip = lay.x_of(when), ""
        m = Mark(s, i, lane, x, clip)
        m.text = mark_text(s) if not (clip and s.date) else f"{mark_text(s)} (off the axis)"
        if s.date is None:
            m.clipped = ""
            m.x = lay.x_of(min(max(when, lo), hi)) if when else 0.0
        m.width = _text_width(m.text)
        lay.marks.append(m)
        by_id[s.id] = m
    # tiers: first fit, left to right, alternately above and below the lane line
    for lane in range(len(order)):
        marks = sorted((m for m in lay.marks if m.lane == lane), key=lambda m: (m.x, m.index))
        for before, after in pairwise(marks):  # same-day marks in one lane sit side by side
            after.x = max(after.x, before.x + MARK_GAP_IN)
        ends: list[float] = []
        for m in marks:
            left, right = _label_span(m)
            for t, end in enumerate(ends):
                if left > end + 0.08:
                    m.tier, ends[t] = t, right
                    break
            else:
                m.tier = len(ends)
                ends.append(right)
        tiers = max(1, len(ends))
        above = (tiers + 1) // 2
        below = tiers // 2
        height = (above + below) * ROW_IN + 0.35
        top = (lay.lane_top[-1] + lay.lane_height[-1]) if lay.lane_top else 0.0
        lay.lane_top.append(top)
        lay.lane_height.append(height)
        centre = top + 0.12 + above * ROW_IN + 0.05
        for m in marks:
            m.y = centre
            k = m.tier // 2 + 1
            m.label_y = centre - k * ROW_IN + 0.02 if m.tier % 2 == 0 else centre + k * ROW_IN - 0.02
    lay.height = lay.lane_top[-1] + lay.lane_height[-1]
    for m in lay.marks:
        s = m.step
        if s.period_end and s.date and s.period_end >= s.date.year:
            lay.bars.append((m, lay.x_of(min(dt.date(s.period_end, 12, 31), hi))))
    for lk in trace.links:
        a, b = by_id.get(lk.subject), by_id.get(lk.object)
        if a and b:
            lay.links.append((a, b, lk.key))
    if trace.mode == "topic":
        for s in trace.steps:
            if s.previous and s.previous in by_id and not any({x.step.id, y.step.id} == {s.id, s.previous}
                                                               for x, y, _ in lay.links):
                lay.links.append((by_id[s.previous], by_id[s.id], "thread"))
    return lay


def _label_span(m: Mark) -> tuple[float, float]:
    """Where a label sits horizontally: right of its mark, or left of it near the right edge."""
    if m.x + m.width > WIDTH_IN + 0.6:
        return m.x - m.width, m.x
    return m.x, m.x + m.width


# ---------------------------------------------------------------------------------------- PNG / SVG

def plot_trace(trace: Trace, path: Path | str) -> None:
    """Draw the timeline to ``path`` (.png or .svg); raises GraphkitError for other suffixes."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise GraphkitError(f"--plot writes .png or .svg, not {suffix or 'a file without suffix'!r}")
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, Rectangle

    lay = layout(trace)
    top_in, bottom_in, right_in = 0.95, 1.0, 0.9
    fig_w = LANE_LABEL_IN + WIDTH_IN + right_in
    fig_h = top_in + lay.height + bottom_in
    fig = plt.figure(figsize=(fig_w, fig_h), dpi=110)
    ax = fig.add_axes((LANE_LABEL_IN / fig_w, bottom_in / fig_h, WIDTH_IN / fig_w, lay.height / fig_h))
    ax.set_xlim(0, WIDTH_IN)
    ax.set_ylim(lay.height, 0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_yticks([])
    # lanes
    for i, name in enumerate(lay.lanes):
        top, h = lay.lane_top[i], lay.lane_height[i]
        if i % 2 == 0:
            ax.add_patch(Rectangle((0, top), WIDTH_IN, h, color="#f4f6f8", zorder=0, lw=0))
        centre = next((m.y for m in lay.marks if m.lane == i), top + h / 2)
        ax.plot([0, WIDTH_IN], [centre, centre], color="#d0d4d8", lw=0.8, zorder=1)
        ax.text(-0.12, centre, name, ha="right", va="center", fontsize=9, fontweight="bold", color="#333")
    # years
    years = range(lay.lo.year, lay.hi.year + 2)
    step = 1 if len(years) <= 14 else (2 if len(years) <= 26 else 5)
    ticks = [y for y in years if y % step == 0]
    ax.set_xticks([lay.x_of(dt.date(y, 1, 1)) for y in ticks])
    ax.set_xticklabels([str(y) for y in ticks], fontsize=8.5)
    ax.set_xticks([lay.x_of(dt.date(y, 1, 1)) for y in years], minor=True)
    for y in years:
        ax.axvline(lay.x_of(dt.date(y, 1, 1)), color="#e3e6ea" if y % step else "#cfd4da",
                   lw=0.6, zorder=0.5)
    # period bars
    for m, x_end in lay.bars:
        ax.add_patch(Rectangle((m.x, m.y - 0.035), max(0.0, x_end - m.x), 0.07, color=DOCUMENT_COLOUR,
                               alpha=0.18, lw=0, zorder=1.5))
    # links
    used: set[str] = set()
    for a, b, key in lay.links:
        src, dst = (a, b) if (a.step.sort_date or dt.date.min) <= (b.step.sort_date or dt.date.min) else (b, a)
        colour = vocabulary().colours().get(key, "#999999")
        style = ":" if key in (P.inConjunctionWith, "thread", P.partOf) else "-"
        dist = max(0.05, ((dst.x - src.x) ** 2 + (dst.y - src.y) ** 2) ** 0.5)
        bend = min(0.3 if src.lane == dst.lane else 0.15, 0.3 / dist)  # bulge at most ~0.15 in
        ax.add_patch(FancyArrowPatch((src.x, src.y), (dst.x, dst.y), connectionstyle=f"arc3,rad={-bend}",
                                     arrowstyle="-|>", mutation_scale=7, lw=0.9, color=colour, alpha=0.7,
                                     linestyle=style, zorder=2, shrinkA=4, shrinkB=4))
        used.add(key)
    # marks and labels
    for m in lay.marks:
        s = m.step
        is_meeting = s.kind == C.Meeting
        colour = START_COLOUR if s.start else (MEETING_COLOUR if is_meeting else DOCUMENT_COLOUR)
        marker = "*" if s.start else ("o" if is_meeting else "s")
        size = 140 if s.start else 42
        face = "white" if s.date is None else colour
        ax.scatter([m.x], [m.y], s=size, marker=marker, facecolor=face, edgecolor=colour, lw=1.2, zorder=4)
        if m.clipped:
            ax.annotate("", (m.x + (-0.18 if m.clipped == "<" else 0.18), m.y), (m.x, m.y),
                        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1}, zorder=4)
        left, _right = _label_span(m)
        ax.plot([m.x, m.x], [m.y, m.label_y], color="#9aa3ad", lw=0.5, zorder=3)
        ax.text(left, m.label_y, m.text, fontsize=FONT_PT, va="center", ha="left", zorder=5,
                color="#111" if s.date else "#666", fontweight="bold" if s.start else "normal",
                bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85})
    # title and legends
    what = _title(trace)
    fig.text(0.01, 1 - 0.3 / fig_h, what, fontsize=13, fontweight="bold", va="top")
    sub = _count(trace) + f", {lay.lo.year}-{lay.hi.year}"
    if trace.mode == "topic" and len(trace.topics) > 1:
        sub += f" · with narrower topics: {', '.join(trace.topics[1:])}"
    sub += " · every step and link carries its sources (graphkit trace --format json)"
    fig.text(0.01, 1 - 0.62 / fig_h, sub, fontsize=8.5, color="#555", va="top")
    handles = ([Line2D([], [], marker="*", ls="", color=START_COLOUR, ms=10, label="start")]
               if trace.mode != "topic" else [])
    handles += [Line2D([], [], marker="o", ls="", color=MEETING_COLOUR, ms=6, label="meeting"),
               Line2D([], [], marker="s", ls="", color=DOCUMENT_COLOUR, ms=6, label="document"),
               Line2D([], [], marker="s", ls="", mfc="white", mec="#666", ms=6, label="date unknown")][:None if any(
                   m.step.date is None for m in lay.marks) else -1]
    if lay.bars:
        handles.append(Line2D([], [], color=DOCUMENT_COLOUR, alpha=0.3, lw=5, label="period a plan covers"))
    for key in [k for k in (*vocabulary().colours(), "thread") if k in used]:
        handles.append(Line2D([], [], color=vocabulary().colours().get(key, "#999999"), lw=1.5,
                              ls=":" if key in (P.inConjunctionWith, "thread", P.partOf) else "-",
                              label=_relation_name(key)))
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(LANE_LABEL_IN / fig_w, 0.05 / fig_h),
               ncol=min(len(handles), 9), fontsize=7.5, frameon=False, handlelength=2.2)
    fig.savefig(path, format=suffix[1:])
    plt.close(fig)


def _count(trace: Trace) -> str:
    if trace.mode == "topic":
        return f"{len(trace.steps)} meetings and documents"
    return f"start and {len(trace.steps) - 1} steps"


def _relation_name(key: str) -> str:
    from graphkit.lineage import phrases

    if key == "thread":
        return "next on the topic"
    return phrases().get(key, (key, key))[0]


# ---------------------------------------------------------------------------------------- HTML

PX = 110  # pixels per inch of the layout (labels at FONT_PT keep the widths the layout measured)


def _title(trace: Trace) -> str:
    subject = trace.subject.get("name") or ""
    if trace.mode == "topic":
        return f"Topic: {subject}"
    return f"What led to {subject}" if trace.mode == "back" else f"Lineage of {subject}"


def write_html(trace: Trace, handle: TextIO) -> None:
    """A self-contained page (inline SVG, CSS and JS; no network) with the timeline; clicking a
    mark shows its date, place, relation, sources and evidence."""
    lay = layout(trace)
    rows = trace.rows()
    left, top = LANE_LABEL_IN * PX, 30
    width, height = left + WIDTH_IN * PX + 60, top + lay.height * PX + 50
    out: list[str] = []
    esc = html.escape
    for i, name in enumerate(lay.lanes):
        y, h = top + lay.lane_top[i] * PX, lay.lane_height[i] * PX
        if i % 2 == 0:
            out.append(f'<rect x="{left}" y="{y:.1f}" width="{WIDTH_IN * PX:.1f}" height="{h:.1f}" fill="#f4f6f8"/>')
        centre = next((m.y for m in lay.marks if m.lane == i), lay.lane_top[i] + lay.lane_height[i] / 2)
        cy = top + centre * PX
        out.append(f'<line x1="{left}" x2="{left + WIDTH_IN * PX:.1f}" y1="{cy:.1f}" y2="{cy:.1f}" stroke="#d0d4d8"/>')
        out.append(f'<text x="{left - 10}" y="{cy + 4:.1f}" text-anchor="end" class="lane">{esc(name)}</text>')
    years = range(lay.lo.year, lay.hi.year + 2)
    step = 1 if len(years) <= 14 else (2 if len(years) <= 26 else 5)
    base = top + lay.height * PX
    for y in years:
        x = left + lay.x_of(dt.date(y, 1, 1)) * PX
        major = y % step == 0
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{base + (6 if major else 3):.1f}" '
                   f'stroke="{"#cfd4da" if major else "#eceef1"}"/>')
        if major:
            out.append(f'<text x="{x:.1f}" y="{base + 20:.1f}" text-anchor="middle" class="year">{y}</text>')
    for m, x_end in lay.bars:
        x, cy = left + m.x * PX, top + m.y * PX
        out.append(f'<rect x="{x:.1f}" y="{cy - 3:.1f}" width="{max(0.0, (x_end - m.x) * PX):.1f}" height="6" '
                   f'fill="{DOCUMENT_COLOUR}" opacity="0.2"><title>covers to {m.step.period_end}</title></rect>')
    for a, b, key in lay.links:
        src, dst = (a, b) if (a.step.sort_date or dt.date.min) <= (b.step.sort_date or dt.date.min) else (b, a)
        x1, y1, x2, y2 = left + src.x * PX, top + src.y * PX, left + dst.x * PX, top + dst.y * PX
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2 - (18 if src.lane == dst.lane else 0) - abs(x2 - x1) * 0.08
        dash = ' stroke-dasharray="3,3"' if key in (P.inConjunctionWith, "thread", P.partOf) else ""
        out.append(f'<path d="M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {x2:.1f},{y2:.1f}" fill="none" '
                   f'stroke="{vocabulary().colours().get(key, "#999")}" stroke-width="1.3" opacity="0.75"{dash} '
                   f'data-a="{src.index}" data-b="{dst.index}" class="link">'
                   f'<title>{esc(_relation_name(key))}</title></path>')
    for m in lay.marks:
        s = m.step
        x, cy, ly = left + m.x * PX, top + m.y * PX, top + m.label_y * PX
        colour = START_COLOUR if s.start else (MEETING_COLOUR if s.kind == C.Meeting else DOCUMENT_COLOUR)
        fill = "white" if s.date is None else colour
        lx = left + _label_span(m)[0] * PX
        out.append(f'<g class="mark" data-i="{m.index}" tabindex="0">')
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{cy:.1f}" y2="{ly:.1f}" stroke="#9aa3ad" stroke-width="0.7"/>')
        if s.kind == C.Meeting and not s.start:
            out.append(f'<circle cx="{x:.1f}" cy="{cy:.1f}" r="{7 if s.start else 5}" fill="{fill}" '
                       f'stroke="{colour}" stroke-width="1.5"/>')
        else:
            r = 7 if s.start else 5
            rotate = f' transform="rotate(45 {x:.1f} {cy:.1f})"' if s.start else ""
            out.append(f'<rect x="{x - r:.1f}" y="{cy - r:.1f}" width="{2 * r}" height="{2 * r}" fill="{fill}" '
                       f'stroke="{colour}" stroke-width="1.5"{rotate}/>')
        cls = "label start" if s.start else "label"
        out.append(f'<text x="{lx:.1f}" y="{ly + 4:.1f}" class="{cls}">{esc(m.text)}</text>')
        out.append("</g>")
    title = _title(trace)
    # inside <script>, "<!--<script>" or "</script>" in a name would change how the page parses:
    # no "<", ">" or "&" reaches it unescaped (JSON reads \u003c back as "<")
    data = (json.dumps(rows, ensure_ascii=False, default=str)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    page = _PAGE.format(title=esc(title), width=f"{width:.0f}", height=f"{height:.0f}", svg="\n".join(out),
                        font_px=f"{FONT_PT / 72 * PX:.1f}",
                        data=data, sub=esc(_count(trace) + f", {lay.lo.year}-{lay.hi.year}. "
                                           "Click a mark to see its sources and evidence."))
    handle.write(page)


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 16px; color: #222; }}
h1 {{ font-size: 20px; margin: 0 0 4px; }} p.sub {{ color: #555; margin: 0 0 10px; font-size: 13px; }}
#wrap {{ display: flex; gap: 16px; align-items: flex-start; }}
#chart {{ overflow-x: auto; border: 1px solid #e3e6ea; }}
svg text {{ font-size: {font_px}px; font-family: "DejaVu Sans", Verdana, sans-serif; }}
svg .lane {{ font-weight: bold; font-size: 12px; fill: #333; }}
svg .year {{ fill: #444; }} svg .label {{ fill: #111; }} svg .label.start {{ font-weight: bold; }}
svg .mark {{ cursor: pointer; }} svg .mark:hover text, svg .mark.sel text {{ fill: #c0392b; }}
svg .link.hl {{ stroke-width: 3; opacity: 1; }}
#panel {{ min-width: 320px; max-width: 420px; font-size: 13px; border-left: 3px solid #c0392b; padding-left: 12px; }}
#panel h2 {{ font-size: 15px; margin: 0 0 6px; }} #panel dt {{ font-weight: bold; margin-top: 6px; }}
#panel dd {{ margin: 0 0 0 8px; word-break: break-word; }}
blockquote {{ margin: 4px 0; color: #444; font-style: italic; }}
</style></head><body>
<h1>{title}</h1><p class="sub">{sub}</p>
<div id="wrap"><div id="chart"><svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">
{svg}
</svg></div><div id="panel"><h2>Select a mark</h2><p>Each mark is a meeting or document; its panel lists the
sources that state it and the link that brings it into the trace.</p></div></div>
<script id="steps" type="application/json">{data}</script>
<script>
(function () {{
  var steps = JSON.parse(document.getElementById("steps").textContent);
  var panel = document.getElementById("panel");
  function el(tag, text) {{
    var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }}
  function item(dl, label, value) {{
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    dl.appendChild(el("dt", label));
    var dd = el("dd");
    if (Array.isArray(value)) {{ value.forEach(function (v) {{
        var line = el("div");
        if (typeof v === "string" && /^https?:\\/\\//.test(v)) {{
          var a = el("a", v); a.href = v; a.target = "_blank"; a.rel = "noopener"; line.appendChild(a); }}
        else if (typeof v === "object") {{ line.textContent = v.subject + " " + v.relation + " " + v.object; }}
        else {{ line.textContent = v; }}
        dd.appendChild(line); }});
    }} else {{ dd.textContent = value; }}
    dl.appendChild(dd);
  }}
  function show(i) {{
    var s = steps[i - 1];
    panel.innerHTML = "";
    panel.appendChild(el("h2", s.step + ". " + s.name));
    var dl = el("dl");
    item(dl, "Date", s.date || "unknown"); item(dl, "Kind", s.kind); item(dl, "Place", s.place);
    item(dl, "At", s.at); item(dl, "Body", s.body);
    if (s.relation) item(dl, "Relation", s.relation + (s.previous ? " " + s.previous : ""));
    item(dl, "Topics", s.topics); item(dl, "Speakers", s.speakers); item(dl, "Chaired by", s.chairs);
    item(dl, "Adopted or signed there", s.adopted); item(dl, "Previous in the series", s.series_previous);
    item(dl, "Sources", s.sources);
    if (s.evidence && s.evidence.length) {{ dl.appendChild(el("dt", "Evidence"));
      var dd = el("dd"); s.evidence.forEach(function (q) {{ dd.appendChild(el("blockquote", q)); }});
      dl.appendChild(dd); }}
    item(dl, "Links", s.links); item(dl, "Key", s.key);
    panel.appendChild(dl);
    document.querySelectorAll(".mark").forEach(function (m) {{ m.classList.toggle("sel", m.dataset.i == i); }});
    document.querySelectorAll(".link").forEach(function (l) {{
      l.classList.toggle("hl", l.dataset.a == i || l.dataset.b == i); }});
  }}
  document.querySelectorAll(".mark").forEach(function (m) {{
    m.addEventListener("click", function () {{ show(+m.dataset.i); }});
    m.addEventListener("keydown", function (e) {{ if (e.key === "Enter") show(+m.dataset.i); }});
  }});
}})();
</script></body></html>
"""
