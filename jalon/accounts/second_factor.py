"""The second factor: a TOTP application and single-use recovery codes (django-otp devices).

Pages and the API call these functions; they never touch devices directly.
"""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP_DEVICE_NAME = "Application d'authentification"
RECOVERY_DEVICE_NAME = "Codes de secours"
WRONG_CODE = "Code incorrect ou expiré. Vérifiez l'heure de votre téléphone et réessayez."


class Throttled(ValidationError):
    """Too many wrong codes: the device refuses any code for a while."""


def is_required() -> bool:
    return settings.JALON_REQUIRE_2FA


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def is_verified(request) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


def needs_second_factor(user) -> bool:
    """Required for everyone outside demo mode; in demo mode only for those who enrolled."""
    return is_required() or has_device(user)


def confirmed_device_exists() -> Exists:
    """For annotating a queryset of users (one query for a whole team)."""
    return Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled: the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def secret_in_groups(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing it into an application by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """Inline SVG markup (no script, no data: URL): the strict CSP allows it."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2
    )
    return image.to_string(encoding="unicode")


def _wait_message(device) -> str | None:
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (details or {}).get("locked_until")
    seconds = max(1, round((locked_until - timezone.now()).total_seconds())) if locked_until else 1
    return (
        "Trop de codes erronés : par sécurité, patientez "
        f"{seconds} seconde{'s' if seconds > 1 else ''} avant de réessayer."
    )


def _clean(code: str) -> str:
    return "".join((code or "").split()).lower()


def confirm_enrolment(*, user, code: str) -> TOTPDevice:
    """The first code proves the application holds the secret; older devices are replaced."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=pending_totp_device(user).pk)
        waiting = _wait_message(device)
        # A wrong code must still count towards the throttle: raise after the commit.
        accepted = not waiting and device.verify_token(_clean(code))
        if accepted:
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
    if waiting:
        raise Throttled({"code": waiting})
    if not accepted:
        raise ValidationError({"code": WRONG_CODE})
    return device


@transaction.atomic
def create_recovery_codes(*, user) -> list[str]:
    """A fresh set of single-use codes; the previous ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.JALON_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify_code(*, user, code: str):
    """The device that accepts this TOTP or recovery code; French errors keyed by `code`.

    Six digits go to the application, anything else to the recovery codes; each device keeps
    its own throttle (django-otp doubles the wait after each failure).
    """
    cleaned = _clean(code)
    if not cleaned:
        raise ValidationError({"code": "Saisissez le code à 6 chiffres ou un code de secours."})
    model = TOTPDevice if cleaned.isdigit() else StaticDevice
    with transaction.atomic():
        devices = list(model.objects.select_for_update().filter(user=user, confirmed=True))
        waiting = next(filter(None, map(_wait_message, devices)), None)
        # A wrong code must still count towards the throttle: raise after the commit.
        accepted = None if waiting else next((d for d in devices if d.verify_token(cleaned)), None)
    if waiting:
        raise Throttled({"code": waiting})
    if accepted is None:
        raise ValidationError({"code": WRONG_CODE})
    return accepted


def mark_verified(request, device) -> None:
    """A new session key once fully signed in: a key seen before the code is worth nothing."""
    request.session.cycle_key()
    otp_login(request, device)


def is_recovery_device(device) -> bool:
    return isinstance(device, StaticDevice)


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def remove_devices(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
