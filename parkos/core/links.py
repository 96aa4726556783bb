"""Addresses: of a row's page, for `get_absolute_url` (reversing a route resolves it on every
call, ~15 µs, and a list of 25 rows links 25 to 50 of them), and of a list filtered the way a
figure or a section counted its rows (`list_url`)."""

from functools import cache
from urllib.parse import urlencode

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# An id no table reaches, reversed in a route's place to find what surrounds the id.
_MARK = 918_273_645_546_372_819


@cache
def _around_id(route_name: str, script_prefix: str, urlconf) -> tuple[str, str] | None:
    try:
        url = reverse(route_name, args=[_MARK])
    except NoReverseMatch:
        return None
    head, found, tail = url.partition(str(_MARK))
    return (head, tail) if found and str(_MARK) not in tail else None


def object_url(route_name: str, pk) -> str:
    """`reverse(route_name, args=[pk])` for a route whose one argument is the row's id
    (`<int:pk>`, which writes it as `str(pk)`): the route is reversed once per process and
    the id written in its place. Any other id goes through `reverse`."""
    around = None
    if type(pk) is int and pk >= 0:
        around = _around_id(route_name, get_script_prefix(), get_urlconf())
    return reverse(route_name, args=[pk]) if around is None else f"{around[0]}{pk}{around[1]}"


def list_url(route_name: str, **params) -> str:
    """The list page `route_name` with `params` as its filters (empty ones left out): where a
    figure or a shortened section leads to every row behind it."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")}, doseq=True)
    return reverse(route_name) + (f"?{query}" if query else "")
