"""JSON errors in French that name the field, for every bad input (never a 500)."""

from django.core.exceptions import ValidationError
from ninja.parser import Parser

_MESSAGES = {
    "missing": "Ce champ est obligatoire.",
    "date_parsing": "Date invalide : format attendu AAAA-MM-JJ.",
    "date_from_datetime_parsing": "Date invalide : format attendu AAAA-MM-JJ.",
    "date_from_datetime_inexact": "Date invalide : format attendu AAAA-MM-JJ.",
    "date_type": "Date invalide : format attendu AAAA-MM-JJ.",
    "int_parsing": "Nombre entier attendu.",
    "int_type": "Nombre entier attendu.",
    "bool_parsing": "Valeur attendue : true ou false.",
    "bool_type": "Valeur attendue : true ou false.",
    "string_type": "Texte attendu.",
    "string_too_long": "Texte trop long.",
    "uuid_parsing": "Identifiant invalide.",
    "uuid_type": "Identifiant invalide.",
    "json_invalid": "Le corps de la requête n'est pas un JSON valide.",
    "model_attributes_type": "Un objet JSON est attendu.",
    "dict_type": "Un objet JSON est attendu.",
    "extra_forbidden": "Champ inconnu ou non modifiable.",
    "value_error": "Valeur invalide.",
}
_CONTAINERS = {"body", "payload", "query", "path", "data", "filters"}


def field_of(location) -> str:
    names = [part for part in location if isinstance(part, str) and part not in _CONTAINERS]
    return names[-1] if names else "__all__"


def french_message(error: dict) -> str:
    context = error.get("ctx") or {}
    if error.get("type") == "literal_error":
        expected = str(context.get("expected", "")).replace(" or ", " ou ")
        return f"Valeur inconnue. Valeurs possibles : {expected}."
    if error.get("type") == "greater_than_equal":
        return f"La valeur minimale est {context.get('ge')}."
    if error.get("type") == "less_than_equal":
        return f"La valeur maximale est {context.get('le')}."
    if error.get("type") == "value_error" and "email" in str(error.get("msg", "")).lower():
        return "Adresse électronique invalide."
    return _MESSAGES.get(error.get("type", ""), "Valeur invalide.")


def from_pydantic(errors: list[dict]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for error in errors:
        result.setdefault(field_of(error.get("loc", ())), []).append(french_message(error))
    return result


def error_body(errors: dict[str, list[str]], message: str = "Données invalides.") -> dict:
    return {"message": message, "errors": errors}


NUL_MESSAGE = "Le caractère nul (\\u0000) n'est pas accepté : retirez-le du texte."


def refuse_nul_characters(data, field: str = "__all__") -> None:
    """No database column stores a NUL character: refuse it up front, naming the field."""
    problems: dict[str, list[str]] = {}

    def walk(value, name):
        if isinstance(value, str):
            if "\x00" in value:
                problems.setdefault(name, [NUL_MESSAGE])
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, key if isinstance(key, str) else name)
        elif isinstance(value, list):
            for item in value:
                walk(item, name)

    walk(data, field)
    if problems:
        raise ValidationError(problems)


class NulRefusingParser(Parser):
    """JSON bodies and query strings as usual, minus the NUL characters PostgreSQL refuses."""

    def parse_body(self, request):
        data = super().parse_body(request)
        refuse_nul_characters(data)
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        refuse_nul_characters(result)
        return result
