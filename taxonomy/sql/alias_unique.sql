-- An alias is unique within its vocabulary: never the term's own name, never
-- listed twice, never another term's name or alias there. The rule spans rows,
-- which a UNIQUE constraint cannot express over an array; a constraint trigger
-- holds it, deferrable so that a merge can move a name into another term's
-- aliases within one transaction (taxonomy.services.term_merge).
--
-- To change this file: edit it, then add a migration that runs it again
-- (taxonomy/sql/__init__.py says how). A test checks that the database holds
-- exactly these definitions.

CREATE OR REPLACE FUNCTION taxonomy_term_check_aliases() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    clash text;
BEGIN
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

    SELECT t.name INTO clash FROM taxonomy_term AS t
    WHERE t.vocabulary_id = NEW.vocabulary_id AND t.id <> NEW.id
      AND (
        lower(t.name) IN (SELECT lower(a) FROM unnest(NEW.aliases) AS a)
        OR lower(NEW.name) IN (SELECT lower(b) FROM unnest(t.aliases) AS b)
        OR EXISTS (
            SELECT 1 FROM unnest(t.aliases) AS b, unnest(NEW.aliases) AS a
            WHERE lower(a) = lower(b)
        )
      )
    LIMIT 1;
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
