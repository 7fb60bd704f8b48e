"""Test settings: production settings, outside demo mode, with a throwaway key."""

import os

from config.env import DEMO_FERNET_KEY

os.environ.setdefault("JALON_SECRET_KEY", "test-key-" + "x" * 64)
os.environ["JALON_DEMO"] = "0"
# Tests run outside demo mode, where the keys are required: the public demo key.
os.environ.setdefault("JALON_FIELD_ENCRYPTION_KEYS", DEMO_FERNET_KEY)

from config.settings import *  # noqa: F403

# Two-factor sign-in stays required in tests (client_for passes the second factor).
JALON_REQUIRE_2FA = True

# Argon2 is deliberately slow; tests log hundreds of users in.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files are not under test here; WhiteNoise would rescan them for every test client.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]  # noqa: F405
# The test client and the browser tests' live server speak plain HTTP.
SECURE_SSL_REDIRECT = False
# Uploaded documents of the tests, away from the demo's.
UPLOAD_DIR = VAR_DIR / "test-uploads"  # noqa: F405
STORAGES["documents"]["OPTIONS"]["location"] = UPLOAD_DIR
# The webhook tests' receivers listen on http://127.0.0.1 (production refuses it, see tests).
WEBHOOK_ALLOW_LOCAL_TARGETS = True
# Queued tasks run at once, in the test's transaction (huey's in-memory immediate mode).
HUEY = {**HUEY, "immediate": True}  # noqa: F405
# A `replica` alias mirroring the test database: the router tests send reporting reads there
# (`JALON_REPORTING_DATABASE = "replica"`); the other tests leave it unused.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
