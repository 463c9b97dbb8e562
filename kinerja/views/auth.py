"""Signing in, slowed per username across all addresses.

django-axes locks a (username, address) pair after AXES_FAILURE_LIMIT failures. Guessing one
account's password from many addresses is slowed here instead: after SAKIP_LOGIN_SLOW_AFTER
failures for a username within SAKIP_LOGIN_SLOW_WINDOW seconds, that username may try once every
SAKIP_LOGIN_SLOW_EVERY seconds (from anywhere). The real user waits seconds, never a lock-out.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from kinerja import ratelimit


def _username(request) -> str:
    return (request.POST.get("username") or "").strip().lower()[:150]


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = _username(request)
        window = settings.SAKIP_LOGIN_SLOW_WINDOW
        if (
            username
            and ratelimit.count("login-fail", username, window=window) >= settings.SAKIP_LOGIN_SLOW_AFTER
        ):
            wait = ratelimit.spaced("login-try", username, every=settings.SAKIP_LOGIN_SLOW_EVERY)
            if wait:
                # Not checked at all (so not counted by axes either): the form comes back with the reason.
                form = self.get_form_class()(request, initial={"username": request.POST.get("username", "")})
                context = self.get_context_data(form=form)
                context["slow_down"] = _(
                    "Terlalu banyak percobaan masuk yang gagal untuk nama pengguna ini. "
                    "Coba lagi dalam %(wait)d detik."
                ) % {"wait": wait}
                response = self.render_to_response(context, status=429)
                response["Retry-After"] = str(wait)
                return response
        response = super().post(request, *args, **kwargs)
        if username and response.status_code == 200:  # the form came back: the password was wrong
            ratelimit.hit("login-fail", username, limit=10**6, window=window)
        return response
