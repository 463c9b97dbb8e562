"""The client's address behind a reverse proxy, and small rate limits kept in Django's cache.

One helper for everything that counts per client or per name: django-axes (AXES_CLIENT_IP_CALLABLE),
the login slow-down per username, and the public verification page.

The cache is Django's default: per process (locmem) unless SAKIP_CACHE_URL names a Redis server.
With several worker processes and locmem, each process counts on its own, so a limit is reached
later (at most limit x workers); the nginx limits of the README stop floods before they arrive.
"""

import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or with SAKIP_PROXY_COUNT = N trusted proxies in front,
    the N-th address from the right of X-Forwarded-For (each proxy appends the address it saw;
    whatever the client itself wrote is further left and ignored)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "SAKIP_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote  # not through the expected proxies: do not trust the header
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _key(scope: str, ident: str) -> str:
    return f"rl:{scope}:{ident}"[:200]


def hit(scope: str, ident: str, *, limit: int, window: int) -> int:
    """Count one event of ``ident`` in the current window of ``window`` seconds.

    Returns 0 while within ``limit``, else the seconds until the window ends (when to retry).
    """
    now = time.time()
    bucket = int(now // window)
    key = _key(scope, f"{ident}:{bucket}")
    cache.add(key, 0, window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window + 1)
        count = 1
    return 0 if count <= limit else max(1, int((bucket + 1) * window - now) + 1)


def count(scope: str, ident: str, *, window: int) -> int:
    return cache.get(_key(scope, f"{ident}:{int(time.time() // window)}"), 0)


def spaced(scope: str, ident: str, *, every: int) -> int:
    """Allow one event per ``every`` seconds: 0 if this one may go, else the seconds to wait."""
    now = time.time()
    key = _key(scope, ident)
    if cache.add(key, now + every, every):
        return 0
    return max(1, int(float(cache.get(key, now)) - now) + 1)


def too_many(request, wait: int, message: str):
    response = render(
        request,
        "ratelimited.html",
        {"message": message, "wait": wait, "title": _("Terlalu banyak permintaan")},
    )
    response.status_code = 429
    response["Retry-After"] = str(wait)
    return response
