-- An alias is unique within its vocabulary: never the term's own name, never
-- listed twice, never another term's name or alias there. The rule spans rows,
-- which a UNIQUE constraint cannot express over an array; a constraint trigger
-- holds it, deferrable so that a merge can move a name into another term's
-- aliases within one transaction (taxonomy.services.term_merge).
--
-- To change this file: edit it, then add a migration that runs it again
-- (taxonomy/sql/__init__.py says how). A test checks that the database holds
-- exactly these definitions.
--
-- The check reads other terms through indexes only (the unique index on
-- lower(name), and a GIN index on the lower-cased aliases): a few index probes
-- per row, not a scan of the vocabulary per row. Even so, about 2 ms a row;
-- a bulk write of thousands of terms (import_skos) checks them all at once
-- instead (taxonomy/bulk.py), which this function lets it do.

CREATE OR REPLACE FUNCTION taxonomy_lower_array(text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(lower(a)), '{}') FROM unnest($1) AS a
$$;

CREATE INDEX IF NOT EXISTS taxonomy_term_aliases_lower_idx
    ON taxonomy_term USING gin (taxonomy_lower_array(aliases));

-- The planner is not trusted with that: for an array of three aliases it
-- estimates hundreds of matches and picks a scan of the whole table (one scan
-- per row inserted: 90 s for 10,000 terms). Sequential scans are off inside
-- this function only, so each probe is an index look-up whatever the
-- statistics say.
CREATE OR REPLACE FUNCTION taxonomy_term_check_aliases() RETURNS trigger
LANGUAGE plpgsql
SET enable_seqscan = off
AS $$
DECLARE
    clash text;
    lowered text[] := taxonomy_lower_array(NEW.aliases);
BEGIN
    -- A bulk write (import_skos) checks the whole vocabulary in one statement
    -- once its rows are in (taxonomy/bulk.py), and says so with this setting,
    -- local to its transaction; every other write is checked here, row by row.
    IF current_setting('taxonomy.aliases_checked_in_bulk', true) = 'on' THEN
        RETURN NEW;
    END IF;

    SELECT a INTO clash FROM unnest(NEW.aliases) AS a
    WHERE lower(a) = lower(NEW.name) LIMIT 1;
    IF clash IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'unique_violation',
            MESSAGE = format('alias "%s" is the term''s own name', clash);
    END IF;

    SELECT min(a) INTO clash FROM unnest(NEW.aliases) AS a
    GROUP BY lower(a) HAVING count(*) > 1 LIMIT 1;
    IF clash IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'unique_violation',
            MESSAGE = format('alias "%s" is listed twice', clash);
    END IF;

    -- Two probes, each shaped so that the planner can only answer it from its
    -- index, even on statistics taken when the table was small (a bulk import):
    -- another term named like one of the aliases (the unique index on the name,
    -- one look-up per alias); another term with this name or one of these
    -- aliases as an alias (the GIN index; OFFSET 0 keeps the vocabulary's own
    -- index, which would read every term of the vocabulary, out of the plan).
    SELECT t.name INTO clash
      FROM unnest(lowered) AS a(alias)
      JOIN taxonomy_term AS t
        ON t.vocabulary_id = NEW.vocabulary_id AND lower(t.name) = a.alias
     WHERE t.id <> NEW.id
     LIMIT 1;
    IF clash IS NULL THEN
        SELECT s.name INTO clash FROM (
            SELECT t.name, t.vocabulary_id, t.id FROM taxonomy_term AS t
             WHERE taxonomy_lower_array(t.aliases) && array_append(lowered, lower(NEW.name))
            OFFSET 0
        ) AS s
        WHERE s.vocabulary_id = NEW.vocabulary_id AND s.id <> NEW.id
        LIMIT 1;
    END IF;
    IF clash IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'unique_violation',
            MESSAGE = format(
                'term "%s" clashes with the name or an alias of "%s" in its vocabulary',
                NEW.name, clash);
    END IF;
    RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS taxonomy_term_aliases_unique ON taxonomy_term;
CREATE CONSTRAINT TRIGGER taxonomy_term_aliases_unique
AFTER INSERT OR UPDATE OF name, aliases, vocabulary_id ON taxonomy_term
DEFERRABLE INITIALLY IMMEDIATE
FOR EACH ROW EXECUTE FUNCTION taxonomy_term_check_aliases();
