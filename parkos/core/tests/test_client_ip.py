"""The visitor's address: X-Forwarded-For counts only when a trusted proxy sent the request."""

from django.test import RequestFactory

from parkos.core.http import client_ip


def _request(remote, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_a_forged_forwarded_address_is_ignored_without_a_trusted_proxy(settings):
    settings.PARKOS_TRUSTED_PROXIES = frozenset()
    assert client_ip(_request("203.0.113.9", "10.0.0.1")) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_address_it_saw_counts(settings):
    settings.PARKOS_TRUSTED_PROXIES = frozenset({"10.0.0.2"})
    # The client wrote 1.2.3.4 itself; the proxy appended the address it really saw.
    assert client_ip(_request("10.0.0.2", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    assert client_ip(_request("10.0.0.2")) == "10.0.0.2"
