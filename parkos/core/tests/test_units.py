"""Figures are rounded half up (四舍五入) wherever they are shown; Django's number_format alone
would cut the digits off."""

from decimal import Decimal

import pytest

from parkos.core.templatetags.units import mu, percent, wan, yi


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (lambda: percent(Decimal("1.0899"), 0), "109%"),
        (lambda: percent(Decimal("0.12345"), 1), "12.3%"),
        (lambda: percent(Decimal("0.12355"), 1), "12.4%"),
        (lambda: mu(Decimal("2.675")), "2.68"),
        (lambda: wan(Decimal("1234565")), "123.46"),
        (lambda: yi(Decimal("1234567890")), "12.35"),
    ],
)
def test_every_figure_is_rounded_half_up(shown, expected):
    assert shown() == expected
