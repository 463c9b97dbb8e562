import re
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


_WORD = re.compile(r"[A-Za-z]+")
_ROMAN = re.compile(r"(?=[IVX])X{0,3}(IX|IV|V?I{0,3})")


def _keeps_its_case(word: str) -> bool:
    """A roman numeral (TW III, semester I) or an acronym (IKU, OPD, LKjIP) keeps its spelling."""
    return bool(_ROMAN.fullmatch(word)) or any(c.isupper() for c in word[1:])


@register.filter
def lower_words(text) -> str:
    """``Triwulan III`` -> ``triwulan III``: lower case for a sentence, numerals and acronyms kept."""
    return _WORD.sub(lambda m: m[0] if _keeps_its_case(m[0]) else m[0].lower(), str(text))


@register.filter
def upper_words(text) -> str:
    """``Laporan Kinerja (LKjIP)`` -> ``LAPORAN KINERJA (LKjIP)``: a mixed-case acronym keeps its spelling."""
    return _WORD.sub(
        lambda m: (
            m[0]
            if any(c.isupper() for c in m[0][1:]) and any(c.islower() for c in m[0]) and m[0][0].isupper()
            else m[0].upper()
        ),
        str(text),
    )
