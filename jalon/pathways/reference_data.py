"""Reference values known when Jalon was written (domain notes); the admin adds later ones.

PACEA allowance caps are not set: their figures are to be confirmed (domain notes), and no cap
is enforced until a national administrator enters them.
"""

import datetime
from decimal import Decimal

CEJ_START = datetime.date(2022, 3, 1)
D5131_19 = "Code du travail, D5131-19 (revalorisation au 1er avril)"
VALUES = [
    # key, valid from, value, to confirm, source
    (
        "orientation_sequence_max_months",
        datetime.date(2015, 1, 1),
        "4",
        False,
        "Cadre de référence CPO 2015-2018",
    ),
    ("pacea_max_months", datetime.date(2017, 1, 1), "24", False, "Code du travail, R5131-11"),
    ("cej_min_months", CEJ_START, "6", False, "Code du travail, R5131-16"),
    ("cej_max_months", CEJ_START, "12", False, "Code du travail, R5131-16"),
    ("cej_exception_max_months", CEJ_START, "18", False, "Code du travail, R5131-16"),
    ("cej_gap_months", CEJ_START, "6", False, "Code du travail, R5131-17"),
    ("cej_weekly_hours_min", CEJ_START, "15", False, "Code du travail, L5131-6"),
    ("cej_weekly_hours_max", CEJ_START, "20", False, "Code du travail, L5131-6"),
    (
        "cej_allowance_non_taxable",
        datetime.date(2023, 4, 1),
        "528.00",
        True,
        "Diaporama ARML Occitanie (« jusqu'à 528 € »)",
    ),
    ("cej_allowance_non_taxable", datetime.date(2024, 4, 1), "552.29", False, D5131_19),
    ("cej_allowance_first_bracket", datetime.date(2024, 4, 1), "331.17", False, D5131_19),
    ("cej_allowance_minor", datetime.date(2024, 4, 1), "220.92", False, D5131_19),
    ("cej_allowance_non_taxable", datetime.date(2025, 4, 1), "561.68", False, D5131_19),
    ("cej_allowance_first_bracket", datetime.date(2025, 4, 1), "337.00", False, D5131_19),
    ("cej_allowance_minor", datetime.date(2025, 4, 1), "224.68", False, D5131_19),
]


def load_reference_values(model) -> int:
    """Insert the known values; the model is passed in so migrations can use theirs."""
    for key, valid_from, value, to_confirm, source in VALUES:
        model.objects.update_or_create(
            key=key,
            valid_from=valid_from,
            defaults={"value": Decimal(value), "to_confirm": to_confirm, "source": source},
        )
    return len(VALUES)
