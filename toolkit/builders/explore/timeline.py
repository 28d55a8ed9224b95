"""The timeline page's content: how many items each year holds (a histogram), then every item
by year, each with its date as the TEI gives it (ranges and uncertain dates said as such) and
a link to where it stands; then the undated ones.

The list is the page: it reads without JavaScript. ``assets/explore.js`` adds zoom (a decade,
a year) by showing only the years chosen and drawing the histogram again for them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from toolkit.builders.explore.dating import Span

WIDTH, HEIGHT, AXIS = 960, 160, 22  # the histogram's drawing, in SVG units
DECADES_OVER = 60  # years: a longer period is drawn by decade
GAP = 30  # years without any item: the axis breaks there


@dataclass(frozen=True)
class Item:
    span: Span
    title: str  # plain text
    href: str  # empty: nowhere to link to
    what: str = ""  # plain text said after the title (a document's place, a date's context)


@dataclass(frozen=True)
class Undated:
    title: str
    href: str


def e(value) -> str:
    return escape(str(value or ""), quote=True)


def ordered(items: list[Item]) -> list[Item]:
    """In time order: by first possible day, then last, then title."""
    return sorted(items, key=lambda item: (item.span.start, item.span.end, item.title.casefold(), item.href))


def fragment(items: list[Item], undated: list[Undated], *, noun: str, plural: str, intro: str = "",
             heading: str = "Timeline") -> str:
    """The page's content (``<h1>`` to the list of undated items) as HTML."""
    items = ordered(items)
    unsure = sum(1 for item in items if item.span.unsure)
    summary = [f"{len(items)} {plural if len(items) != 1 else noun}"]
    if items:
        summary[0] += f", {items[0].span.year} to {max(item.span.end_year for item in items)}"
    if unsure:
        summary.append(f"{unsure} of them with an uncertain date (marked “uncertain”)")
    if undated:
        summary.append(f'<a href="#undated">{len(undated)} undated</a>')
    parts = [f'<h1>{escape(heading)}</h1>{intro}<p class="timeline-summary">{"; ".join(summary)}.</p>']
    if items:
        parts.append(_density(items, plural))
        parts.append(_controls())
        parts.append(_years_nav(items))
        parts.append(_by_year(items))
    if undated:
        rows = "".join(f'<li>{_link(entry.title, entry.href)}</li>' for entry in undated)
        parts.append(f'<section class="timeline-undated" id="undated" aria-labelledby="undated-heading">'
                     f'<h2 id="undated-heading">Undated ({len(undated)})</h2><ul>{rows}</ul></section>')
    return f'<div class="timeline" data-noun="{e(noun)}" data-plural="{e(plural)}">{"".join(parts)}</div>'


def _density(items: list[Item], plural: str) -> str:
    """A histogram of items per year (per decade over a long period), drawn at build time. Long
    stretches without any item (a placeholder year far from the rest) are cut out of the axis
    and shown as a break, so that they do not flatten the rest."""
    years = sorted({item.span.year for item in items})
    clusters = [[years[0], years[0]]]
    for year in years[1:]:
        if year - clusters[-1][1] > GAP:
            clusters.append([year, year])
        else:
            clusters[-1][1] = year
    step = 10 if sum(last - first + 1 for first, last in clusters) > DECADES_OVER else 1
    bins: list[tuple[int, int] | None] = []  # (first year, last year), or None for a break
    for first, last in clusters:
        if bins:
            bins.append(None)
        bins += [(start, start + step - 1) for start in range(first - first % step, last + 1, step)]
    sure = Counter(_bin_of(item.span.year, bins) for item in items if not item.span.unsure)
    unsure = Counter(_bin_of(item.span.year, bins) for item in items if item.span.unsure)
    peak = max(sure[i] + unsure[i] for i in range(len(bins)))
    width = WIDTH / len(bins)
    bars, labels = [], []
    label_every = max(1, round(len(bins) / 12))
    base = HEIGHT - AXIS
    for index, span in enumerate(bins):
        x = index * width
        if span is None:
            labels.append(f'<text class="break" x="{x + width / 2:.1f}" y="{base - 6}">…</text>')
            continue
        start = span[0]
        height_sure = base * sure[index] / peak
        height_unsure = base * unsure[index] / peak
        name = f"{start}s" if step == 10 else str(start)
        bars.append(f'<g class="bin" data-from="{span[0]}" data-to="{span[1]}"><title>{name}: '
                    f'{sure[index] + unsure[index]} {e(plural)}{f" ({unsure[index]} uncertain)" if unsure[index] else ""}</title>'
                    f'<rect class="sure" x="{x + width * 0.1:.1f}" y="{base - height_sure:.1f}" '
                    f'width="{width * 0.8:.1f}" height="{height_sure:.1f}"/>'
                    f'<rect class="unsure" x="{x + width * 0.1:.1f}" y="{base - height_sure - height_unsure:.1f}" '
                    f'width="{width * 0.8:.1f}" height="{height_unsure:.1f}"/></g>')
        if index % label_every == 0 or index and bins[index - 1] is None:
            labels.append(f'<text x="{x + width / 2:.1f}" y="{HEIGHT - 6}">{name}</text>')
    per = "decade" if step == 10 else "year"
    real = [span for span in bins if span]
    description = (f"{plural.capitalize()} per {per}, {real[0][0]} to {real[-1][1]}; "
                   f"the most, {peak}, in {_peaks(bins, sure, unsure, peak, step)}")
    gaps = " Breaks (…) in the axis stand for long stretches without any." if None in bins else ""
    return (f'<figure class="timeline-density"><svg id="timeline-density" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'role="img" aria-label="{e(description)}" preserveAspectRatio="none">'
            f'<line class="axis" x1="0" y1="{base}" x2="{WIDTH}" y2="{base}"/>'
            f'{"".join(bars)}<g class="labels">{"".join(labels)}</g></svg>'
            f'<figcaption>{e(plural.capitalize())} per {per}; each counted once, in the year its date begins; '
            f'the lighter part of a bar: uncertain dates.{gaps}</figcaption></figure>')


