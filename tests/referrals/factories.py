"""Liaison forms built through the services, as users build them."""

import datetime

from django.utils import timezone

from jalon.referrals import services
from jalon.referrals.enums import ConsentMethod, LiaisonNeed, LiaisonSituation


def liaison_data(recipient, **overrides) -> dict:
    data = {
        "recipient_organisation": recipient,
        "last_name": "Dupont",
        "first_names": "Lucas",
        "birth_date": datetime.date(2005, 3, 14),
        "phone": "06 12 34 56 78",
        "situation": LiaisonSituation.DETENTION,
        "expected_release_date": timezone.localdate() + datetime.timedelta(days=40),
        "situation_details": "Aménagement de peine envisagé en placement extérieur",
        "reason": "Préparer la sortie : projet de formation en cuisine",
        "needs": [LiaisonNeed.TRAINING, LiaisonNeed.HOUSING],
        "needs_details": "Hébergement chez sa mère impossible après la sortie",
        "urgency": "normal",
        "consent_given": True,
        "consent_method": ConsentMethod.SIGNED_FORM,
        "consent_date": timezone.localdate(),
    }
    data.update(overrides)
    return data


def send(sender, recipient, attachments=(), young_person=None, **overrides):
    return services.liaison_form_send(
        actor=sender,
        data=liaison_data(recipient, **overrides),
        attachments=attachments,
        young_person=young_person,
    )
