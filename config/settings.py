"""Jalon settings, read from the environment (see README, "Configuration")."""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_fernet_keys, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("JALON_VAR_DIR", str(BASE_DIR / "var")))

# Demo mode allows the shared demo password and the console e-mail backend.
DEMO_MODE = env_bool("JALON_DEMO", default=False)
DEBUG = env_bool("JALON_DEBUG", default=False)

if DEMO_MODE or DEBUG:
    SECRET_KEY = env_str("JALON_SECRET_KEY", "insecure-demo-key-never-use-in-production")
else:
    SECRET_KEY = env_str("JALON_SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("JALON_SECRET_KEY must be at least 50 characters long.")

ALLOWED_HOSTS = env_list("JALON_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("JALON_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "widget_tweaks",
    "dsfr",
    "django.forms",  # after dsfr: DSFR's widget templates take precedence
    "django_htmx",
    "axes",
    "ninja",  # serves its Swagger UI files locally instead of from a CDN
    "jalon.network",
    "jalon.accounts",
    "jalon.youngpeople",
    "jalon.reception",
    "jalon.pathways",
    "jalon.scheduling",
    "jalon.audit",
    "jalon.api",
    "jalon.pilotage",
    "jalon.demo",
    "jalon.web",
    "jalon.core",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jalon" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jalon.web.context_processors.jalon",
            ],
        },
    },
]

# Forms render through the project's templates, so Jalon can adjust a DSFR snippet.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'jalon.sqlite3'}"),
        conn_max_age=env_int("JALON_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "jalon.accounts.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "jalon.accounts.validators.DemoPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after a working day at most, and after an hour without activity.
SESSION_COOKIE_AGE = env_int("JALON_SESSION_IDLE_SECONDS", 3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = env_bool("JALON_SECURE_COOKIES", default=not (DEMO_MODE or DEBUG))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# django-axes: lock an account (email + IP) after repeated failures.
AXES_FAILURE_LIMIT = env_int("JALON_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("JALON_LOGIN_COOLOFF_MINUTES", 15) / 60
# Lock the account whatever the address: guessing from many addresses is the threat here.
# A successful password reset lifts the lock.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_FORM_FIELD = "username"
# "Ana@X" and "ana@x" are one account: count their failures together.
AXES_USERNAME_CALLABLE = "jalon.accounts.backends.normalized_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "jalon.accounts.views.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# DSFR marks optional fields rather than required ones.
DSFR_MARK_OPTIONAL_FIELDS = True

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = env_str(
    "JALON_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEMO_MODE or DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("JALON_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("JALON_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("JALON_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("JALON_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("JALON_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("JALON_DEFAULT_FROM_EMAIL", "Jalon <ne-pas-repondre@jalon.test>")

# API bearer tokens live this many hours.
JALON_API_TOKEN_LIFETIME = datetime.timedelta(hours=env_int("JALON_API_TOKEN_HOURS", 12))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("JALON_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs can carry query strings (search terms are names): keep them out.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        # Lockouts are in the database; its INFO lines only repeat them.
        "axes": {"level": "WARNING"},
    },
}

PASSWORD_RESET_TIMEOUT = 3600

# --- Sensitive fields and uploads (integrity) ----------------------------------------------
# Keys of the encrypted fields (jalon/core/encryption.py): comma-separated Fernet keys, the first
# encrypts, all decrypt (rotation: README). A fixed, public key in demo mode only.
FIELD_ENCRYPTION_KEYS = env_fernet_keys("JALON_FIELD_ENCRYPTION_KEYS", demo=DEMO_MODE or DEBUG)
# Documents attached to files: a private directory that no URL serves (downloads go through
# the access policy), and the largest file accepted.
UPLOAD_DIR = Path(env_str("JALON_UPLOAD_DIR", str(VAR_DIR / "uploads")))
UPLOAD_MAX_BYTES = env_int("JALON_UPLOAD_MAX_MB", 10) * 1024 * 1024
