"""Jalon settings, read from the environment (see README, "Configuration")."""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",  # serves its Swagger UI files locally instead of from a CDN
    "csp",
    "jalon.network",
    "jalon.accounts",
    "jalon.youngpeople",
    "jalon.reception",
    "jalon.pathways",
    "jalon.scheduling",
    "jalon.audit",
    "jalon.privacy",
    "jalon.referrals",
    "jalon.obligation",
    "jalon.partners",
    "jalon.justice",
    "jalon.childwelfare",
    "jalon.webhooks",
    "jalon.alerts",
    "jalon.api",
    "jalon.pilotage",
    "jalon.governance",
    "jalon.reporting",
    "jalon.backups",
    "jalon.demo",
    "jalon.web",
    "jalon.core",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "jalon.web.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jalon.accounts.middleware.SecondFactorMiddleware",
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
# Planner settings for a database that fits in memory (or on SSD), set per connection:
# - JIT off: PostgreSQL compiles any query it costs high (an indicator over the whole network)
#   for 60-200 ms each, more than it saves on these plans: 10.9 s with it, 4.0 s without, for a
#   year's national indicators at a tenth of the national scale (docs/scaling.md).
# - random_page_cost 1.1 instead of 4 (a spinning disk's): with 4, the planner hashes the whole
#   network's pathways rather than probe the 8,000 files of one Mission Locale by index,
#   160 ms instead of 11 ms for one indicator line (docs/performance.md).
_PLANNER = {"options": "-c jit=off -c random_page_cost=1.1"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), **_PLANNER}
# A read replica (PostgreSQL streaming replication) takes the indicators' reads: the router
# sends there what `jalon.core.routers.reporting_reads()` wraps; writes stay on the primary.
_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if _REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        _REPLICA_URL,
        conn_max_age=env_int("JALON_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    DATABASES["replica"]["OPTIONS"] = _PLANNER
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
JALON_REPORTING_DATABASE = "replica" if _REPLICA_URL else "default"
DATABASE_ROUTERS = ["jalon.core.routers.ReplicaRouter"]

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
    {"NAME": "jalon.accounts.validators.AnssiPasswordValidator"},
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

# --- Audit: emergency access and unusual reads ---
# Address of the site in e-mails sent outside a request (notifications, hourly alerts).
JALON_SITE_URL = env_str("JALON_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# How long an emergency access ("break the glass") to another Mission Locale's file lasts.
JALON_EMERGENCY_ACCESS_DURATION = datetime.timedelta(
    hours=env_int("JALON_EMERGENCY_ACCESS_HOURS", 3)
)
# Distinct files one account may read in 24 hours before `detect-unusual-reads` alerts.
JALON_UNUSUAL_READS_PER_DAY = env_int("JALON_UNUSUAL_READS_PER_DAY", 80)
# --- Authentication: second factor, re-authentication, rate limits, cache, ProConnect ---
# Outside demo mode every account signs in with a password and a TOTP code (or a recovery code).
JALON_REQUIRE_2FA = env_bool("JALON_REQUIRE_2FA", default=not DEMO_MODE)
# Sensitive actions (merges, role changes, 2FA resets) ask for the password again after this.
JALON_REAUTH_MINUTES = env_int("JALON_REAUTH_MINUTES", 10)
# A session never outlives a working day, however active.
JALON_SESSION_MAX_HOURS = env_int("JALON_SESSION_MAX_HOURS", 10)
OTP_TOTP_ISSUER = "Jalon"
# django-otp's own throttling doubles the wait after each wrong code (1 s, 2 s, 4 s...).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
JALON_RECOVERY_CODES = 10
# Login form: refused after this many failures from one IP address in the window (successes
# are free: a whole office shares one address).
JALON_LOGIN_IP_LIMIT = env_int("JALON_LOGIN_IP_LIMIT", 30)
JALON_LOGIN_IP_WINDOW_MINUTES = env_int("JALON_LOGIN_IP_WINDOW_MINUTES", 10)
# API rates, in django-ninja's notation (requests/period: s, m, h, d).
JALON_API_TOKEN_RATE = env_str("JALON_API_TOKEN_RATE", "10/m")
JALON_API_RATE = env_str("JALON_API_RATE", "300/m")
# Counters must be shared by every server process in production: set a Redis URL.
_CACHE_URL = env_str("JALON_CACHE_URL", "")
if _CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _CACHE_URL,
        }
    }
