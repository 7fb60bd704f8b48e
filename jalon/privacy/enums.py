"""Nomenclatures of data subject rights (GDPR articles 15 to 21)."""

from django.db import models


class RightKind(models.TextChoices):
    ACCESS = "access", "Accès (article 15)"
    RECTIFICATION = "rectification", "Rectification (article 16)"
    ERASURE = "erasure", "Effacement (article 17)"
    LIMITATION = "limitation", "Limitation (article 18)"
    OPPOSITION = "opposition", "Opposition (article 21)"


class RequestOutcome(models.TextChoices):
    GRANTED = "granted", "Satisfaite"
    PARTLY_GRANTED = "partly", "Satisfaite en partie"
    REFUSED = "refused", "Refusée (motif communiqué à la personne)"


class Erasure(models.TextChoices):
    CONTACT = "contact", "Coordonnées (téléphone, courriel, adresse)"
    COMMENTS = "comments", "Commentaires et textes libres"
    FILE = "file", "Tout le dossier (anonymisation immédiate)"
