"""Settings for the URBACT National Contact Point portal.

Defaults need no configuration for local use (SQLite, DEBUG on). Everything that differs
per deployment comes from environment variables; with DEBUG off the portal refuses to start
without a real SECRET_KEY.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-used-with-debug-off"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is off."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before django.contrib.admin.
    "modeltranslation",
    # django.contrib.admin with the portal's OTPAdminSite (urbact_portal/admin_site.py).
    "urbact_portal.app_configs.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # full-text search on PostgreSQL; harmless on SQLite
    "ninja",  # the API documentation's templates and static files, served locally
    "simple_history",
    "django_prose_editor",
    "axes",
    "django_otp",
    # django-otp's devices, under names editors know (urbact_portal/app_configs.py).
    "urbact_portal.app_configs.AuthenticatorAppsConfig",
    "urbact_portal.app_configs.RecoveryCodesConfig",
    "django_tasks_db",
    "core",
    "urbact_portal",
    "cities",
    "networks",
    "news",
    "pages",
    "search",
    "calls",
    "subscriptions",
    "registrations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # First of those that read the database: editors and writes go to the primary.
    "core.replicas.PrimaryForEditorsMiddleware",
    # Before the page cache, so that cached pages carry the header too.
    "core.security.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304s for every page, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before the session: a cached page for an anonymous visitor costs no session work.
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware after the session (it may read the language from it) and before
    # CommonMiddleware, which needs the active language to resolve i18n_patterns URLs.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the admin site, previews and private attachments ask it
    # (urbact_portal/admin_site.py, core.security.second_factor_required).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each revision (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-axes last: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "urbact_portal.urls"
WSGI_APPLICATION = "urbact_portal.wsgi.application"


TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "urbact_portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A PostgreSQL streaming replica for public reads (urbact_portal/replicas.py). Its tests use
# the primary's test database (TEST MIRROR): the routing is what they check.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(
            os.environ["DATABASE_REPLICA_URL"],
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        ),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["core.replicas.ReplicaRouter"]
# Primary keys are BigAutoField: DEFAULT_AUTO_FIELD's default since Django 6.0.

# AxesStandaloneBackend first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Failed logins are throttled per username and client address together (by address alone one
# attacker could lock a whole office out), for a limited time (None would lock out forever).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False  # `manage.py axes_reset` unlocks; the cool-off ends a lockout anyway
# The reverse proxies in front of the app server (addresses or networks, comma-separated): only
# a request whose REMOTE_ADDR is one of them has its client address read from X-Forwarded-For
# (core.security.client_ip, django-axes' client address too); any other request is
# its REMOTE_ADDR, whatever header it sends.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
# Password-reset emails: at most so many per address and per client address in an hour;
# beyond them the form answers the same and sends nothing (urbact_portal.password_reset).
PASSWORD_RESET_LIMIT_PER_EMAIL = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_EMAIL", "3"))
PASSWORD_RESET_LIMIT_PER_CLIENT = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_CLIENT", "10"))
PASSWORD_RESET_LIMIT_SECONDS = 3600
# The shared cache ("default": the forms' rate limits, an import's progress): Redis when
# REDIS_URL is set, else local memory while developing and files in production, so that every
# worker counts the same. django-redis ignores Redis' failures (a read finds nothing, a write
# stores nothing, a warning is logged; connections and answers time out after 0.5 s).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")),
        }
    }
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True  # as warnings, on the logger django_redis.cache
# The page cache (core.page_cache): public pages and the API stored whole under their address,
# language and the content version (core.cache), which every write of content moves
# in its own transaction. PAGE_CACHE_SECONDS bounds how long a page is reused (0 turns the
# page cache off); edits, the day and scheduled publications renew pages at once either way.
# Pages are kept in each worker's memory (no round trip to Redis; see docs/performance.md).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
PAGE_CACHE_MAX_ENTRIES = int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "1000"))
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_MAX_ENTRIES},
}
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_KEY_PREFIX = "page"
# How long a process reuses the content version it read: another process's edit shows within it.
CONTENT_VERSION_HOLD_SECONDS = 1.0
# What names the code this process runs in the page cache's keys (core.release):
# set it to the deployed commit; empty, the checkout's commit or the package version is used.
RELEASE = os.environ.get("RELEASE", "")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the country's language first, English second (PORTAL_LANGUAGES, codes
# separated by commas). A third language is one more code there plus its translations: the
# interface in locale/, the content through modeltranslation, which adds a column per
# language to every translated field (`makemigrations` then `migrate`). The first language is
# the default: the one `/` leads to, the one required in forms and the last fallback.
_LANGUAGE_NAMES = {"lv": _("Latvian"), "en": _("English")}
PORTAL_LANGUAGES = [code.lower() for code in env_list("PORTAL_LANGUAGES", ["lv", "en"])]
for _code in PORTAL_LANGUAGES:
    if _code not in LANG_INFO or "fallback" in LANG_INFO[_code]:
        raise ImproperlyConfigured(f"PORTAL_LANGUAGES: {_code!r} is not a language Django knows.")
if not PORTAL_LANGUAGES or len(set(PORTAL_LANGUAGES)) != len(PORTAL_LANGUAGES):
    raise ImproperlyConfigured("PORTAL_LANGUAGES must list one or more languages, each once.")
LANGUAGE_CODE = PORTAL_LANGUAGES[0]
# Names as Django's own catalogues translate them, but for the two the portal translates itself.
LANGUAGES = [
    (code, _LANGUAGE_NAMES[code] if code in _LANGUAGE_NAMES else _(LANG_INFO[code]["name"]))
    for code in PORTAL_LANGUAGES
]
# The portal's own strings (locale/, rewritten by `make makemessages`), then Latvian for what
# Django and the packages lack (locale_overrides/, kept by hand). The first catalogue wins.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Riga"

MODELTRANSLATION_LANGUAGES = tuple(PORTAL_LANGUAGES)
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": tuple(PORTAL_LANGUAGES)}
# Served from static/ so the translation tabs work offline and under a 'self' CSP.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# The one country this portal's NCP serves (ISO 3166-1 alpha-2): "our country" on the pages,
# named in each language by core.country.
PORTAL_COUNTRY = os.environ.get("PORTAL_COUNTRY", "LV").upper()

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded pictures and the social cards (cities.social_cards) are files under MEDIA_ROOT: the
# web server in front serves them (deploy/nginx.conf); without one (`make serve-prod` alone,
# `make lighthouse`), SERVE_MEDIA lets Django serve them.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
# Attachments of progress updates live outside MEDIA_ROOT: only networks.attachments serves
# them, and only once their update is published (or to the editors who may see the draft).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
UPDATE_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
# A networks CSV for the import (networks.admin_import).
IMPORT_FILE_MAX_BYTES = 10 * 1024 * 1024
# Every uploaded image (an article's, a progress update's photo, an output): core.images.
IMAGE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
IMAGE_UPLOAD_MAX_PIXELS = 40_000_000
# The largest request body the portal takes: its largest file limit and room for the form's
# other fields. The reverse proxy's limit is this one (`manage.py nginx_conf` writes it into
# deploy/nginx.conf's client_max_body_size), so an upload the portal accepts always reaches it.
UPLOAD_MAX_BYTES = max(UPDATE_DOCUMENT_MAX_BYTES, IMAGE_UPLOAD_MAX_BYTES, IMPORT_FILE_MAX_BYTES)
REQUEST_BODY_MAX_BYTES = UPLOAD_MAX_BYTES + 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# A strict Content Security Policy for every page, the admin included: no inline scripts or
# styles, nothing from another origin except the configured map tile server.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
_tile_origin = "/".join(MAP_TILE_URL.split("/")[:3]) if MAP_TILE_URL.startswith("http") else ""
SECURE_CSP = {
    "default-src": [CSP.SELF],
    # The nonce appears only on pages that ask for it: the admin's rich-text editor needs it
    # for its import map. Public pages never use it, so they stay cacheable.
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *([_tile_origin] if _tile_origin else [])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # Off only for a stack served on loopback without TLS (urbact_portal.stack).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

# Mail goes to the console while developing and through SMTP in production (EMAIL_HOST,
# EMAIL_PORT, EMAIL_USERNAME, EMAIL_PASSWORD); EMAIL_BACKEND overrides either.
_default_mail_backend = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
MAILERS = {
    "default": {
        "BACKEND": os.environ.get("EMAIL_BACKEND", _default_mail_backend),
        "OPTIONS": {
            key.lower(): os.environ[f"EMAIL_{key}"]
            for key in ("HOST", "PORT", "USERNAME", "PASSWORD")
            if os.environ.get(f"EMAIL_{key}")
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "urbact@localhost")
# The portal's address as people reach it, for links in emails sent outside a request
# (the password link of a new partner editor). While developing it follows PORT, the port
# `make run` serves on.
PORT = os.environ.get("PORT", "").strip() or "8000"
PORTAL_URL = os.environ.get("PORTAL_URL", f"http://127.0.0.1:{PORT}").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Staff accounts sign in with a second factor (an authenticator app or a recovery code) before
# any staff-only page: the admin, previews, attachments of drafts.
STAFF_TWO_FACTOR = env_bool("STAFF_TWO_FACTOR", True)
# One login page (the admin's, which sends a staff session on to its second factor), and a
# safe landing when a login has no valid `next`.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
OTP_TOTP_ISSUER = "URBACT portal"

# Background work (sending emails, large imports) goes through Django's tasks framework, kept in
# the database by django-tasks-db; `python manage.py db_worker` runs it. Tests and local
# shells may set TASK_BACKEND=immediate to run each task at once, in the request.
# A networks CSV of more rows than this is checked and imported in the background (a task), so
# that no request outlives a proxy's timeout; smaller ones answer at once.
IMPORT_BACKGROUND_ROWS = int(os.environ.get("IMPORT_BACKGROUND_ROWS", "2000"))
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("TASK_BACKEND") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# Email subscriptions (subscriptions/) and event registrations (registrations/): how long a
# confirmation link works, when an address that never confirmed is forgotten, and how many
# days after an event its registrants' data is deleted. The privacy notice states the last two.
SUBSCRIPTIONS_CONFIRM_HOURS = int(os.environ.get("SUBSCRIPTIONS_CONFIRM_HOURS", "48"))
SUBSCRIPTIONS_FORGET_UNCONFIRMED_DAYS = int(
    os.environ.get("SUBSCRIPTIONS_FORGET_UNCONFIRMED_DAYS", "7")
)
REGISTRATIONS_KEEP_DAYS = int(os.environ.get("REGISTRATIONS_KEEP_DAYS", "30"))
# Sign-ups and registrations: (per address, per client, in seconds), counted in the cache.
RATE_LIMITS = {
    "signup": (3, 20, 3600),
    "registration": (3, 20, 3600),
}
