"""The journey on one screen: every app contributes dated items to a young person's timeline.

A provider is a function `items(young_person) -> list[TimelineItem]` that runs a bounded number
of queries whatever the size of the file. Providers are listed in PROVIDERS so that the file page
needs no knowledge of the apps behind it.
"""

import datetime
from dataclasses import dataclass, field
from importlib import import_module

PROVIDERS: list[str] = [
    "jalon.reception.timeline.items",
    "jalon.pathways.timeline.items",
    "jalon.scheduling.timeline.items",
    "jalon.youngpeople.documents.items",
    "jalon.youngpeople.transfers.items",
    "jalon.referrals.timeline.items",
    "jalon.partners.timeline.items",
    "jalon.obligation.timeline.items",
]


@dataclass(frozen=True)
class TimelineItem:
    day: datetime.date
    kind: str  # a key of KINDS
    title: str
    detail: str = ""
    url: str = ""
    # Orders items of the same day (e.g. a pathway's start before the events of that day).
    order: int = 50
    badges: tuple[str, ...] = field(default_factory=tuple)


# Filter groups shown above the timeline, in this order.
KINDS = {
    "reception": "Accueil et diagnostic",
    "pathway": "Parcours contractualisés",
    "event": "Entretiens et ateliers",
    "immersion": "Immersions (PMSMP)",
    "proposal": "Propositions",
    "situation": "Situations",
    "appointment": "Rendez-vous",
    "allowance": "Allocation",
    "document": "Documents",
    "transfer": "Transferts",
    "liaison": "Fiches de liaison",
    "sharing": "Partage avec les partenaires",
    "obligation": "Obligation de formation",
}


def _provider(path: str):
    module, name = path.rsplit(".", 1)
    return getattr(import_module(module), name)


def timeline(young_person, kinds: set[str] | None = None) -> list[TimelineItem]:
    """All items, most recent first; `kinds` keeps only those groups."""
    items = []
    for path in PROVIDERS:
        items.extend(_provider(path)(young_person))
    if kinds:
        items = [item for item in items if item.kind in kinds]
    return sorted(items, key=lambda item: (item.day, -item.order), reverse=True)
