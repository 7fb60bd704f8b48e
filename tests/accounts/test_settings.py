"""Authentication settings read from the environment (a fresh interpreter per case)."""

import json
import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet

READ = (
    "import json, config.settings as s; print(json.dumps({"
    "'enabled': s.PROCONNECT_ENABLED, 'token': s.OIDC_OP_TOKEN_ENDPOINT,"
    "'backends': s.AUTHENTICATION_BACKENDS, 'cache': s.CACHES['default']['BACKEND'],"
    "'require_2fa': s.JALON_REQUIRE_2FA}))"
)


def settings_with(**env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("JALON_")}
    base.update(
        JALON_SECRET_KEY="k" * 60, JALON_FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(), **env
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a constant script
        [sys.executable, "-c", READ], env=base, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_second_factor_is_required_outside_demo_mode_and_optional_in_it():
    assert settings_with()["require_2fa"] is True
    assert settings_with(JALON_DEMO="1")["require_2fa"] is False


def test_proconnect_is_off_until_its_client_is_configured():
    read = settings_with(JALON_PROCONNECT_ISSUER="https://pc.test/api/v2")
    assert read["enabled"] is False
    assert not any("ProConnect" in backend for backend in read["backends"])


def test_proconnect_endpoints_follow_the_issuer_unless_given():
    client = {"JALON_PROCONNECT_CLIENT_ID": "id", "JALON_PROCONNECT_CLIENT_SECRET": "s"}
    read = settings_with(JALON_PROCONNECT_ISSUER="https://pc.test/api/v2/", **client)
    assert read["enabled"] is True and read["token"] == "https://pc.test/api/v2/token"
    assert read["backends"][-1] == "jalon.accounts.proconnect.ProConnectBackend"
    read = settings_with(
        JALON_PROCONNECT_AUTHORIZATION_URL="https://idp.test/auth",
        JALON_PROCONNECT_TOKEN_URL="https://idp.test/tok",
        JALON_PROCONNECT_USERINFO_URL="https://idp.test/me",
        **client,
    )
    assert read["enabled"] is False  # without the provider's signing keys
    read = settings_with(
        JALON_PROCONNECT_AUTHORIZATION_URL="https://idp.test/auth",
        JALON_PROCONNECT_TOKEN_URL="https://idp.test/tok",
        JALON_PROCONNECT_USERINFO_URL="https://idp.test/me",
        JALON_PROCONNECT_JWKS_URL="https://idp.test/keys",
        **client,
    )
    assert read["enabled"] is True and read["token"] == "https://idp.test/tok"


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("", "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://cache:6379/0", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_the_cache_is_redis_when_a_url_is_given(url, backend):
    assert settings_with(JALON_CACHE_URL=url)["cache"] == backend
