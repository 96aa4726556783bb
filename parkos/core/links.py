"""The address of a row's page, for `get_absolute_url`: reversing a route resolves it on every
call (~15 µs), and a list of 25 rows links 25 to 50 of them."""

from functools import cache

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
