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


def test_a_number_column_writes_counts_whole_and_measures_with_two_decimals():
    from parkos.core.tables import NumberColumn

    column = NumberColumn()
    assert (column.render(57), column.render(2000)) == ("57", "2,000")
    assert column.render(Decimal("12.5")) == "12.50"
    assert NumberColumn(places=0).render(Decimal("450000")) == "450,000"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_figures_are_grouped_as_the_languages_number_format_groups_them(language):
    from django.utils import translation
    from django.utils.formats import number_format

    from parkos.core.templatetags.units import num
    from parkos.core.units import quantize

    values = ["0", "-0.001", "0.005", "-1234.565", "999.995", "1234567.891", "-98765432109.5"]
    with translation.override(language):
        for value in values:
            for places in (0, 1, 2):
                expected = number_format(
                    quantize(Decimal(value), places), decimal_pos=places, force_grouping=True
                )
                assert num(Decimal(value), places) == expected, (value, places)
