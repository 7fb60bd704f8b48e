import datetime
import uuid
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from jalon.youngpeople.enums import Level1969, Sex


def one_of(choices, *, blank: bool = False):
    """A code of a nomenclature: the schema lists the codes, so partners (and fuzzers) know them."""
    return Literal[("",) * blank + tuple(choices.values)]


class TokenIn(Schema):
    email: str
    password: str
    code: str | None = None  # TOTP or recovery code, required when the account has 2FA


class TokenOut(Schema):
    token: str
    expires_at: datetime.datetime


class ErrorOut(Schema):
    message: str
    errors: dict[str, list[str]] = {}


class OrganisationOut(Schema):
    code: str
    name: str
    kind: str
    kind_label: str
    subtype: str
    region_code: str | None
    departement_code: str | None
    commune_code: str | None
    phone: str
    email: str


class OrganisationRef(Schema):
    code: str
    name: str


class CommuneRef(Schema):
    code: str
    name: str


class ReferentRef(Schema):
    name: str
    email: str


class PublicPeriodOut(Schema):
    public: str
    public_label: str
    detail: str
    start_date: datetime.date
    end_date: datetime.date | None


class YoungPersonListItem(Schema):
    id: uuid.UUID
    last_name: str
    first_names: str
    birth_date: datetime.date
    status: str


class YoungPersonOut(YoungPersonListItem):
    version: int = Field(
        description="Version du dossier : à renvoyer telle quelle pour le modifier (PATCH)."
    )
    birth_name: str
    sex: str
    phone: str
    email: str
    address: str
    postal_code: str
    commune: CommuneRef | None
    level_1969: str
    level_2019: int | None
    last_class: str
    diploma: str
    neet_on_arrival: bool
    first_reception_date: datetime.date
    age_exception_reason: str
    mission_locale: OrganisationRef
    site_id: int | None
    referent: ReferentRef | None
    priority_publics: list[PublicPeriodOut]


class _YoungPersonFields(Schema):
    model_config = ConfigDict(extra="forbid")

    birth_name: str | None = Field(None, max_length=100)
    phone: str | None = Field(None, max_length=30)
    email: str | None = Field(None, max_length=254)
    address: str | None = Field(None, max_length=250)
    postal_code: str | None = Field(None, max_length=5)
    commune_code: str | None = Field(None, max_length=5, description="Code INSEE de la commune")
    level_1969: one_of(Level1969, blank=True) | None = None
    level_2019: int | None = Field(None, ge=1, le=8)
    last_class: str | None = Field(None, max_length=100)
    diploma: str | None = Field(None, max_length=150)
    neet_on_arrival: bool | None = None
    age_exception_reason: str | None = None
    site_id: int | None = None
    referent_email: str | None = None


class YoungPersonCreate(_YoungPersonFields):
    last_name: str = Field(max_length=100)
    first_names: str = Field(max_length=150)
    sex: one_of(Sex)
    birth_date: datetime.date
    first_reception_date: datetime.date
    has_rqth: bool = False
    lives_in_qpv: bool = False
    confirm_not_duplicate: bool = Field(
        False, description="À vrai pour créer malgré un doublon probable signalé (409)."
    )


class YoungPersonPatch(_YoungPersonFields):
    version: int = Field(
        description="Version lue (GET) sur laquelle porte la modification ; si le dossier a été "
        "modifié depuis, la réponse est 409 et rien n'est enregistré."
    )
    last_name: str | None = Field(None, max_length=100)
    first_names: str | None = Field(None, max_length=150)
    sex: one_of(Sex) | None = None
    birth_date: datetime.date | None = None
    first_reception_date: datetime.date | None = None


class DuplicateOut(Schema):
    message: str
    matches: list[dict]
