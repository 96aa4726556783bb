"""The visitor's address, for rate limits, lock-outs and the audit trail. Behind a reverse
proxy every request comes from the proxy, and X-Forwarded-For is whatever the client wrote
unless the proxy set it: the forwarded address is read only when the request comes from a
proxy named in PARKOS_TRUSTED_PROXIES, and then it is the right-most address no trusted proxy
added."""

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.PARKOS_TRUSTED_PROXIES
    if remote not in trusted:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if hop not in trusted:
            return hop
    return remote
