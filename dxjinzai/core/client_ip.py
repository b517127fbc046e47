"""The address of the person at the other end, behind a reverse proxy or not.

Behind the proxy every request arrives from the proxy's address; the person's address is
in X-Forwarded-For, which anyone can also send. So the header is believed only when the
request comes from one of the proxies named in DJANGO_TRUSTED_PROXIES, and then only as far
back as the chain of trusted proxies goes: the right-most address that is not a trusted
proxy is the client. The login lockout (django-axes) and the public form's rate limits key
on this address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _is_trusted(address: str, networks: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the client named by trusted proxies in X-Forwarded-For."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [part.strip() for part in forwarded.split(",") if part.strip()]
    for address in reversed(chain):
        if not _is_trusted(address, networks):
            return address
    return chain[0] if chain else remote
