"""Staff and partner accounts: who someone is, where they work and in which role."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from jalon.network.models import Organisation, OrganisationKind, Site


class Role(models.TextChoices):
    RECEPTION = "reception", "Chargé·e d'accueil"
    COUNSELLOR = "counsellor", "Conseiller·ère"
    CJML = "cjml", "Conseiller·ère justice Mission Locale (CJML)"
    JUSTICE_REFERENT = "justice_referent", "Référent·e justice"
    DIRECTOR = "director", "Directeur·rice"
    ARML_PILOT = "arml_pilot", "Pilote régional (ARML)"
    NATIONAL_PILOT = "national_pilot", "Pilote national (UNML)"
    CPIP = "cpip", "Conseiller·ère pénitentiaire d'insertion et de probation (CPIP)"
    PJJ_EDUCATOR = "pjj_educator", "Éducateur·rice PJJ"
    ASE_REFERENT = "ase_referent", "Référent·e ASE"
    FRANCE_TRAVAIL_ADVISER = "france_travail_adviser", "Conseiller·ère France Travail"
    DATA_PROTECTION_OFFICER = "dpo", "Délégué·e à la protection des données (DPO)"
    ADMINISTRATOR = "administrator", "Administrateur·rice national·e"


# Shown in the header, where space is short.
SHORT_ROLE_LABELS = {
    Role.RECEPTION: "Accueil",
    Role.COUNSELLOR: "Conseiller·ère",
    Role.CJML: "CJML",
    Role.JUSTICE_REFERENT: "Référent·e justice",
    Role.DIRECTOR: "Direction",
    Role.ARML_PILOT: "Pilote régional",
    Role.NATIONAL_PILOT: "Pilote national",
    Role.CPIP: "CPIP",
    Role.PJJ_EDUCATOR: "Éducateur·rice PJJ",
    Role.ASE_REFERENT: "Référent·e ASE",
    Role.FRANCE_TRAVAIL_ADVISER: "France Travail",
    Role.DATA_PROTECTION_OFFICER: "DPO",
    Role.ADMINISTRATOR: "Administration",
}

MISSION_LOCALE_ROLES = frozenset(
    {Role.RECEPTION, Role.COUNSELLOR, Role.CJML, Role.JUSTICE_REFERENT, Role.DIRECTOR}
)
PILOT_ROLES = frozenset({Role.ARML_PILOT, Role.NATIONAL_PILOT})
PARTNER_ROLES = frozenset(
    {Role.CPIP, Role.PJJ_EDUCATOR, Role.ASE_REFERENT, Role.FRANCE_TRAVAIL_ADVISER}
)

# The kind of structure each role must belong to.
ORGANISATION_KINDS_BY_ROLE = {
    **{role: {OrganisationKind.MISSION_LOCALE} for role in MISSION_LOCALE_ROLES},
    Role.ARML_PILOT: {OrganisationKind.ARML},
    Role.NATIONAL_PILOT: {OrganisationKind.UNML},
    Role.CPIP: {OrganisationKind.SPIP},
    Role.PJJ_EDUCATOR: {OrganisationKind.PJJ},
    Role.ASE_REFERENT: {OrganisationKind.CONSEIL_DEPARTEMENTAL},
    Role.FRANCE_TRAVAIL_ADVISER: {OrganisationKind.FRANCE_TRAVAIL},
    # The DPO designated by a Mission Locale (often shared by several, named by each).
    Role.DATA_PROTECTION_OFFICER: {OrganisationKind.MISSION_LOCALE},
    Role.ADMINISTRATOR: {OrganisationKind.UNML},
}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("role", Role.ADMINISTRATOR)
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("courriel", unique=True)
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    phone = models.CharField("téléphone professionnel", max_length=20, blank=True)
    role = models.CharField("rôle", max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="structure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    site = models.ForeignKey(
        Site,
        verbose_name="site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    is_active = models.BooleanField("actif", default=True)
    # The end of the account holder's habilitation starts the one-year retention of the account.
    habilitation_ended_at = models.DateTimeField(
        "fin d'habilitation", null=True, blank=True, editable=False
    )
    is_staff = models.BooleanField(
        "accès à l'administration", default=False, help_text="Administrateurs nationaux seulement."
    )
    date_joined = models.DateTimeField("créé le", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = "utilisateur·rice"
        verbose_name_plural = "utilisateur·rice·s"
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name

    @property
    def short_role_label(self) -> str:
        return SHORT_ROLE_LABELS.get(self.role, "")

    @property
    def is_mission_locale_staff(self) -> bool:
        return self.role in MISSION_LOCALE_ROLES

    @property
    def is_pilot(self) -> bool:
        return self.role in PILOT_ROLES

    @property
    def is_partner(self) -> bool:
        return self.role in PARTNER_ROLES

    def clean(self):
        super().clean()
        self.email = self.email.lower()
        expected = ORGANISATION_KINDS_BY_ROLE.get(self.role)
        if expected and (self.organisation is None or self.organisation.kind not in expected):
            raise ValidationError(
                {"organisation": "La structure ne correspond pas au rôle choisi."}
            )
        if self.site and self.site.mission_locale_id != self.organisation_id:
            raise ValidationError(
                {"site": "Le site doit appartenir à la Mission Locale de l'utilisateur."}
            )


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(expires_at__gt=timezone.now(), user__is_active=True)

    def for_raw_key(self, raw: str):
        return self.valid().select_related("user__organisation").filter(key_hash=_hash_token(raw))


class ApiToken(models.Model):
    """A bearer token for partners' systems; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "jeton d'API"
        verbose_name_plural = "jetons d'API"

    def __str__(self):
        return f"Jeton de {self.user} (expire le {self.expires_at:%d/%m/%Y %H:%M})"

    @classmethod
    def issue(cls, user: User, lifetime) -> tuple["ApiToken", str]:
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, key_hash=_hash_token(raw), expires_at=timezone.now() + lifetime
        )
        return token, raw
