from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import format_html

from kinerja.charts import sparkline
from kinerja.numbers import format_decimal, format_plain
from kinerja.validators import format_nip

register = template.Library()


@register.filter
def angka(value, places: int = 2) -> str:
    """``1234.5`` -> ``1.234,50``; empty for None."""
    return format_decimal(value, places=int(places))


@register.filter
def angka_polos(value) -> str:
    """A value for display without padding zeros: ``12.5000`` -> ``12,5``.

    Display rounds to at most two decimals, half up (an average of quarters may have
    more); stored values stay unrounded.
    """
    if value is None:
        return ""
    if isinstance(value, Decimal) and value.as_tuple().exponent < -2:
        value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return format_plain(value)


@register.filter
def nip(value) -> str:
    return format_nip(value or "")


@register.simple_tag
def predikat_badge(band, empty: str = "Belum dapat dihitung"):
    """A predikat label with its Pemda colour as a dot (an SVG fill, so no inline style)."""
    if band is None:
        return format_html('<span class="badge text-bg-light border predikat">{}</span>', empty)
    return format_html(
        '<span class="badge text-bg-light border predikat">'
        '<svg width="10" height="10" aria-hidden="true">'
        '<circle cx="5" cy="5" r="5" fill="{}"></circle></svg> '
        "{}</span>",
        band.colour,
        band.label,
    )


@register.filter
def persen(value) -> str:
    """A capaian for display: ``107,14%``; empty string for None."""
    return f"{format_decimal(value)}%" if value is not None else ""


@register.filter
def spark(values):
    return sparkline(values)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
