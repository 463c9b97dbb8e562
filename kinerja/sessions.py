"""Sessions on shared office PCs: they end when the browser closes and after a period without activity.

The idle period is ``SESSION_COOKIE_AGE`` (``SAKIP_SESSION_IDLE_MINUTES``): Django's database
sessions expire that long after their last save. Saving on every request would write the session
row on every page and htmx call (on SQLite, a write lock each time); this middleware saves it at
most once per ``TOUCH_EVERY`` instead, so a session ends between idle - TOUCH_EVERY and idle after
the last request. The page warns a few minutes before (static/js/sakip.js).
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

TOUCH_EVERY = 60  # seconds
WARN_BEFORE = 300  # seconds: the notice "Sesi Anda akan berakhir dalam 5 menit"


def touch_interval() -> int:
    return max(1, min(TOUCH_EVERY, settings.SESSION_COOKIE_AGE // 10))


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        # Only when the request already read the session (not /healthz: it must not need the database).
        if session is not None and session.accessed and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - int(session.get("_seen", 0)) >= touch_interval():
                session["_seen"] = now  # modified: SessionMiddleware saves it with a new expiry
        return response


@receiver(user_logged_in, dispatch_uid="sakip-session-seen")
def mark_seen_at_login(sender, request, user, **kwargs) -> None:
    """Signing in saves the session anyway: record the time with it, so the next request
    does not write the session again (the framework's login hook, no domain logic)."""
    if request is not None and hasattr(request, "session"):
        request.session["_seen"] = int(time.time())


def idle_notice(request) -> dict:
    """For base.html: when the session of a signed-in user ends, so the page can warn first."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    age = settings.SESSION_COOKIE_AGE
    return {"session_idle_seconds": age, "session_warn_seconds": min(WARN_BEFORE, age // 2)}
