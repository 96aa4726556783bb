"""Template filters for the units of Chinese park reports."""

from decimal import Decimal
from functools import cache

from django import template
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language

from parkos.core.units import MU_IN_M2, quantize, to_wan, to_yi

register = template.Library()


@cache
def _separators(language):
    """The language's decimal mark and thousands separator when it groups by three (every
    language ParkOS ships: parkos/formats), else None."""
    if get_format("NUMBER_GROUPING", language) != 3:
        return None
    return get_format("DECIMAL_SEPARATOR", language), get_format("THOUSAND_SEPARATOR", language)


def _fmt(value, places=2):
    """Rounded half up (四舍五入), the one rounding rule of every figure ParkOS shows: Django's
    number_format cuts the digits off instead (108.99 % would read 108 % beside a 109 %).
    Grouped by Python's format, as number_format would group it: a board of 180 cards spent
    a third of its rendering in number_format's per-call locale lookups."""
    places = int(places)
    rounded = quantize(Decimal(value), places)
    separators = _separators(get_language())
    if separators is None:
        return number_format(rounded, decimal_pos=places, force_grouping=True)
    text = f"{rounded.copy_abs() if rounded.is_zero() else rounded:,.{places}f}"  # no "-0"
    if separators != (".", ","):
        decimal, thousand = separators
        text = text.replace(",", "\0").replace(".", decimal).replace("\0", thousand)
    return text


@register.filter
def wan(yuan):
    """1234567 → '123.46' (万元); '—' for unknown."""
    value = to_wan(yuan)
    return "—" if value is None else _fmt(value)


@register.filter
def yi(yuan):
    value = to_yi(yuan)
    return "—" if value is None else _fmt(value)


@register.filter
def num(value, places=2):
    """A measured number (m, kN/m², yuan per m²) with separators and fixed decimals."""
    return "—" if value is None or value == "" else _fmt(Decimal(value), places)


@register.filter
def mu(value):
    return "—" if value is None else _fmt(Decimal(value))


@register.filter
def m2_as_mu(m2):
    return "—" if m2 is None else _fmt(Decimal(m2) / MU_IN_M2)


@register.filter
def percent(value, places=1):
    return "—" if value is None else f"{_fmt(Decimal(value) * 100, int(places))}%"


@register.filter
def signed_percent(value):
    if value is None:
        return "—"
    text = _fmt(Decimal(value) * 100, 1)
    return f"+{text}%" if value > 0 else f"{text}%"
