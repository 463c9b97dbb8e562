"""Server-rendered SVG charts (no chart library, no CDN, works offline and in PDFs).

Every label goes through Django's escaping; numbers are formatted by kinerja.numbers.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

from kinerja.numbers import format_decimal

MUTED = "#6c757d"


def _html(template: str, *args) -> SafeString:
    """Like format_html, but numbers keep their type so ``{:.1f}`` works; text is escaped."""
    return mark_safe(  # noqa: S308 (text arguments are escaped here)
        template.format(*(conditional_escape(a) if isinstance(a, str) else a for a in args))
    )


def _num(value: Decimal | float | None) -> float:
    return float(value) if value is not None else 0.0


def _svg(width: int, height: int, body: list[str], title: str) -> SafeString:
    return mark_safe(  # noqa: S308 (every piece below is built with escape/format_html)
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(title)}" class="chart" font-family="system-ui, sans-serif" '
        f'font-size="12">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def horizontal_bars(
    items: Sequence[tuple[str, Decimal | None, str]], *, title: str, reference: Decimal = Decimal(100)
) -> SafeString:
    """One bar per item (label, capaian %, colour); a dashed line marks 100%."""
    if not items:
        return SafeString("")
    label_w, bar_w, row_h = 260, 320, 24
    height = row_h * len(items) + 24
    top = max([_num(v) for _, v, _ in items] + [float(reference)]) * 1.1 or 1
    scale = bar_w / top
    body = []
    for i, (label, value, colour) in enumerate(items):
        y = 8 + i * row_h
        short = label if len(label) <= 34 else label[:33] + "…"
        body.append(
            _html(
                '<text x="{}" y="{}" text-anchor="end" fill="#212529"><title>{}</title>{}</text>',
                label_w - 6,
                y + 15,
                label,
                short,
            )
        )
        if value is None:
            body.append(_html('<text x="{}" y="{}" fill="{}">belum diisi</text>', label_w + 4, y + 15, MUTED))
            continue
        width = max(_num(value), 0) * scale
        body.append(
            _html(
                '<rect x="{}" y="{}" width="{:.1f}" height="{}" rx="3" fill="{}"></rect>'
                '<text x="{:.1f}" y="{}" fill="#212529">{}%</text>',
                label_w,
                y + 3,
                width,
                row_h - 8,
                colour,
                label_w + width + 4,
                y + 15,
                format_decimal(value),
            )
        )
    ref_x = label_w + float(reference) * scale
    body.append(
        _html(
            '<line x1="{:.1f}" x2="{:.1f}" y1="2" y2="{}" stroke="{}" stroke-dasharray="4 3"></line>'
            '<text x="{:.1f}" y="{}" fill="{}" text-anchor="middle">{}%</text>',
            ref_x,
            ref_x,
            height - 14,
            MUTED,
            ref_x,
            height - 2,
            MUTED,
            format_decimal(reference, 0),
        )
    )
    return _svg(label_w + bar_w + 70, height, body, title)


def column_counts(items: Sequence[tuple[str, int, str]], *, title: str) -> SafeString:
    """Vertical bars of counts (one per predikat)."""
    if not items:
        return SafeString("")
    col_w, gap, chart_h = 84, 12, 150
    top = max([c for _, c, _ in items] + [1])
    body = []
    for i, (label, count, colour) in enumerate(items):
        x = 10 + i * (col_w + gap)
        h = count / top * chart_h
        body.append(
            _html(
                '<rect x="{}" y="{:.1f}" width="{}" height="{:.1f}" rx="3" fill="{}"></rect>'
                '<text x="{}" y="{:.1f}" text-anchor="middle" fill="#212529">{}</text>'
                '<text x="{}" y="{}" text-anchor="middle" fill="#212529">{}</text>',
                x,
                20 + chart_h - h,
                col_w,
                h,
                colour,
                x + col_w / 2,
                14 + chart_h - h,
                count,
                x + col_w / 2,
                chart_h + 36,
                label,
            )
        )
    return _svg(20 + len(items) * (col_w + gap), chart_h + 46, body, title)


def line(points: Sequence[tuple[str, Decimal | None]], *, title: str) -> SafeString:
    """A line over the quarters; missing points break nothing, they are simply not drawn."""
    if not points:
        return SafeString("")
    width, height, pad = 420, 200, 36
    values = [_num(v) for _, v in points if v is not None]
    top = max(values + [100.0]) * 1.1
    step = (width - 2 * pad) / max(len(points) - 1, 1)

    def xy(i, v):
        return pad + i * step, height - pad - _num(v) / top * (height - 2 * pad)

    body = [
        _html(
            '<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="{}" stroke-dasharray="4 3"></line>',
            pad,
            width - pad,
            xy(0, 100)[1],
            xy(0, 100)[1],
            MUTED,
        )
    ]
    coords = [xy(i, v) for i, (_, v) in enumerate(points) if v is not None]
    if len(coords) > 1:
        body.append(
            _html(
                '<polyline fill="none" stroke="#0d6efd" stroke-width="2" points="{}"></polyline>',
                " ".join(f"{x:.1f},{y:.1f}" for x, y in coords),
            )
        )
    for i, (label, value) in enumerate(points):
        x, y = xy(i, value)
        body.append(
            _html(
                '<text x="{:.1f}" y="{}" text-anchor="middle" fill="#212529">{}</text>', x, height - 10, label
            )
        )
        if value is not None:
            body.append(
                _html(
                    '<circle cx="{:.1f}" cy="{:.1f}" r="4" fill="#0d6efd"></circle>'
                    '<text x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="#212529">{}%</text>',
                    x,
                    y,
                    x,
                    y - 8,
                    format_decimal(value),
                )
            )
    return _svg(width, height, body, title)


def paired_bars(
    items: Sequence[tuple[str, Decimal | None, Decimal | None]], *, title: str, legends: tuple[str, str]
) -> SafeString:
    """Two bars per item (e.g. serapan anggaran and capaian kinerja), with a legend."""
    if not items:
        return SafeString("")
    label_w, bar_w, row_h = 260, 300, 40
    colours = ("#6f42c1", "#0d6efd")
    height = row_h * len(items) + 30
    top = max([_num(a) for _, a, _ in items] + [_num(b) for _, _, b in items] + [100.0]) * 1.1
    scale = bar_w / top
    body = []
    for k, legend in enumerate(legends):
        body.append(
            _html(
                '<rect x="{}" y="4" width="12" height="12" fill="{}"></rect>'
                '<text x="{}" y="14" fill="#212529">{}</text>',
                label_w + k * 150,
                colours[k],
                label_w + 16 + k * 150,
                legend,
            )
        )
    for i, (label, first, second) in enumerate(items):
        y = 26 + i * row_h
        short = label if len(label) <= 34 else label[:33] + "…"
        body.append(
            _html(
                '<text x="{}" y="{}" text-anchor="end" fill="#212529"><title>{}</title>{}</text>',
                label_w - 6,
                y + 20,
                label,
                short,
            )
        )
        for k, value in enumerate((first, second)):
            yy = y + 3 + k * 16
            if value is None:
                body.append(_html('<text x="{}" y="{}" fill="{}">–</text>', label_w + 4, yy + 11, MUTED))
                continue
            w = max(_num(value), 0) * scale
            body.append(
                _html(
                    '<rect x="{}" y="{}" width="{:.1f}" height="13" rx="2" fill="{}"></rect>'
                    '<text x="{:.1f}" y="{}" fill="#212529">{}%</text>',
                    label_w,
                    yy,
                    w,
                    colours[k],
                    label_w + w + 4,
                    yy + 11,
                    format_decimal(value),
                )
            )
    return _svg(label_w + bar_w + 70, height, body, title)


def sparkline(values: Sequence[Decimal | None]) -> SafeString:
    """A tiny trend of capaian over the quarters for a table cell."""
    present = [(i, _num(v)) for i, v in enumerate(values) if v is not None]
    if len(present) < 2:
        return SafeString("")
    width, height = 64, 20
    top = max([v for _, v in present] + [100.0])
    step = (width - 4) / max(len(values) - 1, 1)
    points = " ".join(f"{2 + i * step:.1f},{height - 2 - v / top * (height - 4):.1f}" for i, v in present)
    label = ", ".join("–" if v is None else format_decimal(v) for v in values)
    return mark_safe(  # noqa: S308 (numbers only, label escaped)
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="Tren capaian: {escape(label)}">'
        f"<title>Tren capaian per triwulan: {escape(label)}</title>"
        f'<polyline fill="none" stroke="#0d6efd" stroke-width="1.5" points="{points}"></polyline></svg>'
    )