def _bin_of(year: int, bins) -> int:
    return next(index for index, span in enumerate(bins) if span and span[0] <= year <= span[1])


def _peaks(bins, sure, unsure, peak, step) -> str:
    names = [f"{span[0]}s" if step == 10 else str(span[0]) for i, span in enumerate(bins)
             if span and sure[i] + unsure[i] == peak]
    return ", ".join(names[:3]) + (" and others" if len(names) > 3 else "")


def _controls() -> str:
    # Shown by the script, which fills the choice of periods from the years below.
    return ('<div class="timeline-zoom" hidden><label for="timeline-period">Show</label> '
            '<select id="timeline-period"></select> <button type="button" id="timeline-out">Zoom out</button> '
            '<span id="timeline-status" role="status"></span></div>')


def _years_nav(items: list[Item]) -> str:
    counts = Counter(item.span.year for item in items)
    decades: dict[int, list[int]] = {}
    for year in sorted(counts):
        decades.setdefault(year - year % 10, []).append(year)
    rows = "".join(
        f'<li><span class="decade">{decade}s</span> '
        + " ".join(f'<a href="#y{year}">{year}<span class="count"> ({counts[year]})</span></a>' for year in years)
        + "</li>"
        for decade, years in decades.items()
    )
    return f'<nav class="timeline-years" aria-label="Years"><ul>{rows}</ul></nav>'


def _by_year(items: list[Item]) -> str:
    years: dict[int, list[Item]] = {}
    for item in items:
        years.setdefault(item.span.year, []).append(item)
    sections = []
    for year, entries in years.items():
        rows = "".join(_item(item) for item in entries)
        sections.append(f'<section class="timeline-year" id="y{year}" data-year="{year}" aria-labelledby="y{year}-heading">'
                        f'<h2 id="y{year}-heading">{year} <span class="count">({len(entries)})</span></h2>'
                        f'<ol class="timeline-items">{rows}</ol></section>')
    return f'<div class="timeline-list">{"".join(sections)}</div>'


def _item(item: Item) -> str:
    span = item.span
    if span.kind == "point":
        date = f'<time datetime="{e(span.start if span.start == span.end else _iso_of(span))}">{e(span.label)}</time>'
    else:
        date = f'<span class="date-range">{e(span.label)}</span>'
    classes = ["timeline-item", f"date-{span.kind}"] + (["unsure"] if span.unsure else [])
    mark = ' <span class="uncertain">uncertain</span>' if span.unsure else ""
    what = f' <span class="what">{e(item.what)}</span>' if item.what else ""
    return (f'<li class="{" ".join(classes)}" data-start="{e(span.start)}" data-end="{e(span.end)}">'
            f'<span class="when">{date}{mark}</span> {_link(item.title, item.href)}{what}</li>')


def _link(title: str, href: str) -> str:
    return f'<a href="{e(href)}">{e(title)}</a>' if href else f'<span class="title">{e(title)}</span>'


def _iso_of(span: Span) -> str:
    # A month or a year, as written in a <time> element.
    if span.start[:7] == span.end[:7]:
        return span.start[:7]
    return span.start[:4]
