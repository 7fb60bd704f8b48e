"""Every app declares what it holds about a young person, field by field."""

from django.apps import apps
from django.db import models

from jalon.audit.models import AuditEntry
from jalon.privacy import registry, services
from jalon.youngpeople.models import YoungPerson
from tests.factories import UserFactory, YoungPersonFactory
from tests.reception.factories import DiagnosticFactory

# Text that can hold anything a person typed: it must be classified.
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.FileField)
# The journal says who did what to which file; it is never rewritten (see README).
NOT_HELD = {AuditEntry}


def _declared():
    return {holding.model_class: holding for holding in registry.holdings()}


def test_every_model_linked_to_a_file_is_declared():
    """A new app's model pointing at a file, or at a declared record, must join the registry."""
    declared = _declared()
    missing = set()
    for model in declared:
        for relation in model._meta.related_objects:
            related = relation.related_model
            if relation.many_to_many or related in NOT_HELD or related in declared:
                continue
            missing.add(f"{related._meta.label} (par {relation.field.name})")
    assert not missing, f"À déclarer dans <app>/privacy.py : {sorted(missing)}"


def test_every_text_field_of_a_declared_model_is_classified_once():
    problems = []
    for model, holding in _declared().items():
        groups = (holding.identity, holding.free_text, holding.kept_text, holding.internal)
        classified = [name for group in groups for name in group]
        for name in (*classified, *holding.contact, *holding.replacements):
            model._meta.get_field(name)  # raises for a misspelt field
        if len(classified) != len(set(classified)):
            problems.append(f"{model._meta.label}: classé deux fois")
        assert set(holding.contact) <= set(holding.identity), model
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, TEXT_FIELDS)
                and not field.choices
                and field.name not in classified
            ):
                problems.append(f"{model._meta.label}.{field.name}")
    assert not problems, f"Champs texte non classés : {problems}"


def test_the_file_itself_and_every_app_are_in_the_registry():
    labels = [holding.model for holding in registry.holdings()]
    assert labels[0] == "youngpeople.YoungPerson"
    assert {label.split(".")[0] for label in labels} >= {
        "youngpeople",
        "reception",
        "pathways",
        "scheduling",
        "privacy",
    }
    assert apps.get_model("youngpeople.YoungPerson") is YoungPerson


def test_records_declared_for_deletion_are_deleted_on_anonymisation(db, monkeypatch):
    """How uploaded documents will go: their holding says delete_on_anonymisation."""
    young_person = YoungPersonFactory()
    diagnostic = DiagnosticFactory(
        young_person=young_person, counsellor=UserFactory(organisation=young_person.mission_locale)
    )
    interviews = registry.Holding(
        model="reception.DiagnosticInterview",
        to_young_person="diagnostic__young_person",
        label="Entretiens",
        delete_on_anonymisation=True,
    )
    monkeypatch.setattr(registry, "holdings", lambda: (interviews,))
    assert diagnostic.interviews.exists()
    assert services.anonymise_file(young_person_pk=young_person.pk, reason="test")
    assert not diagnostic.interviews.exists()