elif _CACHE_URL:
    raise ImproperlyConfigured("JALON_CACHE_URL must be a redis:// or rediss:// URL.")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# ProConnect (OpenID Connect) for public agents, on when its client is configured.
PROCONNECT_CLIENT_ID = env_str("JALON_PROCONNECT_CLIENT_ID", "")
PROCONNECT_CLIENT_SECRET = env_str("JALON_PROCONNECT_CLIENT_SECRET", "")
_PROCONNECT_ISSUER = env_str("JALON_PROCONNECT_ISSUER", "").rstrip("/")


def _proconnect_endpoint(name: str, path: str) -> str:
    explicit = env_str(f"JALON_PROCONNECT_{name}_URL", "")
    return explicit or (f"{_PROCONNECT_ISSUER}/{path}" if _PROCONNECT_ISSUER else "")


OIDC_OP_AUTHORIZATION_ENDPOINT = _proconnect_endpoint("AUTHORIZATION", "authorize")
OIDC_OP_TOKEN_ENDPOINT = _proconnect_endpoint("TOKEN", "token")
OIDC_OP_USER_ENDPOINT = _proconnect_endpoint("USERINFO", "userinfo")
OIDC_OP_JWKS_ENDPOINT = _proconnect_endpoint("JWKS", "jwks")
PROCONNECT_ENABLED = bool(
    PROCONNECT_CLIENT_ID
    and PROCONNECT_CLIENT_SECRET
    and OIDC_OP_AUTHORIZATION_ENDPOINT
    and OIDC_OP_TOKEN_ENDPOINT
    and OIDC_OP_USER_ENDPOINT
    and OIDC_OP_JWKS_ENDPOINT  # ProConnect signs with RS256: its keys are needed
)
OIDC_RP_CLIENT_ID = PROCONNECT_CLIENT_ID
OIDC_RP_CLIENT_SECRET = PROCONNECT_CLIENT_SECRET
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email given_name usual_name"
OIDC_CREATE_USER = False  # never: accounts are opened by a director
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:proconnect_callback"
LOGIN_REDIRECT_URL_FAILURE = "/connexion/"
AXES_WHITELIST_CALLABLE = "jalon.accounts.backends.is_not_a_password_attempt"
if PROCONNECT_ENABLED:
    AUTHENTICATION_BACKENDS = [
        *AUTHENTICATION_BACKENDS,
        "jalon.accounts.proconnect.ProConnectBackend",
    ]

