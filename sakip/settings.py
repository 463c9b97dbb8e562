"""Settings for SAKIP Kinerja, read from environment variables.

SQLite in the project folder by default; PostgreSQL through ``DATABASE_URL``.
``DEBUG`` is off unless asked for, and then ``SECRET_KEY`` must be given.
"""

import os
import sys
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on", "ya"}


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules

# Required when DEBUG is off: the WSGI/ASGI entry points refuse to start without it and
# `check --deploy` reports it. Management commands (migrate, check) still run.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
SECRET_KEY_MISSING = not SECRET_KEY
if SECRET_KEY_MISSING:
    SECRET_KEY = "django-insecure-development-only-key-set-SECRET_KEY-in-production"  # noqa: S105
# Old keys, still accepted when verifying (sessions, reset links, worksheet row keys) after a
# rotation of SECRET_KEY; signing always uses SECRET_KEY. Comma-separated.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")


ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "sakip.apps.SakipAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_fsm",
    "csp",
    "axes",
    "kinerja",
    "sop.apps.SopConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kinerja.sessions.IdleSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "kinerja.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sakip.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kinerja.context_processors.navigation",
                "kinerja.sessions.idle_notice",
            ],
        },
    },
]

WSGI_APPLICATION = "sakip.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default under concurrent writes (a sign-off holds the write lock for seconds):
    # - IMMEDIATE: every atomic block takes the write lock at BEGIN, so it WAITS (busy timeout) for
    #   the current writer. With the default DEFERRED, a block that read first and then wrote got
    #   "database is locked" at once: SQLite does not wait when waiting could deadlock.
    # - timeout: how long a writer waits, in seconds (SQLITE_TIMEOUT).
    # - WAL: readers never wait for a writer (pages load during a sign-off); synchronous=NORMAL is
    #   safe with WAL. Back up with `sqlite3 db.sqlite3 ".backup ..."` (README), not `cp`.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_TIMEOUT", "30")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "kinerja.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

if TESTING:
    # Hashing is not what the tests measure; the default PBKDF2 makes fixtures slow.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # counts failures and refuses a locked-out login
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The client's address: REMOTE_ADDR, or behind SAKIP_PROXY_COUNT trusted reverse proxies (nginx: 1)
# the address they append to X-Forwarded-For (kinerja.ratelimit.client_ip). Left at 0 behind a
# proxy, every user shares the proxy's address and anyone could lock anyone out; set above 0
# without a proxy, a client could claim any address.
SAKIP_PROXY_COUNT = int(os.environ.get("SAKIP_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "kinerja.ratelimit.client_ip"
# Per username across all addresses: after this many failures in the window, one try per EVERY
# seconds (kinerja.views.auth): slower guessing, never a lock-out of the real user.
SAKIP_LOGIN_SLOW_AFTER = int(os.environ.get("SAKIP_LOGIN_SLOW_AFTER", "10"))
SAKIP_LOGIN_SLOW_WINDOW = 15 * 60
SAKIP_LOGIN_SLOW_EVERY = int(os.environ.get("SAKIP_LOGIN_SLOW_EVERY", "30"))
# Public document verification, per client address.
SAKIP_VERIFY_PER_MINUTE = int(os.environ.get("SAKIP_VERIFY_PER_MINUTE", "30"))

# Rate-limit counters live in the cache: per process by default; SAKIP_CACHE_URL=redis://host:6379/1
# shares them between worker processes (needs `pip install redis`).
if os.environ.get("SAKIP_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["SAKIP_CACHE_URL"],
        }
    }

# Content-Security-Policy: only our own files; inline <style> only with the per-request nonce.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "kinerja:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Numbers are written by our own filters (kinerja.numbers); years must not read "2.026".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded evidence lives outside the static root and is served only through views
# that check access.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

WHITENOISE_USE_FINDERS = DEBUG or TESTING

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail: console in development, SMTP when EMAIL_HOST is given.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Seconds for each SMTP network operation: a slow or dead mail server cannot hold a request long
# (mail goes out after the commit, in the request; a failure is logged, never undoes anything).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SAKIP Kinerja <noreply@localhost>")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)

# Security. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=1.
SESSION_COOKIE_HTTPONLY = True
# Shared office PCs: the session ends when the browser closes, and after SAKIP_SESSION_IDLE_MINUTES
# without a request (kinerja.sessions renews it at most once a minute; the page warns 5 min before).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = max(60, int(float(os.environ.get("SAKIP_SESSION_IDLE_MINUTES", "60")) * 60))
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG and not TESTING)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz is probed over plain HTTP by load balancers inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Product settings.
SAKIP_EVIDENCE_MAX_BYTES = int(os.environ.get("SAKIP_EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024)))
# Set deliberately (README, nginx): form fields without files may total 2.5 MB (the largest form,
# the SOP editor with 60 steps, is far below); an uploaded file above 2.5 MB is streamed to a
# temporary file instead of held in memory. The size limits per upload kind are the SAKIP_*_MAX_BYTES
# above and below, and nginx's client_max_body_size must let the largest through.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Paper for printed documents: A4 or F4 (folio, 215 x 330 mm), landscape for SOPs.
SAKIP_PAPER = os.environ.get("SAKIP_PAPER", "A4").upper()
SAKIP_XLSX_MAX_BYTES = int(os.environ.get("SAKIP_XLSX_MAX_BYTES", str(5 * 1024 * 1024)))
# The public address printed (as a QR code) on signed documents for verification.
SAKIP_BASE_URL = os.environ.get("SAKIP_BASE_URL", "http://127.0.0.1:8000")
# Run background jobs (the sign-off) inline instead of in a thread: tests and debugging.
SAKIP_RUN_JOBS_INLINE = env_bool("SAKIP_RUN_JOBS_INLINE", TESTING)
