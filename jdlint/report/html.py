"""The HTML review report: one self-contained file (inline CSS and SVG charts, no scripts, no
external assets) rendered with jinja2 from the view model.

Every piece of document text is escaped by jinja2's autoescape; the SVG charts are built here
from numbers and escaped labels only. Nothing time-dependent is written unless asked
(``stamp``), so the same input gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from jdlint import __version__
from jdlint.report.labels import counted, label
from jdlint.report.view import FileView, ReportView

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_COLOURS = {"error": "#b3261e", "warning": "#b26a00", "info": "#2f5d9e"}


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(_TEMPLATES)),
                       autoescape=select_autoescape(["html", "j2"], default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


_LEGEND: Final = (("error", "errors"), ("warning", "warnings"), ("info", "infos"))


def _stacked_bars(rows: list[tuple[str, dict[str, int]]], title: str, lang: str) -> Markup:
    """Horizontal stacked bars (errors, warnings, infos), one row per label, under a legend;
    each bar's tooltip names its count in the report's language. The SVG scales to the width
    of the page (a phone's too) through its viewBox."""
    width, bar_x, row_h, top = 760, 260, 22, 30
    biggest = max((sum(c.values()) for _, c in rows), default=0) or 1
    height = row_h * len(rows) + top + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
             f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet">',
             f"<title>{escape(title)}</title>", '<g class="legend">']
    x = float(bar_x)
    for severity, key in _LEGEND:
        name = label(key, lang)
        parts.append(f'<rect x="{x:.0f}" y="6" width="12" height="12" '
                     f'fill="{_COLOURS[severity]}"/><text x="{x + 17:.0f}" y="16" '
                     f'font-size="12" font-family="Arial">{escape(name)}</text>')
        x += 17 + 7.5 * len(name) + 22
    parts.append("</g>")
    for i, (name, counts) in enumerate(rows):
        y = top + i * row_h
        short = name if len(name) <= 38 else "…" + name[-37:]
        parts.append(f'<text x="{bar_x - 8}" y="{y + 14}" text-anchor="end" '
                     f'font-size="12" font-family="Arial">{escape(short)}</text>')
        x = float(bar_x)
        for severity, key in _LEGEND:
            n = counts.get(severity, 0)
            if not n:
                continue
            w = (width - bar_x - 40) * n / biggest
            tip = counted(key, n, lang)
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="16" '
                         f'fill="{_COLOURS[severity]}"><title>{escape(tip)}</title></rect>')
            x += w
        total = sum(counts.values())
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 13}" font-size="12" '
                     f'font-family="Arial">{total}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _family_chart(view: FileView, names: dict[str, str], lang: str) -> Markup:
    if not view.rows:
        return Markup("")
    per_family: dict[str, dict[str, int]] = {}
    for row in view.rows:
        fam = names.get(row.code[:3], row.code[:3])
        bucket = per_family.setdefault(fam, {})
        bucket[row.severity] = bucket.get(row.severity, 0) + 1
    return _stacked_bars(sorted(per_family.items()), label("by_family", lang), lang)


def render_html(view: ReportView, *, stamp: str | None = None) -> str:
    """The report as one HTML document."""
    return "".join(html_chunks(view, stamp=stamp))


def html_chunks(view: ReportView, *, stamp: str | None = None) -> Iterator[str]:
    """``render_html`` piece by piece: a thousand documents' page is tens of MB, written as it
    is made instead of held whole (issue 19)."""
    lang = view.lang
    overview = _stacked_bars([(f.path, f.counts) for f in view.files], label("overview", lang),
                             lang)
    family_svgs = {f.anchor: _family_chart(f, view.family_names, lang) for f in view.files}
    template = _environment().get_template("report.html.j2")
    return template.generate(
        v=view, version=__version__, stamp=stamp, overview_svg=overview,
        family_svgs=family_svgs, L=lambda key, **fmt: label(key, lang, **fmt),
        N=lambda key, n: counted(key, n, lang),
    )
