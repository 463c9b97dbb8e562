from django import template

from kinerja.numbers import format_decimal, format_plain
from kinerja.validators import format_nip

register = template.Library()


@register.filter
def angka(value, places: int = 2) -> str:
    """``1234.5`` -> ``1.234,50``; empty for None."""
    return format_decimal(value, places=int(places))


@register.filter
def angka_polos(value) -> str:
    """A stored value without padding zeros: ``12.5000`` -> ``12,5``."""
    return format_plain(value)


@register.filter
def nip(value) -> str:
    return format_nip(value or "")
