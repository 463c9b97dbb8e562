"""Indonesian number reading and writing: ``1.234,56`` (pure functions, no Django)."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_GROUPED_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")


def parse_decimal(text: str) -> Decimal:
    """Read a number typed by a person, Indonesian style first.

    ``1.234,56`` and ``1234,56`` are Indonesian; ``1.500`` is one thousand five hundred
    (dots group thousands); ``12.5`` (not a thousands grouping) is read as a decimal
    point, as typed by someone used to English spreadsheets. Raises ValueError.
    """
    cleaned = (text or "").strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        raise ValueError("empty")
    if "," in cleaned:
        if cleaned.count(",") > 1:
            raise ValueError("two decimal commas")
        whole, fraction = cleaned.split(",")
        if "." in whole and not _GROUPED_THOUSANDS.match(whole):
            raise ValueError("misplaced thousands separator")
        cleaned = whole.replace(".", "") + "." + fraction
    elif _GROUPED_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        raise ValueError("not a number")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError("not a number") from None
    if not value.is_finite():
        raise ValueError("not finite")
    return value


def format_decimal(value: Decimal | int | float | None, places: int = 2, empty: str = "") -> str:
    """Round half up to ``places`` and write ``1.234,56``; ``empty`` for None."""
    if value is None:
        return empty
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    quantum = Decimal(1).scaleb(-places)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    digits = f"{abs(rounded):.{places}f}"
    whole, _, fraction = digits.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    if places > 0:
        text += "," + fraction
    return sign + text


def format_plain(value: Decimal | None) -> str:
    """Write a stored value without padding zeros, Indonesian style (``12,5``; ``1.500``)."""
    if value is None:
        return ""
    normalized = value.normalize()
    exponent = normalized.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_decimal(value, places=places)


def small_int(text, *, minimum: int = 0, maximum: int = 999_999_999) -> int | None:
    """A whole number from a query string or a cell, within bounds; None for anything else.

    ``str.isdigit`` is not enough: it accepts '²' (which int() refuses) and numbers too large
    for the database's integer columns.
    """
    value = str(text if text is not None else "").strip()
    if not value.isascii() or not value.isdecimal() or len(value) > 10:
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None