# --- Retention of personal data (décret 2015-59, art. 6; see README "Conservation") ---
# Files are kept while the young person is "<age> ans révolus", then this many more years.
JALON_RETENTION_AGE_REVOLU = env_int("JALON_RETENTION_AGE_REVOLU", 25)
JALON_RETENTION_YEARS_AFTER_AGE = env_int("JALON_RETENTION_YEARS_AFTER_AGE", 2)
# CEJ beneficiaries: years after the end of their contract.
JALON_RETENTION_CEJ_YEARS = env_int("JALON_RETENTION_CEJ_YEARS", 10)
# Staff and partner accounts: years after the end of their habilitation.
JALON_RETENTION_ACCOUNT_YEARS = env_int("JALON_RETENTION_ACCOUNT_YEARS", 1)
# --- Hardened deployment: HTTPS, security headers, Content-Security-Policy ---
# README, "Déploiement en production". Outside demo mode Jalon is served over HTTPS only.
_HTTPS_ONLY = not (DEMO_MODE or DEBUG)
SECURE_SSL_REDIRECT = env_bool("JALON_SSL_REDIRECT", default=_HTTPS_ONLY)
# Behind a reverse proxy that terminates TLS: the header it sets to "https" (X-Forwarded-Proto).
# Only when the proxy always overwrites that header, or a client could pass for HTTPS.
_PROXY_SSL_HEADER = env_str("JALON_PROXY_SSL_HEADER", "")
if _PROXY_SSL_HEADER:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https")
SECURE_HSTS_SECONDS = env_int("JALON_HSTS_SECONDS", 365 * 24 * 3600 if _HTTPS_ONLY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("JALON_HSTS_INCLUDE_SUBDOMAINS", default=True)
# The token alone changes nothing: it lets the owner of the domain submit it to the browsers'
# preload list (hstspreload.org), which only accepts a registrable domain, not a sub-domain.
SECURE_HSTS_PRELOAD = env_bool("JALON_HSTS_PRELOAD", default=True)
# jalon.js reads the CSRF token from the page's <meta>, so scripts never need the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page of Jalon uses: denied to every origin.
JALON_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# Nothing inline: scripts and styles come from Jalon's own static files. DSFR draws checkboxes
# and select arrows with data: SVG images. A login provider (ProConnect) receives the browser
# after a form post: its origin goes in JALON_CSP_EXTRA_FORM_ACTION.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, *env_list("JALON_CSP_EXTRA_FORM_ACTION")],
        "frame-ancestors": [NONE],
    }
}
# --- Sensitive fields and uploads (integrity) ----------------------------------------------
# Keys of the encrypted fields (jalon/core/encryption.py): comma-separated Fernet keys, the first
# encrypts, all decrypt (rotation: README). A fixed, public key in demo mode only.
FIELD_ENCRYPTION_KEYS = env_fernet_keys("JALON_FIELD_ENCRYPTION_KEYS", demo=DEMO_MODE or DEBUG)
# Documents attached to files: a private directory that no URL serves (downloads go through
# the access policy), and the largest file accepted.
UPLOAD_DIR = Path(env_str("JALON_UPLOAD_DIR", str(VAR_DIR / "uploads")))
# They go through the "documents" storage: with several application servers, UPLOAD_DIR is a
# directory they share, or JALON_DOCUMENTS_STORAGE names another Django storage backend (an
# object store) whose constructor takes these options (docs/scaling.md).
STORAGES["documents"] = {
    "BACKEND": env_str("JALON_DOCUMENTS_STORAGE", "jalon.youngpeople.documents.PrivateStorage"),
    "OPTIONS": {
        "location": UPLOAD_DIR,
        # Readable by the application's account only.
        "file_permissions_mode": 0o600,
        "directory_permissions_mode": 0o700,
    },
}
UPLOAD_MAX_BYTES = env_int("JALON_UPLOAD_MAX_MB", 10) * 1024 * 1024
# ClamAV daemon scanning every upload: "unix:///run/clamav/clamd.ctl" or "tcp://host:3310".
# Empty: no scan (demo). Set: a file the scanner cannot judge is refused.
CLAMAV_ADDRESS = env_str("JALON_CLAMAV_ADDRESS", "")
CLAMAV_TIMEOUT_SECONDS = env_int("JALON_CLAMAV_TIMEOUT_SECONDS", 30)

# --- Partners: liaison forms ---
# A form waiting (sent or received) longer than this is recalled to the recipient Mission Locale.
JALON_LIAISON_REMINDER_DAYS = env_int("JALON_LIAISON_REMINDER_DAYS", 5)
JALON_LIAISON_MAX_ATTACHMENTS = 5
# --- Obligation de formation 16-18 (Code de l'éducation, L114-1 and R114-1 ff.) ---
# Months after the convocation from which a young person still without solution is reported
# to the président du conseil départemental (the law says two).
JALON_OBLIGATION_REPORT_MONTHS = env_int("JALON_OBLIGATION_REPORT_MONTHS", 2)
# Cases never joined to a file are deleted this many months after the 18th birthday.
JALON_OBLIGATION_RETENTION_MONTHS = env_int("JALON_OBLIGATION_RETENTION_MONTHS", 12)
# Largest list of leavers accepted (bytes, lines).
JALON_OBLIGATION_IMPORT_MAX_BYTES = env_int("JALON_OBLIGATION_IMPORT_MAX_MB", 5) * 1024 * 1024
JALON_OBLIGATION_IMPORT_MAX_LINES = env_int("JALON_OBLIGATION_IMPORT_MAX_LINES", 20000)

# --- Child welfare (ASE follow-up) ---
# Taken into care at 17 or later: the interview at 17 is due "dans les meilleurs délais"
# (CASF L222-5-1), which Jalon reads as within this many days of the taking into care.
JALON_ASE_LATE_CARE_INTERVIEW_DAYS = env_int("JALON_ASE_LATE_CARE_INTERVIEW_DAYS", 30)

