from django.db import migrations

# Matching a tsvector detoasts it (a few kB per article), yet the planner costs
# ts_match_vq like an integer comparison. With that estimate it prefers to read
# every vector (a sequential scan, or the date index checking each row) over
# the GIN index: 1 s instead of 60 ms for a common word at 100,000 articles,
# 2.4 s instead of 1 ms for a rare one. A realistic cost fixes the plans.
# Changing a catalog function needs a superuser: elsewhere we say so and go on.
SET_COST = """
DO $$
BEGIN
    ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) COST 100;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING 'Not a superuser: ts_match_vq keeps its default cost; '
                  'full-text search may choose slow plans on large tables.';
END
$$;
"""

RESET_COST = """
DO $$
BEGIN
    ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) COST 1;
EXCEPTION WHEN insufficient_privilege THEN
    NULL;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_search")]

    operations = [migrations.RunSQL(SET_COST, RESET_COST)]
