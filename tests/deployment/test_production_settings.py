"""Production settings, as a server outside demo mode reads them from its environment."""

import json
import os
import re
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

# A check may be silenced only for a reason written here (and next to the setting).
SILENCED_WITH_REASON = {
    "axes.W006": "accounts lock by e-mail whatever the address: guessing comes from many addresses",
}
PRODUCTION_SECRET_KEY = "Kj3#vQ9!pL2@xR7$mN5%tB8^wE4&yH6*zC1(aD0)fG-+uI=_oP[]{}sT"


def _production_environment(**extra) -> dict[str, str]:
    """This test run's environment without any Jalon or Django variable (the browser tests set
    DJANGO_ALLOW_ASYNC_UNSAFE), then a production server's."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("JALON_", "DJANGO_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        JALON_SECRET_KEY=PRODUCTION_SECRET_KEY,
        JALON_ALLOWED_HOSTS="jalon.mission-locale.example.fr",
        JALON_FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        **extra,
    )
    if "DATABASE_URL" in os.environ:
        environment["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return environment


def _jalon(*arguments, **extra_environment) -> subprocess.CompletedProcess:
    # Our own interpreter and entry point, with fixed arguments.
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "jalon.cli", *arguments],
        env=_production_environment(**extra_environment),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings_seen_by_a_server(*names, **extra_environment) -> dict:
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}))"
    )
    result = _jalon("shell", "--no-imports", "-c", script, **extra_environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_rule_production_settings_pass_check_deploy_without_any_warning():
    result = _jalon("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(
        r"System check identified no issues( \(\d+ silenced\))?\.\n", result.stdout
    ), result.stdout
    assert result.stderr == ""


def test_check_deploy_would_catch_a_server_without_hsts():
    result = _jalon("check", "--deploy", "--fail-level", "WARNING", JALON_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


def test_no_system_check_is_silenced_without_a_written_reason():
    assert set(settings.SILENCED_SYSTEM_CHECKS) <= set(SILENCED_WITH_REASON)


def test_production_redirects_to_https_and_pins_it_for_a_year():
    seen = _settings_seen_by_a_server(
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
    )
    assert seen == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 365 * 24 * 3600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": None,
    }


def test_a_reverse_proxy_and_a_login_provider_are_configured_from_the_environment():
    seen = _settings_seen_by_a_server(
        "SECURE_PROXY_SSL_HEADER",
        "CONTENT_SECURITY_POLICY",
        JALON_PROXY_SSL_HEADER="X-Forwarded-Proto",
        JALON_CSP_EXTRA_FORM_ACTION="https://auth.agentconnect.gouv.fr",
    )
    assert seen["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert seen["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["form-action"] == [
        "'self'",
        "https://auth.agentconnect.gouv.fr",
    ]


def test_the_demo_is_served_over_plain_http():
    seen = _settings_seen_by_a_server("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", JALON_DEMO="1")
    assert seen == {"SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0}


@pytest.mark.parametrize(
    ("variable", "value"), [("JALON_SSL_REDIRECT", "peut-être"), ("JALON_HSTS_SECONDS", "1 an")]
)
def test_a_mistyped_security_variable_stops_the_server(variable, value):
    result = _jalon("check", **{variable: value})
    assert result.returncode != 0
    assert variable in result.stderr
