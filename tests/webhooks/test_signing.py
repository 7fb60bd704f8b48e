"""What a receiver's copy of `verify_signature` accepts and refuses."""

import time
from pathlib import Path

import pytest

from jalon.webhooks.signing import InvalidSignature, signature_header, verify_signature

SECRET = "whsec_receiver"
BODY = b'{"id":"d1","event":"consent.changed","data":{"status":"withdrawn"}}'


def _headers(body=BODY, timestamp=None, secret=SECRET):
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {"Jalon-Signature": signature_header(secret, body, timestamp)}


def test_a_genuine_delivery_is_accepted_whatever_the_header_case():
    headers = {"jalon-signature": _headers()["Jalon-Signature"]}
    assert verify_signature(SECRET, headers, BODY)


def test_rule_a_tampered_body_fails_verification():
    tampered = BODY.replace(b"withdrawn", b"given")
    with pytest.raises(InvalidSignature, match="Signature invalide"):
        verify_signature(SECRET, _headers(), tampered)


def test_rule_an_old_timestamp_fails_verification_replay():
    old = int(time.time()) - 301
    with pytest.raises(InvalidSignature, match="rejeu"):
        verify_signature(SECRET, _headers(timestamp=old), BODY)
    assert verify_signature(SECRET, _headers(timestamp=old), BODY, now=old + 10)


def test_a_timestamp_far_in_the_future_is_refused_too():
    with pytest.raises(InvalidSignature):
        verify_signature(SECRET, _headers(timestamp=int(time.time()) + 3600), BODY)


def test_a_replayed_signature_with_a_new_timestamp_fails():
    """The timestamp is signed: refreshing it without the secret breaks the signature."""
    old = int(time.time()) - 3600
    signature = _headers(timestamp=old)["Jalon-Signature"].split(",")[1]
    forged = {"Jalon-Signature": f"t={int(time.time())},{signature}"}
    with pytest.raises(InvalidSignature, match="Signature invalide"):
        verify_signature(SECRET, forged, BODY)


def test_another_secret_fails_verification():
    with pytest.raises(InvalidSignature):
        verify_signature(SECRET, _headers(secret="whsec_other"), BODY)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Jalon-Signature": ""},
        {"Jalon-Signature": "t=abc,v1=00"},
        {"Jalon-Signature": "v1=0"},
        {"Jalon-Signature": "t=1,v1=é"},
    ],
)
def test_missing_or_malformed_headers_are_refused(headers):
    with pytest.raises(InvalidSignature):
        verify_signature(SECRET, headers, BODY)


def _readme_verifier():
    """The Python example of the README, as a partner would copy it."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("**Vérifier un envoi chez le partenaire.**", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102
    return namespace["verify_signature"]


def test_the_readme_example_verifies_a_real_delivery_and_refuses_a_tampered_one(db):
    from jalon.webhooks import delivery as worker
    from tests.webhooks.factories import DeliveryFactory

    readme_verify = _readme_verifier()
    sent = DeliveryFactory(subscription__secret=SECRET)
    body = worker.body_of(sent)
    headers = _headers(body=body)
    readme_verify(SECRET, headers, body)
    with pytest.raises(ValueError, match="signature invalide"):
        readme_verify(SECRET, headers, body.replace(b"received", b"refused"))
    with pytest.raises(ValueError, match="rejeu"):
        readme_verify(SECRET, _headers(body=body, timestamp=int(time.time()) - 600), body)
