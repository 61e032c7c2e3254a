"""Writing many terms at once, with the alias rule checked once for all of them.

The rule (taxonomy/sql/alias_unique.sql: an alias is never its term's name, never listed
twice, never another term's name or alias in the vocabulary) is a per-row trigger, about
2 ms a row. A bulk write wraps itself in `aliases_checked_at_the_end`: the trigger stands
aside for the rest of the transaction's block, and one statement then checks the whole
vocabulary, raising as the trigger would. Every other write (the admin, services,
loaddata, plain SQL) still meets the trigger row by row.
"""

from contextlib import contextmanager

from django.db import IntegrityError, connection, transaction

SETTING = "taxonomy.aliases_checked_in_bulk"

# Every label of the vocabulary, names and aliases, lower-cased: the rule holds exactly
# when none appears twice (names are unique by their own index).
CLASH = """
SELECT l.label, array_agg(DISTINCT t.name ORDER BY t.name)
  FROM (SELECT id, lower(name) AS label FROM taxonomy_term WHERE vocabulary_id = %(v)s
        UNION ALL
        SELECT id, lower(a) FROM taxonomy_term, unnest(aliases) AS a
         WHERE vocabulary_id = %(v)s) AS l
  JOIN taxonomy_term AS t ON t.id = l.id
 GROUP BY l.label
HAVING count(*) > 1
 LIMIT 1
"""


@contextmanager
def aliases_checked_at_the_end(vocabulary_id: int):
    """Within a transaction: the block's writes to `vocabulary_id`'s terms are checked
    together when it ends; IntegrityError names the first clash."""
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError(
            "aliases_checked_at_the_end needs a transaction"
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'on', true)", [SETTING])
        # Should the block raise, its transaction (or savepoint) rolls back, and the
        # setting with it: nothing to undo here.
        yield
        cursor.execute("SELECT set_config(%s, 'off', true)", [SETTING])
        cursor.execute(CLASH, {"v": vocabulary_id})
        clash = cursor.fetchone()
    if clash is not None:
        label, names = clash
        raise IntegrityError(
            f"“{label}” is the name or an alias of more than one term, or twice of one: "
            + ", ".join(names)
        )
