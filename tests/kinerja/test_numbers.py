from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.numbers import format_decimal, format_plain, parse_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("12,5", "12.5"),
        ("1.500", "1500"),
        ("1.500.000", "1500000"),
        ("12.5", "12.5"),
        ("0,75", "0.75"),
        ("-2,5", "-2.5"),
        (" 7 ", "7"),
        ("107.14", "107.14"),
    ],
)
def test_it_reads_indonesian_and_plain_numbers(text, expected):
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1.2.3,4", "12a", "NaN", "Infinity", "1e5", ","])
def test_it_refuses_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("1234.565"), 2, "1.234,57"),  # half up, not banker's rounding
        (Decimal("1234.564"), 2, "1.234,56"),
        (Decimal("0.125"), 2, "0,13"),
        (Decimal("-1234.5"), 2, "-1.234,50"),
        (Decimal("1000000"), 0, "1.000.000"),
        (Decimal("107.142857"), 2, "107,14"),
        (None, 2, ""),
    ],
)
def test_it_formats_indonesian_style_rounding_half_up(value, places, expected):
    assert format_decimal(value, places=places) == expected


def test_plain_format_drops_padding_zeros():
    assert format_plain(Decimal("12.5000")) == "12,5"
    assert format_plain(Decimal("1500.0000")) == "1.500"
    assert format_plain(None) == ""


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False))
def test_formatting_then_parsing_gives_back_the_value(value):
    assert parse_decimal(format_plain(value)) == value
