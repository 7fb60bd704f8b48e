"""The justice entries of the main menu, from the access policy."""

from django.urls import reverse

from jalon import policy


def items(user) -> list[tuple[str, str]]:
    if policy.can_work_in_detention(user):
        return [("Justice", reverse("justice:activity"))]
    if policy.can_read_justice_coverage(user):
        return [("Couverture CJML", reverse("justice:coverage"))]
    # Others reach the CJML directory from the network directory's page.
    return []