# --- Webhooks (notifications to partners' systems) ------------------------------------------
# README, "Webhooks (notifications aux partenaires)". Targets must be https:// URLs resolving to
# public addresses (no SSRF towards the internal network); demo mode and tests may use
# http://127.0.0.1 receivers.
WEBHOOK_ALLOW_LOCAL_TARGETS = env_bool(
    "JALON_WEBHOOK_ALLOW_LOCAL_TARGETS", default=DEMO_MODE or DEBUG
)
# Seconds a receiver has to answer one POST.
WEBHOOK_TIMEOUT_SECONDS = env_int("JALON_WEBHOOK_TIMEOUT_SECONDS", 10)
# Minutes to wait after the 1st, 2nd... failed attempt (the last delay repeats), and the number
# of attempts after which a delivery is abandoned.
WEBHOOK_RETRY_MINUTES = [
    int(minutes) for minutes in env_list("JALON_WEBHOOK_RETRY_MINUTES", "1,5,30,120,720")
]
WEBHOOK_MAX_ATTEMPTS = env_int("JALON_WEBHOOK_MAX_ATTEMPTS", 6)
# Deliveries (which carry identifiers) are deleted this many days after they are settled.
WEBHOOK_RETENTION_DAYS = env_int("JALON_WEBHOOK_RETENTION_DAYS", 30)


# --- Background tasks (huey) ---
# The consumer (`jalon run_huey`) runs the queued tasks and the periodic ones (nightly alerts,
# morning digest...). Its queue lives in Redis when JALON_TASKS_REDIS_URL is set (production:
# shared by every application server), otherwise in a SQLite file (demo, a single server).
TASKS_REDIS_URL = env_str("JALON_TASKS_REDIS_URL", "")
if TASKS_REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "url": TASKS_REDIS_URL}
else:
    HUEY = {"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "tasks.sqlite3")}
HUEY.update(
    name="jalon",
    immediate=False,
    utc=True,
    consumer={"workers": env_int("JALON_TASK_WORKERS", 2), "worker_type": "thread"},
)

# --- Reporting (indicators) ---
# What leaves a Mission Locale for pilots hides counts from 1 to this threshold minus one.
JALON_REPORTING_SMALL_CELL_THRESHOLD = env_int("JALON_REPORTING_SMALL_CELL_THRESHOLD", 5)
# Database sessions that share out the statements of an indicator count (reporting.parallel):
# up to the cores of the database that serves the reporting reads.
JALON_REPORTING_WORKERS = env_int("JALON_REPORTING_WORKERS", 1)

# --- Alerts (worklist) ---
# National thresholds; each Mission Locale's director may set its own (Liste de travail > Seuils).
ALERT_THRESHOLDS = {
    "youth_guarantee_months": 4,
    "youth_guarantee_warn_months": 3,
    "pathway_limit_warn_days": 30,
    "cej_end_warn_days": 30,
    "cej_breach_review_days": 7,
    "no_contact_days": 30,
    "age_limit_warn_days": 90,
    "liaison_form_wait_days": 7,
    "transfer_wait_days": 5,
    "release_plan_days": 60,
    "release_first_appointment_days": 7,
    "release_follow_days": 90,
    "obligation_contact_days": 15,
    "ase_interview_warn_days": 90,
    "ase_autonomy_warn_days": 90,
}

# Justice (seed 000): legal bounds of a TIG (Code pénal 131-8; code de la justice pénale des
# mineurs L122-4 for minors) and how long before release a CJML is reminded to prepare it.
JALON_TIG_MIN_HOURS = env_int("JALON_TIG_MIN_HOURS", 20)
JALON_TIG_MAX_HOURS_ADULT = env_int("JALON_TIG_MAX_HOURS_ADULT", 400)
JALON_TIG_MAX_HOURS_MINOR = env_int("JALON_TIG_MAX_HOURS_MINOR", 200)
JALON_RELEASE_PREPARATION_DAYS = env_int("JALON_RELEASE_PREPARATION_DAYS", 90)
# --- Governance of the justice agreement ---
# Barometer results are shown for a group of at least this many answers (never one person's).
GOVERNANCE_BAROMETER_MIN_ANSWERS = env_int("JALON_BAROMETER_MIN_ANSWERS", 5)
