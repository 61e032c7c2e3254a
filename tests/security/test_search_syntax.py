"""Any text a reader types is a query PostgreSQL can parse (websearch_to_tsquery)."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.public.listing.fulltext import SEARCH_CONFIG, websearch_text

pytestmark = pytest.mark.django_db

OPERATORS = ['"', "-", " ", "or ", "OR ", "!", "&", "|", "<->", "(", ")", ":", "*", "'", "\\"]
# Runs of one operator, mixes of operators and words, up to the listing's 200 characters.
search_texts = st.lists(st.sampled_from([*OPERATORS, "mali", "a", "é"]), max_size=200).map(
    "".join
).map(lambda text: text[:200]) | st.text(max_size=200)


def parse(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT websearch_to_tsquery(%s, %s)::text", [SEARCH_CONFIG, text])
        return cursor.fetchone()[0]


@pytest.mark.parametrize("operator", ["-", "- ", '"', "or ", "!", "&|<->", '-"', "-!"])
def test_a_long_run_of_one_operator_is_a_query(operator):
    assert parse(websearch_text(operator * 100)) == ""


def test_the_run_of_negations_that_postgresql_cannot_parse_is_one_negation():
    assert websearch_text("mali ------gao") == "mali -gao"
    assert websearch_text("mali - - -gao") == "mali -gao"
    assert parse(websearch_text("mali -" + "-" * 100 + "gao")) == "'mali' & !'gao'"


@settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=search_texts)
def test_any_text_is_a_query_postgresql_can_parse(text):
    parse(websearch_text(text.replace("\x00", "")))
