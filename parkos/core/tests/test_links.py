"""A row's address (core/links.py) is the one `reverse` gives, for every route of one int id."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse, set_script_prefix
from django.urls.converters import IntConverter

from parkos.core.links import object_url


def routes_of_one_id(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes_of_one_id(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            converters = getattr(pattern.pattern, "converters", {})
            if len(converters) == 1 and isinstance(next(iter(converters.values())), IntConverter):
                yield f"{namespace}{pattern.name}"


def test_every_route_of_one_id_gives_reverses_address():
    names = list(routes_of_one_id())
    assert "enterprises:detail" in names and "enterprises:contact" in names
    for name in names:
        for pk in (0, 1, 7, 12345, 10**12):
            assert object_url(name, pk) == reverse(name, args=[pk]), (name, pk)
        assert object_url(name, "12") == reverse(name, args=["12"])  # not an int: reverse's


def test_an_address_follows_the_script_prefix():
    try:
        set_script_prefix("/parkos/")
        assert object_url("enterprises:detail", 5) == "/parkos/enterprises/5/"
    finally:
        set_script_prefix("/")
    assert object_url("enterprises:detail", 5) == "/enterprises/5/"
