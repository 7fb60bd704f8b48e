"""Sensitive free text encrypted at rest, at application level.

The database, its dumps and its backups hold only Fernet tokens (AES-128-CBC + HMAC-SHA256);
the application decrypts them with the keys of `JALON_FIELD_ENCRYPTION_KEYS` (see
`config.env.env_fernet_keys`): the first key encrypts, every key decrypts, so that a new key can
be put first and `jalon rotate-encryption-key` re-encrypts the rows before the old key goes.

Declare a field `EncryptedTextField(...)` instead of `TextField(...)`: forms, services and
templates see plain text; `rotate-encryption-key` finds the field by introspection.
"""

import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models, transaction
from django.db.models import ExpressionWrapper, F, Value
from django.db.models.lookups import Exact

# What the audit journal says instead of an encrypted field's content.
REDACTED = "(texte protégé)"


class UndecryptableValue(ImproperlyConfigured):
    """A stored token that none of the configured keys opens."""


@functools.cache
def _keyring(keys: tuple[str, ...]) -> tuple[Fernet, MultiFernet]:
    fernets = [Fernet(key) for key in keys]
    return fernets[0], MultiFernet(fernets)


def _keys() -> tuple[Fernet, MultiFernet]:
    return _keyring(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return _keys()[1].encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _keys()[1].decrypt(token.encode()).decode()
    except InvalidToken as exc:
        # Never the token nor the text in the message: it ends up in logs.
        raise UndecryptableValue(
            "Une donnée chiffrée ne peut pas être déchiffrée : la clé qui l'a chiffrée ne figure "
            "pas dans JALON_FIELD_ENCRYPTION_KEYS."
        ) from exc


def is_current(token: str) -> bool:
    """Whether the token is encrypted with the first (current) key."""
    try:
        _keys()[0].decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def is_readable(token: str) -> bool:
    try:
        _keys()[1].decrypt(token.encode())
    except InvalidToken:
        return False
    return True


class _EmptyOnlyExact(Exact):
    """Tokens differ at each encryption: only "is it empty?" can be asked to the database."""

    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError(
                f"Le champ chiffré « {self.lhs.target.name} » ne se compare qu'au texte vide."
            )
        return super().get_prep_lookup()


class EncryptedTextField(models.TextField):
    """A TextField stored as a Fernet token; the empty text stays empty (nothing to hide)."""

    description = "Texte chiffré (Fernet)"

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name == "exact":
            return _EmptyOnlyExact
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None


def encrypted_fields(model) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField) and field.model is model
    ]


def models_with_encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every model of every installed app with its encrypted fields (future apps included)."""
    found = []
    for model in apps.get_models():
        names = encrypted_fields(model)
        if names:
            found.append((model, names))
    return sorted(found, key=lambda item: item[0]._meta.label)


def redact(model, values: dict) -> dict:
    """Audit-ready values: the content of encrypted fields is replaced, never copied in clear."""
    protected = set(encrypted_fields(model))
    return {
        name: REDACTED if name in protected and value not in ("", None) else value
        for name, value in values.items()
    }


def _stored(model, name):
    """The column as stored (the token), bypassing the field's decryption."""
    return model._base_manager.annotate(
        stored_token=ExpressionWrapper(F(name), output_field=models.TextField())
    )


def rewrite_stored_values(model, name: str, transform, *, batch_size: int = 500) -> dict:
    """Apply `transform(stored) -> new stored value or None` to every non-empty row, in batches.

    Each batch is one transaction; a row is written only if its stored value is still the one
    read (a concurrent edit is never overwritten), so the walk can be interrupted and rerun.
    """
    counts = {"rewritten": 0, "unchanged": 0}
    last_pk = None
    while True:
        rows = _stored(model, name).exclude(stored_token="").exclude(stored_token__isnull=True)
        if last_pk is not None:
            rows = rows.filter(pk__gt=last_pk)
        batch = list(rows.order_by("pk").values_list("pk", "stored_token")[:batch_size])
        if not batch:
            return counts
        with transaction.atomic():
            for pk, stored in batch:
                new = transform(stored)
                if new is None or new == stored:
                    counts["unchanged"] += 1
                    continue
                written = (
                    _stored(model, name)
                    .filter(pk=pk, stored_token=stored)
                    .update(**{name: Value(new, output_field=models.TextField())})
                )
                counts["rewritten" if written else "unchanged"] += 1
        last_pk = batch[-1][0]


def stored_values(model, name: str):
    """(pk, stored token) of the non-empty rows, for checks."""
    return (
        _stored(model, name)
        .exclude(stored_token="")
        .exclude(stored_token__isnull=True)
        .order_by("pk")
        .values_list("pk", "stored_token")
        .iterator(chunk_size=2000)
    )


def encrypt_existing(model, names) -> None:
    """Data migrations: encrypt the plain text written before a field became encrypted."""
    for name in names:
        rewrite_stored_values(model, name, lambda s: None if is_readable(s) else encrypt(s))


def decrypt_existing(model, names) -> None:
    """Reverse of `encrypt_existing` (migrating back to a plain TextField)."""
    for name in names:
        rewrite_stored_values(model, name, lambda s: decrypt(s) if is_readable(s) else None)


def rotate(model, name: str, *, batch_size: int = 500) -> dict:
    """Re-encrypt a field's rows with the current key; tokens already current are left alone."""

    def reencrypt(stored: str):
        if is_current(stored):
            return None
        if not is_readable(stored):
            raise UndecryptableValue(
                f"{model._meta.label}.{name} : une valeur n'est lisible avec aucune clé de "
                "JALON_FIELD_ENCRYPTION_KEYS ; remettez l'ancienne clé dans la liste."
            )
        return _keys()[1].rotate(stored.encode()).decode()

    return rewrite_stored_values(model, name, reencrypt, batch_size=batch_size)
