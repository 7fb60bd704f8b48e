"""Hypothesis strategies for what users (and partners' systems) really type, and its extremes.

Profiles ("ci" by default, "dev" for longer runs) are registered in tests/conftest.py.
"""

import datetime
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck
from hypothesis import strategies as st

# Accented French letters, both cases, and the separators names carry.
FRENCH_LETTERS = "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ"
FRENCH_NAME_CHARS = FRENCH_LETTERS + FRENCH_LETTERS.upper() + " -'"

# Anything: empty, control characters (NUL included), emoji, other scripts, very long.
any_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
    st.text(alphabet=FRENCH_NAME_CHARS, max_size=60),
    st.sampled_from(["", " ", "\x00", "\n\t", "  Dupont  ", "0612345678", "+33 6 12 34 56 78"]),
)
french_name = st.text(alphabet=FRENCH_NAME_CHARS, min_size=1, max_size=40)
any_date = st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31))
recent_date = st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2100, 12, 31))

# Database properties run each example in a savepoint rolled back at its end (see rolled_back):
# the function-scoped fixtures (personas, files) are shared on purpose and never modified.
DATABASE_EXAMPLES = {"suppress_health_check": [HealthCheck.function_scoped_fixture]}


@contextmanager
def rolled_back():
    """Run one example's writes in a savepoint that is always undone."""
    with transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


def assert_french_validation_error(error: ValidationError) -> None:
    """A refusal the user can act on: messages in French, per field."""
    messages = error.messages
    assert messages, "a refusal without a message"
    for message in messages:
        assert message.strip(), "an empty message"
        assert not message.startswith(("Enter a", "This field", "Ensure this")), message
