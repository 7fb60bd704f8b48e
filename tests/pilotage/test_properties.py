"""Properties of the co-financing allocation, whatever the envelope and the counts."""

from hypothesis import given
from hypothesis import strategies as st

from jalon.pilotage import cofinancing
from tests.strategies import any_text, assert_french_validation_error

envelopes = st.integers(min_value=1, max_value=cofinancing.MAX_ENVELOPE)
territory_counts = st.lists(
    st.tuples(st.text(min_size=1, max_size=20), st.integers(min_value=0, max_value=100_000)),
    min_size=1,
    max_size=40,
    unique_by=lambda pair: pair[0].strip().casefold(),
).filter(lambda counts: sum(released for _, released in counts) > 0)


@given(envelope=envelopes, counts=territory_counts)
def test_amounts_always_sum_to_the_envelope(envelope, counts):
    shares = cofinancing.allocate(envelope=envelope, counts=counts)
    assert sum(share.amount_eur for share in shares) == envelope


@given(envelope=envelopes, counts=territory_counts)
def test_each_amount_is_within_one_euro_of_its_exact_share(envelope, counts):
    for share in cofinancing.allocate(envelope=envelope, counts=counts):
        assert abs(share.amount_eur - share.exact_amount) < 1
        assert share.amount_eur >= 0


@given(envelope=envelopes, counts=territory_counts)
def test_more_young_people_released_never_means_less_money(envelope, counts):
    shares = cofinancing.allocate(envelope=envelope, counts=counts)
    for first in shares:
        for second in shares:
            if first.released > second.released:
                assert first.amount_eur >= second.amount_eur
                assert first.share_percent >= second.share_percent


@given(envelope=envelopes, counts=territory_counts, seed=st.randoms())
def test_input_order_does_not_change_the_amounts(envelope, counts, seed):
    shuffled = list(counts)
    seed.shuffle(shuffled)
    by_name = {
        s.territory: s.amount_eur for s in cofinancing.allocate(envelope=envelope, counts=counts)
    }
    assert by_name == {
        s.territory: s.amount_eur for s in cofinancing.allocate(envelope=envelope, counts=shuffled)
    }


@given(text=any_text)
def test_any_counts_file_is_read_or_refused_in_french(text):
    try:
        counts = cofinancing.parse_counts("territory,released\n" + text)
    except cofinancing.ValidationError as error:
        assert_french_validation_error(error)
    else:
        shares = cofinancing.allocate(envelope=700_000, counts=counts)
        assert sum(share.amount_eur for share in shares) == 700_000


@given(text=any_text)
def test_any_envelope_typed_is_read_or_refused_in_french(text):
    try:
        envelope = cofinancing.parse_envelope(text)
    except cofinancing.ValidationError as error:
        assert_french_validation_error(error)
    else:
        assert envelope > 0
