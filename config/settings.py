"""The one settings module. Everything that differs between machines comes from the environment.

DXJINZAI_ENV=production turns on the production checks: every secret must be given
(directly or as NAME_FILE, the path of a file holding it) or the process refuses to start.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DXJINZAI_VAR_DIR", BASE_DIR / "var"))

PRODUCTION = os.environ.get("DXJINZAI_ENV", "development") == "production"


def env_secret(name: str, development_default: str | None = None) -> str:
    """A secret from NAME or from the file named by NAME_FILE; required in production."""
    if value := os.environ.get(name):
        return value
    if path := os.environ.get(f"{name}_FILE"):
        return Path(path).read_text(encoding="utf-8").strip()
    if PRODUCTION or development_default is None:
        raise ImproperlyConfigured(f"{name}（または {name}_FILE）を設定してください。")
    return development_default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env_secret(
    "DJANGO_SECRET_KEY", "development-only-key-never-used-in-production-0123456789"
)
DEBUG = not PRODUCTION and os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS を設定してください。")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Lets templates/django/forms override a widget's template (the empty choice's label).
    "django.forms",
    "axes",
    # The second factor: codes from an authenticator app (TOTP) and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_htmx",
    # Serves Swagger UI's own files for the API documentation (no CDN).
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "dxjinzai.core",
    "dxjinzai.organizations",
    "dxjinzai.dispatch",
    "dxjinzai.skills",
    "dxjinzai.training",
    "dxjinzai.dashboards",
    "dxjinzai.improvements",
    "dxjinzai.advisers",
    "dxjinzai.careers",
    "dxjinzai.community",
    "dxjinzai.subsidies",
    "dxjinzai.recruitment",
    "dxjinzai.reminders",
    "dxjinzai.plans",
    "dxjinzai.sharing",
    # The demo consortium (build_demo): above every app, imported by none.
    "dxjinzai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages shrink about six times (30 KB → 5 KB on a dashboard) on a slow intranet. Django
    # pads each compressed response with random bytes against BREACH, and CSRF tokens are
    # masked per response.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Before the login check: a session idle too long is signed out and sent to log in.
    "dxjinzai.core.middleware.IdleTimeoutMiddleware",
    # A person with a second factor (or whose body requires one) confirms it before anything.
    "dxjinzai.core.middleware.SecondFactorMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "dxjinzai.organizations.middleware.ForgetWaitingCountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "dxjinzai.core.middleware.AccessMiddleware",
    "dxjinzai.core.middleware.NoStoreMiddleware",
    # Axes wants to be last so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "dxjinzai.core.context_processors.navigation",
            ],
        },
    },
]


# SQLite, as every instance uses it: IMMEDIATE takes the write lock at BEGIN, so two writers
# queue on the busy timeout instead of one failing with "database is locked" half-way.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def _database() -> dict[str, Any]:
    if url := os.environ.get("DATABASE_URL"):
        database: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
        options = database.setdefault("OPTIONS", {})
        if database["ENGINE"] == "django.db.backends.sqlite3":
            # DATABASE_URL=sqlite:///… gets the same options as the default file.
            database["CONN_MAX_AGE"] = 0
            options.update(SQLITE_OPTIONS)
        elif database["ENGINE"] == "django.db.backends.postgresql":
            # PostgreSQL's JIT compiles any query it estimates as costly: the division
            # dashboard's one statement spent 2.4 s compiling and 0.2 s running (issue 5).
            # Our queries are short; compiling never pays for itself here.
            options["options"] = "-c jit=off"
        return database
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", VAR_DIR / "db.sqlite3"),
        "OPTIONS": dict(SQLITE_OPTIONS),
    }


DATABASES = {"default": _database()}
# A read replica for reports (core/db_routing.py): list exports read from it when set.
if replica_url := os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dict(dj_database_url.parse(replica_url, conn_max_age=60))
    DATABASES["replica"].setdefault("OPTIONS", {}).update(DATABASES["default"].get("OPTIONS", {}))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["dxjinzai.core.db_routing.PrimaryWritesRouter"]
# Widgets render through the project's templates first, so templates/django/forms can
# name the empty choice 「選んでください」 instead of Django's 「---------」; select boxes
# are written in Python, the same markup faster (core/form_renderer.py).
FORM_RENDERER = "dxjinzai.core.form_renderer.ProjectFormRenderer"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's password check, refused to people whose body signs in only through its
    # identity provider (organizations.single_sign_on).
    "dxjinzai.core.backends.PasswordBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# How long a link to set a password works (a reset, or an invitation to a new account):
# three days, so a link mailed on a Friday afternoon still works on Monday. Used once.
PASSWORD_RESET_TIMEOUT = 72 * 3600
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock a username from an address after five failures for fifteen minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind a reverse proxy: its addresses (IPs or networks), whose X-Forwarded-For is believed.
# Empty (the default) believes no one: the client is the connection's address.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "dxjinzai.core.client_ip.client_ip"

LANGUAGE_CODE = "ja"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
# WhiteNoise warns on every request when the folder is missing; collectstatic fills it.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# An import silent this long has lost its process and is failed (core.import_runs).
IMPORT_STALE_AFTER_SECONDS = int(os.environ.get("DXJINZAI_IMPORT_STALE_AFTER_SECONDS", "600"))

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "dxjinzai@localhost")
# The address people reach the platform at: the links of mails sent by the worker (which
# answers no request to learn it from) and of calendar feeds.
SITE_URL = os.environ.get("DXJINZAI_SITE_URL", "http://127.0.0.1:8000")
# Single sign-on: an identity provider's issuer must be https in production; the test suite's
# provider (and a development one) answers on plain http at 127.0.0.1.
SSO_ALLOW_HTTP_ISSUER = not PRODUCTION
# How long the platform waits for the identity provider (discovery, keys, token) per request.
SSO_TIMEOUT_SECONDS = 10
# The hour (Asia/Tokyo) the daily digest of what waits is mailed (reminders.tasks).
DIGEST_HOUR = int(os.environ.get("DXJINZAI_DIGEST_HOUR", "7"))

# Nothing is loaded from outside the server: LGWAN has no internet.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# A session ends after this long idle, or the shorter limit of the person's body
# (団体情報の「操作がないときのログアウト」, 15 minutes to 12 hours): the cookie lives as
# long as the longest limit a body may set, and the middleware applies the body's.
SESSION_IDLE_SECONDS = 60 * 60 * 8
# The name an authenticator app shows beside the code.
OTP_TOTP_ISSUER = "DX人材プラットフォーム"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True

if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
