"""Outreach, reception and diagnostic items of the file's timeline (three queries)."""

from django.urls import reverse

from jalon.youngpeople.timeline import TimelineItem


def items(young_person) -> list[TimelineItem]:
    result = []
    uid = young_person.uid
    for contact in young_person.outreach_contacts.select_related("made_by", "partner"):
        result.append(
            TimelineItem(
                day=contact.contacted_on,
                kind="reception",
                title="Contact de repérage (aller-vers)",
                detail=f"{contact.place} — {contact.get_outcome_display()}"
                + (f" — {contact.made_by_label}" if contact.made_by_label else ""),
                url=reverse("reception:outreach_detail", args=[contact.uid]),
                order=5,
            )
        )
    for reception in young_person.receptions.select_related("oriented_to"):
        result.append(
            TimelineItem(
                day=reception.received_on,
                kind="reception",
                title="Premier accueil",
                detail=f"{reception.get_mode_display()} — {reception.outcome_summary}",
                url=reverse("reception:reception_detail", args=[uid, reception.uid]),
                order=10,
            )
        )
    for diagnostic in young_person.diagnostics.select_related("counsellor"):
        url = reverse("reception:diagnostic_detail", args=[uid, diagnostic.uid])
        result.append(
            TimelineItem(
                day=diagnostic.started_on,
                kind="reception",
                title="Diagnostic commencé",
                detail=f"Avec {diagnostic.counsellor.get_full_name()}",
                url=url,
                order=20,
                badges=() if diagnostic.completed_on else ("En cours",),
            )
        )
        if diagnostic.completed_on:
            result.append(
                TimelineItem(
                    day=diagnostic.completed_on,
                    kind="reception",
                    title="Diagnostic conclu",
                    detail=f"Suite recommandée : {diagnostic.get_recommended_next_step_display()}",
                    url=url,
                    order=80,
                )
            )
    return result
