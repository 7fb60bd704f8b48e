"""Partners' systems integrate through this API: same policy, same rules, same audit as pages."""

import uuid

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer

from jalon import policy
from jalon.accounts import second_factor
from jalon.accounts.models import ApiToken, User
from jalon.api import errors
from jalon.api.schemas import (
    DuplicateOut,
    ErrorOut,
    OrganisationOut,
    TokenIn,
    TokenOut,
    YoungPersonCreate,
    YoungPersonListItem,
    YoungPersonOut,
    YoungPersonPatch,
)
from jalon.api.throttling import AccountRateThrottle, TokenRateThrottle
from jalon.audit import services as audit
from jalon.core.versioning import ConcurrentEditError
from jalon.network.models import Commune, Organisation, OrganisationKind, Site
from jalon.youngpeople import selectors, services
from jalon.youngpeople.models import YoungPerson


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        api_token = ApiToken.objects.for_raw_key(token).first()
        return api_token.user if api_token else None


class JalonApi(NinjaAPI):
    """Every operation is rate-limited (per account, per address for the token): the schema
    says so once here rather than on each operation."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        too_many = {
            "description": "Trop de requêtes : réessayez après le délai de `Retry-After`.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"].setdefault(429, too_many)
        return schema


api = JalonApi(
    title="API Jalon",
    version="1",
    description=(
        "API des partenaires du réseau des Missions Locales. Obtenez un jeton avec "
        "`POST /api/v1/auth/token`, puis envoyez `Authorization: Bearer <jeton>`. "
        "Les erreurs sont en JSON : `{message, errors: {champ: [messages]}}`. "
        "Modifications concurrentes : un dossier ou un parcours porte un numéro de `version` ; "
        "une modification doit renvoyer dans son corps la `version` lue, et répond 409 si "
        "quelqu'un l'a modifié entre-temps (rien n'est alors enregistré : relisez, puis renvoyez)."
    ),
    auth=BearerToken(),
    throttle=[AccountRateThrottle()],
    urls_namespace="api",
    parser=errors.NulRefusingParser(),
)


@api.exception_handler(NinjaValidationError)
def _invalid_input(request, exc):
    return api.create_response(
        request, errors.error_body(errors.from_pydantic(exc.errors)), status=400
    )


@api.exception_handler(DjangoValidationError)
def _rule_broken(request, exc):
    body = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, errors.error_body(body), status=400)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(
        request,
        errors.error_body({}, "Authentification requise : jeton absent, invalide ou expiré."),
        status=401,
    )


_HTTP_MESSAGES = {
    400: "Le corps de la requête n'est pas un JSON valide.",
    405: "Méthode non autorisée pour cette adresse.",
    429: "Trop de requêtes : réessayez plus tard.",
}


@api.exception_handler(HttpError)
def _http_error(request, exc):
    if isinstance(exc.__cause__, DjangoValidationError):  # refused while parsing the body
        return _rule_broken(request, exc.__cause__)
    message = _HTTP_MESSAGES.get(exc.status_code, "Requête refusée.")
    return api.create_response(request, errors.error_body({}, message), status=exc.status_code)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, errors.error_body({}, "Ressource introuvable."), status=404)


@api.exception_handler(ConcurrentEditError)
def _outdated_version(request, exc):
    return api.create_response(
        request, errors.error_body({"version": [exc.api_message]}, exc.api_message), status=409
    )


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(
        request, errors.error_body({}, "Votre rôle ne permet pas cette action."), status=403
    )


# --- Authentication ------------------------------------------------------------------------


@api.post(
    "/auth/token",
    summary="Obtenir un jeton",
    auth=None,
    throttle=[TokenRateThrottle()],
    response={200: TokenOut, 400: ErrorOut, 401: ErrorOut, 429: ErrorOut},
    tags=["authentification"],
)
def create_token(request, payload: TokenIn):
    """Échange une adresse, un mot de passe et un code de double authentification
    (`code` : les 6 chiffres de l'application, ou un code de secours) contre un jeton porteur.

    Après des échecs répétés, le compte est bloqué un temps (429) ; les demandes trop
    fréquentes depuis une même adresse IP aussi.
    """
    user = authenticate(request, username=payload.email.strip().lower(), password=payload.password)
    if user is None:
        return Status(401, errors.error_body({}, "Adresse électronique ou mot de passe incorrect."))
    if second_factor.needs_second_factor(user):
        refusal = _second_factor_refusal(user, payload.code)
        if refusal:
            return refusal
    token, raw = ApiToken.issue(user, settings.JALON_API_TOKEN_LIFETIME)
    return Status(200, {"token": raw, "expires_at": token.expires_at})


def _second_factor_refusal(user, code):
    if not second_factor.has_device(user):
        enrol_first = "Activez d'abord la double authentification en vous connectant au site."
        return Status(
            401, errors.error_body({"code": [enrol_first]}, "Double authentification requise.")
        )
    if not code:
        return Status(
            401,
            errors.error_body(
                {"code": ["Code de double authentification requis."]},
                "Double authentification requise.",
            ),
        )
    try:
        second_factor.verify_code(user=user, code=code)
    except second_factor.Throttled as error:
        return Status(429, errors.error_body(error.message_dict, "Trop de codes erronés."))
    except DjangoValidationError as error:
        return Status(401, errors.error_body(error.message_dict, "Code incorrect."))
    return None


# --- Network -------------------------------------------------------------------------------


class OrganisationFilters(Schema):
    type: str | None = None
    region: str | None = None
    q: str | None = None


@api.get(
    "/organisations/",
    summary="Lister les structures",
    response={200: list[OrganisationOut], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    tags=["réseau"],
)
@paginate(PageNumberPagination, page_size=100)
def list_organisations(request, filters: Query[OrganisationFilters]):
    """L'annuaire du réseau et des partenaires."""
    if not policy.can_browse_directory(request.auth):
        raise PermissionDenied
    queryset = Organisation.objects.select_related("region", "departement", "commune").order_by(
        "kind", "name"
    )
    if filters.type:
        if filters.type not in OrganisationKind.values:
            raise DjangoValidationError(
                {"type": f"Type inconnu. Valeurs : {', '.join(OrganisationKind.values)}."}
            )
        queryset = queryset.filter(kind=filters.type)
    if filters.region:
        queryset = queryset.filter(region__code=filters.region)
    if filters.q:
        queryset = queryset.filter(name__icontains=filters.q)
    return [
        {
            "code": org.code,
            "name": org.name,
            "kind": org.kind,
            "kind_label": org.get_kind_display(),
            "subtype": org.subtype,
            "region_code": org.region.code if org.region else None,
            "departement_code": org.departement.code if org.departement else None,
            "commune_code": org.commune.code if org.commune else None,
            "phone": org.phone,
            "email": org.email,
        }
        for org in queryset
    ]


# --- Young people --------------------------------------------------------------------------


def _young_person_out(user, young_person: YoungPerson) -> dict:
    referent = young_person.referent
    return {
        "id": young_person.uid,
        "version": young_person.version,
        **{
            name: getattr(young_person, name)
            for name in (
                "last_name",
                "birth_name",
                "first_names",
                "sex",
                "birth_date",
                "phone",
                "email",
                "address",
                "postal_code",
                "level_1969",
                "level_2019",
                "last_class",
                "diploma",
                "neet_on_arrival",
                "first_reception_date",
                "age_exception_reason",
                "status",
                "site_id",
            )
        },
        "commune": {"code": young_person.commune.code, "name": young_person.commune.name}
        if young_person.commune
        else None,
        "mission_locale": {
            "code": young_person.mission_locale.code,
            "name": young_person.mission_locale.name,
        },
        "referent": {"name": referent.get_full_name(), "email": referent.email}
        if referent
        else None,
        "priority_publics": [
            {
                "public": period.public,
                "public_label": period.get_public_display(),
                "detail": period.detail if policy.can_read_public_detail(user, period) else "",
                "start_date": period.start_date,
                "end_date": period.end_date,
            }
            for period in young_person.public_periods.all()
        ],
    }


def _resolve_references(actor, payload: dict) -> dict:
    """Turn the API's codes into records; unknown ones are errors on their own field."""
    data = dict(payload)
    problems = {}
    if "commune_code" in data:
        code = data.pop("commune_code")
        data["commune"] = Commune.objects.filter(code=code).first() if code else None
        if code and data["commune"] is None:
            problems["commune_code"] = ["Commune inconnue (code INSEE attendu)."]
    if "site_id" in data:
        site_id = data.pop("site_id")
        data["site"] = Site.objects.filter(pk=site_id).first() if site_id else None
        if site_id and data["site"] is None:
            problems["site_id"] = ["Site inconnu."]
    if "referent_email" in data:
        email = data.pop("referent_email")
        data["referent"] = User.objects.filter(email__iexact=email).first() if email else None
        if email and data["referent"] is None:
            problems["referent_email"] = ["Aucun compte avec cette adresse."]
    if problems:
        raise DjangoValidationError(problems)
    return data


class YoungPeopleFilters(Schema):
    q: str | None = None


@api.get(
    "/young-people/",
    summary="Chercher des jeunes",
    response={200: list[YoungPersonListItem], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    tags=["jeunes"],
)
@paginate(PageNumberPagination, page_size=50)
def list_young_people(request, filters: Query[YoungPeopleFilters]):
    """Les jeunes de votre Mission Locale ; `q` cherche par nom (fautes tolérées) et date."""
    if not policy.can_read_named_files(request.auth):
        raise PermissionDenied
    queryset = selectors.portfolio(request.auth, q=filters.q or "", scope="all")
    return [
        {
            "id": yp.uid,
            "last_name": yp.last_name,
            "first_names": yp.first_names,
            "birth_date": yp.birth_date,
            "status": yp.status,
        }
        for yp in queryset
    ]


@api.post(
    "/young-people/",
    summary="Créer un dossier",
    response={
        201: YoungPersonOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        409: DuplicateOut,
    },
    tags=["jeunes"],
)
def create_young_person(request, payload: YoungPersonCreate):
    """Crée un dossier ; répond 409 avec les doublons probables sauf confirmation."""
    data = payload.dict(exclude={"confirm_not_duplicate"}, exclude_none=True)
    try:
        young_person = services.young_person_create(
            actor=request.auth,
            data=_resolve_references(request.auth, data),
            confirm_not_duplicate=payload.confirm_not_duplicate,
            channel="api",
        )
    except services.DuplicateSuspected as suspected:
        return Status(
            409,
            {
                "message": (
                    "Un dossier similaire existe déjà ; renvoyez avec "
                    "confirm_not_duplicate=true s'il s'agit d'une autre personne."
                ),
                "matches": [_duplicate_out(request.auth, c) for c in suspected.candidates],
            },
        )
    return Status(
        201,
        _young_person_out(request.auth, selectors.file_for_display(request.auth, young_person.uid)),
    )


def _duplicate_out(user, candidate) -> dict:
    ml = candidate.mission_locale
    match = {
        "mission_locale": {"code": ml.code, "name": ml.name, "phone": ml.phone, "email": ml.email}
    }
    if policy.duplicate_disclosure(user, candidate) == "full":
        match["id"] = str(candidate.uid)
    return match


@api.get(
    "/young-people/{uuid:uid}",
    summary="Lire un dossier",
    response={200: YoungPersonOut, 401: ErrorOut, 404: ErrorOut},
    tags=["jeunes"],
)
def get_young_person(request, uid: uuid.UUID):
    young_person = selectors.file_for_display(request.auth, uid, include_emergency=True)
    audit.record_read(actor=request.auth, young_person=young_person, channel="api")
    return Status(200, _young_person_out(request.auth, young_person))


@api.patch(
    "/young-people/{uuid:uid}",
    summary="Modifier un dossier",
    response={
        200: YoungPersonOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
    },
    tags=["jeunes"],
)
def update_young_person(request, uid: uuid.UUID, payload: YoungPersonPatch):
    """Modifie les champs envoyés ; `version` (lue par GET) est obligatoire : 409 si le
    dossier a été modifié depuis."""
    young_person = policy.get_young_person_or_404(request.auth, uid)
    data = _resolve_references(request.auth, payload.dict(exclude_unset=True, exclude={"version"}))
    services.young_person_update(
        actor=request.auth,
        young_person=young_person,
        data=data,
        expected_version=payload.version,
        channel="api",
    )
    return Status(
        200, _young_person_out(request.auth, selectors.file_for_display(request.auth, uid))
    )


# Each domain app's operations live in their own router module.
for _module in (
    "reception",
    "pathways",
    "scheduling",
    "documents",
    "transfers",
    "referrals",
    "partners",
    "justice",
    "childwelfare",
    "webhooks",
    "alerts",
    "reporting",
):
    api.add_router("/", f"jalon.api.{_module}.router")
