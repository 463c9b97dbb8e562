import os

from django.core.asgi import get_asgi_application
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")

application = get_asgi_application()

from django.conf import settings  # noqa: E402

if settings.SECRET_KEY_MISSING and not settings.DEBUG:
    raise ImproperlyConfigured(
        "SECRET_KEY harus diisi ketika DEBUG mati (set environment variable SECRET_KEY)."
    )
