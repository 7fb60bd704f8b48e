"""The events a partner's system can subscribe to.

An app emits one with `jalon.webhooks.services.notify(...)`; a name missing here is a programming
error (notify raises), so that a typo never silently sends nothing. Add a line when an app starts
emitting a new event: the subscription forms and the API documentation list them from here.
"""

EVENTS = {
    "liaison_form.status_changed": "Changement de statut d'une fiche de liaison",
    "consent.changed": "Consentement donné ou retiré",
    "transfer.status_changed": "Changement de statut d'un transfert de dossier",
}

EVENT_CHOICES = sorted(EVENTS.items())
