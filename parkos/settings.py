"""ParkOS settings: one module, every operator knob read from the environment.

Typed helpers refuse bad values at start-up instead of failing later (healthchecks style).
"""

import os
import secrets
from datetime import time, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PARKOS_VAR_DIR", BASE_DIR / "var"))


def env(name, default=""):
    return os.environ.get(name, default)


def envbool(name, default):
    value = os.environ.get(name, default).lower()
    if value not in ("true", "false", "1", "0", "yes", "no"):
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")
    return value in ("true", "1", "yes")


def envint(name, default):
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def envtime(name, default):
    """A time of day written HH:MM (24-hour)."""
    value = os.environ.get(name, default)
    try:
        return time.fromisoformat(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a time of day as HH:MM, not {value!r}") from exc


def _secret_key():
    """SECRET_KEY from the environment, else one generated once and kept in var/."""
    if key := env("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("PARKOS_DEBUG", "false")
# Demo mode (`make demo`): only then may `demo_users` create logins with the published password.
PARKOS_DEMO = envbool("PARKOS_DEMO", "false")
ALLOWED_HOSTS = env("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in env("CSRF_TRUSTED_ORIGINS").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    "ninja",
    "parkos.core",
    "parkos.accounts",
    "parkos.parks",
    "parkos.enterprises",
    "parkos.evaluation",
    "parkos.space",
    "parkos.portal",
    "parkos.investment",
    "parkos.chains",
    "parkos.service",
    "parkos.programmes",
    "parkos.reports",
    "parkos.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "parkos.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "parkos.core.middleware.BodySizeLimitMiddleware",
    "parkos.core.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "parkos.accounts.middleware.SessionLimitsMiddleware",
    "parkos.accounts.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "parkos.core.middleware.BusyDatabaseMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it turns a refused sign-in into the lock-out page
]

ROOT_URLCONF = "parkos.urls"
WSGI_APPLICATION = "parkos.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "parkos" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "parkos.core.context_processors.parkos",
                "parkos.service.context_processors.notifications",
            ],
        },
    },
]

# Widgets render through the project's templates, so parkos/templates/django/forms can override
# Django's (the select template inlines its options for speed); inputs and selects are written in
# Python by the same markup (core/renderers.py).
FORM_RENDERER = "parkos.core.renderers.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's web server and task worker share the file without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # QuerySet.iterator() (every model choice field of a form or filter) would read through a
    # server-side cursor: outside a transaction PostgreSQL materialises a WITH HOLD cursor's rows
    # anyway, and DECLARE, FETCH and CLOSE cost three round trips per field (2 ms of a list page).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: a locked-out user is refused before anything
    "parkos.accounts.backends.RoleBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reports:overview"
# Where a role lands after signing in, when it is not the overview.
PARKOS_LANDING_PAGES = {"steward": "service:my-work"}
LOGOUT_REDIRECT_URL = "accounts:login"
# Sessions end after this long without a request, and this long after signing in whatever the
# activity (parkos/accounts/middleware.py); the cookie never outlives the absolute limit.
PARKOS_SESSION_IDLE_MINUTES = envint("PARKOS_SESSION_IDLE_MINUTES", "30")
PARKOS_SESSION_MAX_HOURS = envint("PARKOS_SESSION_MAX_HOURS", "12")
SESSION_COOKIE_AGE = PARKOS_SESSION_MAX_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Django's database sessions, except that a save refused by a busy SQLite keeps the stored
# session rather than failing the page (parkos/core/sessions.py).
SESSION_ENGINE = "parkos.core.sessions"

