"""ParkOS settings: one module, every operator knob read from the environment.

Typed helpers refuse bad values at start-up instead of failing later (healthchecks style).
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
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
    "parkos.reports",
    "parkos.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "parkos.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "parkos.core.middleware.BusyDatabaseMiddleware",
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
AUTHENTICATION_BACKENDS = ["parkos.accounts.backends.RoleBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reports:overview"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
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
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Investment pipeline: an open project with no stage change for this many days is flagged.
PARKOS_STALE_DAYS = envint("PARKOS_STALE_DAYS", "30")

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("PARKOS_LOG_LEVEL", "WARNING")},
}
