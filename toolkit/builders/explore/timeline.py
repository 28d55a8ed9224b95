"""The timeline page's content: how many items each year holds (a histogram), then every item
by year, each with its date as the TEI gives it (ranges and uncertain dates said as such) and
a link to where it stands; then the undated ones.

Dates before the common era are not drawn on the axis, which begins at the year 1: they are
listed after it, in order of date, under a heading that says so.

The list is the page: it reads without JavaScript. ``assets/explore.js`` adds zoom (a decade,
a year) by showing only the years chosen and drawing the histogram again for them.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from html import escape

from toolkit.builders.explore.dating import Span
from toolkit.interface_words import Words
from toolkit.iso_dates import chronological_key

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
    return sorted(items, key=lambda item: (chronological_key(item.span.start), chronological_key(item.span.end),
                                           item.title.casefold(), item.href))


def fragment(items: list[Item], undated: list[Undated], *, words: Words, kind: str, intro: str = "") -> str:
    """The page's content (``<h1>`` to the list of undated items) as HTML, in the language of ``words``.
    ``kind`` names what the items are, as the words say them: "dated-documents", "dated-items"
    (documents and events) or "dates" (``timeline-KIND``, ``timeline-KIND-count``)."""
    earlier = ordered([item for item in items if item.span.before_common_era])
    items = ordered([item for item in items if not item.span.before_common_era])
    unsure = sum(1 for item in items + earlier if item.span.unsure)
    summary = [escape(words.count(f"timeline-{kind}-count", len(items) + len(earlier)))]
    if items:
        summary[0] += ", " + escape(words("year-span", start=items[0].span.year,
                                          end=max(item.span.end_year for item in items)))
    if unsure:
        summary.append(escape(words("uncertain-summary", n=unsure, mark=words("uncertain"))))
    if earlier:
        summary.append(f'<a href="#before-common-era">{escape(words("before-common-era-count", n=len(earlier)))}</a>')
    if undated:
        summary.append(f'<a href="#undated">{escape(words.count("undated-count", len(undated)))}</a>')
    parts = [f'<h1>{escape(words("timeline"))}</h1>{intro}<p class="timeline-summary">{escape(words("list-separator")).join(summary)}.</p>']
    if items:
        parts.append(_density(items, kind, words))
        parts.append(_controls(words))
        parts.append(_years_nav(items, words))
        parts.append(_by_year(items, words))
    if earlier:
        rows = "".join(_item(item, words) for item in earlier)
        parts.append(f'<section class="timeline-before-common-era" id="before-common-era" aria-labelledby="before-common-era-heading">'
                     f'<h2 id="before-common-era-heading">{escape(words("before-common-era-heading"))} ({len(earlier)})</h2>'
                     f'<p>{escape(words("before-common-era-reason"))}</p><ol class="timeline-items">{rows}</ol></section>')
    if undated:
        rows = "".join(f'<li>{_link(entry.title, entry.href)}</li>' for entry in undated)
        parts.append(f'<section class="timeline-undated" id="undated" aria-labelledby="undated-heading">'
                     f'<h2 id="undated-heading">{escape(words("undated-heading"))} ({len(undated)})</h2><ul>{rows}</ul></section>')
    return (f'<div class="timeline" data-words="{e(json.dumps(_script_words(kind, words), ensure_ascii=False))}">'
            f'{"".join(parts)}</div>')


def _script_words(kind: str, words: Words) -> dict[str, str]:
    """The words ``explore.js`` writes when it zooms, with their {placeholders} for it to fill."""
    keys = ("per-decade", "per-year", "per-month", "zoomed-caption", "showing", "whole-period", "decade", "label-value",
            "decade-name", "uncertain-count", *(f"month-short-{month}" for month in range(1, 13)))
    found = {key: words(key) for key in keys}
    found.update({"things": words(f"timeline-{kind}"), "count": words(f"timeline-{kind}-count"),
                  "count-one": words(f"timeline-{kind}-count-one")})
    return found


def _density(items: list[Item], kind: str, words: Words) -> str:
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
    name_of = (lambda start: words("decade", n=start)) if step == 10 else str  # noqa: E731
    for index, span in enumerate(bins):
        x = index * width
        if span is None:
            labels.append(f'<text class="break" x="{x + width / 2:.1f}" y="{base - 6}">…</text>')
            continue
        start = span[0]
        height_sure = base * sure[index] / peak
        height_unsure = base * unsure[index] / peak
        name = name_of(start)
        counted = words.count(f"timeline-{kind}-count", sure[index] + unsure[index])
        if unsure[index]:
            counted += f' ({words("uncertain-count", n=unsure[index])})'
        bars.append(f'<g class="bin" data-from="{span[0]}" data-to="{span[1]}"><title>{e(words("label-value", label=name, value=counted))}</title>'
                    f'<rect class="sure" x="{x + width * 0.1:.1f}" y="{base - height_sure:.1f}" '
                    f'width="{width * 0.8:.1f}" height="{height_sure:.1f}"/>'
                    f'<rect class="unsure" x="{x + width * 0.1:.1f}" y="{base - height_sure - height_unsure:.1f}" '
                    f'width="{width * 0.8:.1f}" height="{height_unsure:.1f}"/></g>')
        if index % label_every == 0 or index and bins[index - 1] is None:
            labels.append(f'<text x="{x + width / 2:.1f}" y="{HEIGHT - 6}">{e(name)}</text>')
    per = words("per-decade" if step == 10 else "per-year", things=words(f"timeline-{kind}"))
    real = [span for span in bins if span]
    peaks = [name_of(span[0]) for i, span in enumerate(bins) if span and sure[i] + unsure[i] == peak]
    when = ", ".join(peaks[:3]) if len(peaks) <= 3 else words("and-others", list=", ".join(peaks[:3]))
    description = words("density-description", per=per, span=words("year-span", start=real[0][0], end=real[-1][1]),
                        peak=peak, when=when)
    caption = words("density-caption", per=per) + (" " + words("axis-breaks") if None in bins else "")
    return (f'<figure class="timeline-density"><svg id="timeline-density" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'role="img" aria-label="{e(description)}" preserveAspectRatio="none">'
            f'<line class="axis" x1="0" y1="{base}" x2="{WIDTH}" y2="{base}"/>'
            f'{"".join(bars)}<g class="labels">{"".join(labels)}</g></svg>'
            f'<figcaption>{e(caption)}</figcaption></figure>')


def _bin_of(year: int, bins) -> int:
    return next(index for index, span in enumerate(bins) if span and span[0] <= year <= span[1])


def _controls(words: Words) -> str:
    # Shown by the script, which fills the choice of periods from the years below.
    return (f'<div class="timeline-zoom" hidden><label for="timeline-period">{e(words("show-period"))}</label> '
            f'<select id="timeline-period"></select> <button type="button" id="timeline-out">{e(words("zoom-out"))}</button> '
            '<span id="timeline-status" role="status"></span></div>')


def _years_nav(items: list[Item], words: Words) -> str:
    counts = Counter(item.span.year for item in items)
    decades: dict[int, list[int]] = {}
    for year in sorted(counts):
        decades.setdefault(year - year % 10, []).append(year)
    rows = "".join(
        f'<li><span class="decade">{e(words("decade", n=decade))}</span> '
        + " ".join(f'<a href="#y{year}">{year}<span class="count"> ({counts[year]})</span></a>' for year in years)
        + "</li>"
        for decade, years in decades.items()
    )
    return f'<nav class="timeline-years" aria-label="{e(words("years"))}"><ul>{rows}</ul></nav>'


def _by_year(items: list[Item], words: Words) -> str:
    years: dict[int, list[Item]] = {}
    for item in items:
        years.setdefault(item.span.year, []).append(item)
    sections = []
    for year, entries in years.items():
        rows = "".join(_item(item, words) for item in entries)
        sections.append(f'<section class="timeline-year" id="y{year}" data-year="{year}" aria-labelledby="y{year}-heading">'
                        f'<h2 id="y{year}-heading">{year} <span class="count">({len(entries)})</span></h2>'
                        f'<ol class="timeline-items">{rows}</ol></section>')
    return f'<div class="timeline-list">{"".join(sections)}</div>'


def _item(item: Item, words: Words) -> str:
    span = item.span
    if span.kind != "point":
        date = f'<span class="date-range">{e(span.label)}</span>'
    elif span.before_common_era:  # HTML's datetime attribute has no year before 1
        date = f'<span class="date">{e(span.label)}</span>'
    else:
        date = f'<time datetime="{e(span.start if span.start == span.end else _iso_of(span))}">{e(span.label)}</time>'
    classes = ["timeline-item", f"date-{span.kind}"] + (["unsure"] if span.unsure else [])
    mark = f' <span class="uncertain">{e(words("uncertain"))}</span>' if span.unsure else ""
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
