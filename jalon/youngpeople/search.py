"""Finding a young person by name: accents, case, typos and swapped names tolerated.

PostgreSQL answers with pg_trgm's word similarity on an indexed column; SQLite (demo) uses
the same measure implemented in Python and registered as an SQL function.
"""

import datetime
import re

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import F, FloatField, Func, QuerySet, Value
from django.dispatch import receiver

from jalon.youngpeople.normalize import normalize_text

# Below this, "dupond" still finds "dupont" (0.56) but unrelated names drop out.
WORD_SIMILARITY_THRESHOLD = 0.45
_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def word_similarity(query: str, target: str) -> float:
    """Mean, over the query's words, of the best trigram similarity with a word of target.

    Close to pg_trgm's word_similarity for names, and independent of word order.
    """
    query_words, target_words = query.split(), target.split()
    if not query_words or not target_words:
        return 0.0
    target_sets = [_trigrams(word) for word in target_words]
    total = 0.0
    for word in query_words:
        grams = _trigrams(word)
        total += max(len(grams & other) / len(grams | other) for other in target_sets)
    return total / len(query_words)


@receiver(connection_created)
def _prepare_connection(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "jalon_word_similarity", 2, word_similarity, deterministic=True
        )
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SET pg_trgm.word_similarity_threshold = %s", [WORD_SIMILARITY_THRESHOLD]
            )


# pg_trgm declares `%>` as cheap as an equality, so the planner reads all of a Mission Locale's
# files and compares every name (20 to 40 ms for 2,500 files) rather than intersect the trigram
# index with the Mission Locale's (under 1 ms). Its real cost, told once per database: by a
# migration, and again after a restore (which recreates the extension).
MATCH_FUNCTION_COST = 100


def declare_match_cost(cursor) -> None:
    cursor.execute(
        f"ALTER FUNCTION word_similarity_commutator_op(text, text) COST {MATCH_FUNCTION_COST}"
    )


class WordSimilarity(Func):
    output_field = FloatField()

    def __init__(self, query: str, column: str = "search_name"):
        super().__init__(Value(query), F(column))

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="word_similarity", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="jalon_word_similarity", **extra_context)


def split_query(raw: str) -> tuple[str, datetime.date | None]:
    """Separate a birth date typed in the search box ("dupont 12/03/2005") from the names."""
    birth_date = None
    match = _DATE.search(raw or "")
    if match:
        day, month, year, iso_year, iso_month, iso_day = match.groups()
        try:
            birth_date = (
                datetime.date(int(year), int(month), int(day))
                if year
                else datetime.date(int(iso_year), int(iso_month), int(iso_day))
            )
        except ValueError:
            birth_date = None
        raw = raw[: match.start()] + raw[match.end() :]
    return normalize_text(raw), birth_date


def search_young_people(queryset: QuerySet, raw_query: str) -> QuerySet:
    """Best matches first. The queryset must already be scoped to what the user may see."""
    names, birth_date = split_query(raw_query)
    if birth_date:
        queryset = queryset.filter(birth_date=birth_date)
    if not names:
        return queryset.order_by("last_name", "first_names") if birth_date else queryset.none()
    queryset = queryset.annotate(similarity=WordSimilarity(names))
    if connection.vendor == "postgresql":
        # `%>` uses the trigram index; the threshold is set when the connection opens.
        queryset = queryset.filter(search_name__trigram_word_similar=names)
    else:
        queryset = queryset.filter(similarity__gte=WORD_SIMILARITY_THRESHOLD)
    return queryset.order_by("-similarity", "last_name", "first_names")