# Lock-out (django-axes): after this many wrong passwords in a row for one user name, on the
# staff login and the admin login alike, the account is locked for the cool-off; signing in
# successfully resets the count. `manage.py axes_reset_username NAME` unlocks one at once.
AXES_FAILURE_LIMIT = envint("PARKOS_LOGIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("PARKOS_LOGIN_COOLOFF_MINUTES", "30"))
# By user name alone: a government office signs in from one NAT address, and a lock on the
# address would lock the whole office out after five typos by five people. axes.W006 warns
# that cookie or user-agent rotation bypasses locks keyed on those; a user-name lock is not.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "parkos.core.http.client_ip"
AXES_VERBOSE = False

# Addresses of the reverse proxies in front of ParkOS: only a request from one of them has its
# X-Forwarded-For read (parkos/core/http.py); any other request is from its own address.
PARKOS_TRUSTED_PROXIES = frozenset(a for a in env("PARKOS_TRUSTED_PROXIES").split(",") if a)

# One cache shared by every process (the public form's rate limit counts across workers and
# restarts): a database table by default, created by `manage.py createcachetable`.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "parkos_cache",
    }
}

# Roles that must give a code from an authenticator app after their password (TOTP).
PARKOS_SECOND_FACTOR_ROLES = [
    r
    for r in env(
        "PARKOS_SECOND_FACTOR_ROLES",
        "district_admin,park_admin,system_admin,security_admin,audit_admin",
    ).split(",")
    if r
]
OTP_TOTP_ISSUER = "ParkOS"

# API tokens work this many days after they are made; then a new one is needed.
PARKOS_API_TOKEN_DAYS = envint("PARKOS_API_TOKEN_DAYS", "90")

# `manage.py audit_prune` keeps the audit trail this many days (等保 level 3: at least 180).
PARKOS_AUDIT_RETENTION_DAYS = envint("PARKOS_AUDIT_RETENTION_DAYS", "180")

# The password policy (docs/security.md): 10 characters or more, three character classes, not
# like the user's name, not a common password, none of the user's last five.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("PARKOS_PASSWORD_MIN_LENGTH", "10")},
    },
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "parkos.accounts.passwords.CharacterClassesValidator"},
    {"NAME": "parkos.accounts.passwords.PasswordHistoryValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "parkos" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# Amounts grouped by thousands with commas, as Chinese reports print them (parkos/formats/).
FORMAT_MODULE_PATH = ["parkos.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "parkos" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("PARKOS_MEDIA_ROOT", str(BASE_DIR / "media")))
# Staff's restyled Word templates of the reports (yearly.docx); the shipped ones otherwise.
PARKOS_REPORT_TEMPLATE_DIR = env("PARKOS_REPORT_TEMPLATE_DIR", str(VAR_DIR / "report-templates"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Background work (long imports): Django's task framework on a database queue, so the demo
# needs no broker. Tests run tasks in-process.
TASKS = {
    "default": {
        "BACKEND": env("PARKOS_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# `manage.py backup` writes rows in this format (JSON lines, timestamps to the microsecond).
SERIALIZATION_MODULES = {"parkos-jsonl": "parkos.core.serializers"}

# Filters offer "all" rather than "---------" as their empty choice.
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("All")

DJANGO_TABLES2_TEMPLATE = "core/table.html"
DJANGO_TABLES2_PAGE_RANGE = 8

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

# Imports: the largest upload accepted, and the row count above which work goes to a task.
PARKOS_IMPORT_MAX_BYTES = envint("PARKOS_IMPORT_MAX_BYTES", str(20 * 1024 * 1024))
PARKOS_IMPORT_BACKGROUND_ROWS = envint("PARKOS_IMPORT_BACKGROUND_ROWS", "2000")
PARKOS_PHOTO_MAX_BYTES = envint("PARKOS_PHOTO_MAX_BYTES", str(8 * 1024 * 1024))
PARKOS_ATTACHMENT_MAX_BYTES = envint("PARKOS_ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = PARKOS_IMPORT_MAX_BYTES + 1024 * 1024
# Whole request bodies (core.middleware.BodySizeLimitMiddleware): a signed-in user's largest
# upload, and what an anonymous visitor may send (an enquiry, a sign-in).
PARKOS_MAX_BODY_BYTES = max(PARKOS_IMPORT_MAX_BYTES, PARKOS_ATTACHMENT_MAX_BYTES) + 1024 * 1024
PARKOS_ANONYMOUS_MAX_BODY_BYTES = envint("PARKOS_ANONYMOUS_MAX_BODY_BYTES", str(64 * 1024))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Investment pipeline: an open project with no stage change for this many days is flagged.
PARKOS_STALE_DAYS = envint("PARKOS_STALE_DAYS", "30")

# Enterprise service: a request received after this time of day (or on a rest day) counts from
# the next working day; service levels are in working days of the official calendar.
PARKOS_WORKDAY_END = envtime("PARKOS_WORKDAY_END", "17:30")
# An enterprise not visited for this many days (or never) is due a visit (My work, coverage).
PARKOS_VISIT_DUE_DAYS = envint("PARKOS_VISIT_DUE_DAYS", "90")

# Mail (the pipeline's reminders). Without a server, messages are printed, not sent.
PARKOS_SITE_URL = env("PARKOS_SITE_URL", "").rstrip("/")  # links in mails: https://park.example
_EMAIL_HOST = env("PARKOS_EMAIL_HOST", "")
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _EMAIL_HOST,
            "port": envint("PARKOS_EMAIL_PORT", "25"),
            "username": env("PARKOS_EMAIL_USER", ""),
            "password": env("PARKOS_EMAIL_PASSWORD", ""),
            "use_tls": envbool("PARKOS_EMAIL_TLS", "false"),
        },
    }
    if _EMAIL_HOST
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}
DEFAULT_FROM_EMAIL = env("PARKOS_EMAIL_FROM", "parkos@localhost")

# Map tiles, e.g. an intranet tile server "https://tiles.example.gov.cn/{z}/{x}/{y}.png". Empty:
# maps draw parcels and buildings on a plain background (the closed network has no tiles).
PARKOS_MAP_TILE_URL = env("PARKOS_MAP_TILE_URL", "")
PARKOS_MAP_ATTRIBUTION = env("PARKOS_MAP_ATTRIBUTION", "")

# Shown in the page header; empty means the name of the only park, or "district".
PARKOS_DISTRICT_NAME = env("PARKOS_DISTRICT_NAME", "")

# HTTPS in production (`PARKOS_HTTPS=true`): redirect plain HTTP, cookies only over HTTPS, HSTS.
# Behind a reverse proxy that ends TLS, its X-Forwarded-Proto is believed when
# PARKOS_TRUSTED_PROXIES names it (the proxy must set the header, never pass a client's on).
PARKOS_HTTPS = envbool("PARKOS_HTTPS", "false")
SECURE_SSL_REDIRECT = PARKOS_HTTPS and envbool("PARKOS_SSL_REDIRECT", "true")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PARKOS_HTTPS
SECURE_HSTS_SECONDS = envint("PARKOS_HSTS_SECONDS", "31536000") if PARKOS_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PARKOS_HTTPS and envbool("PARKOS_HSTS_SUBDOMAINS", "false")
SECURE_HSTS_PRELOAD = PARKOS_HTTPS and envbool("PARKOS_HSTS_PRELOAD", "false")
# HSTS for subdomains and the browsers' preload list are the operator's decision: a park's site
# is often one host of a government domain whose other hosts it does not control, on a closed
# network no preload list reaches. Left off, Django's reminders of them are silenced.
if not SECURE_HSTS_INCLUDE_SUBDOMAINS:
    SILENCED_SYSTEM_CHECKS.append("security.W005")
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")
if PARKOS_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (Django's own middleware): scripts only from ParkOS's files (no inline
# script or handler anywhere: parkos/behaviours.js), no plugins, no framing, forms posted only
# here; images also from the configured map tile server. Inline style attributes stay allowed
# (layout only; htmx adds its indicator style).
_TILES = urlsplit(PARKOS_MAP_TILE_URL.replace("{", "").replace("}", ""))
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"]
    + ([f"{_TILES.scheme}://{_TILES.netloc}"] if _TILES.netloc else []),
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("PARKOS_LOG_LEVEL", "WARNING")},
}
