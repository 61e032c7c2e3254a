-- The search's matching table: each published article's search vector, on a
-- narrow row of its own (articles_searchentry: the id, and the vector stored
-- out of line), so that the matching statement's bitmap visits a few hundred
-- heap pages rather than nearly every page of articles_article (a bitmap index
-- scan must read the heap for each match's id: 700 pages for 21,826 matches at
-- 100,000 articles, against 10,367). The public listing intersects the ids
-- found with its index of live articles (articles/public/listing/indexed.py);
-- an id of a row that left the table late, or of a scheduled article, matches
-- nothing there (so a TRUNCATE of the articles may leave the rows: flush empties
-- both tables in one statement, and articles_search_entries_sync() removes them).
--
-- The row trigger keeps it after every write to an article, whatever the path
-- (the admin, a service, loaddata, raw SQL): articles_article_search (the
-- BEFORE trigger, article_search.sql) has derived the vector already. A path
-- that switches triggers off (session_replication_role = replica) fills it
-- itself: the generator's bulk path inserts its batch's rows set-based, and
-- articles_search_entries_sync() brings the whole table back in one pass.
--
-- To change this file: edit it, then add a migration that runs it again
-- (articles/sql/__init__.py says how).

CREATE OR REPLACE FUNCTION articles_search_entry_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM articles_searchentry WHERE article_id = OLD.id;
    ELSIF NEW.status = 'published' AND NEW.search_vector IS NOT NULL THEN
        INSERT INTO articles_searchentry AS e (article_id, search_vector)
        VALUES (NEW.id, NEW.search_vector)
        ON CONFLICT (article_id) DO UPDATE SET search_vector = EXCLUDED.search_vector
         WHERE e.search_vector IS DISTINCT FROM EXCLUDED.search_vector;
    ELSE
        DELETE FROM articles_searchentry WHERE article_id = NEW.id;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.id IS DISTINCT FROM NEW.id THEN
        DELETE FROM articles_searchentry WHERE article_id = OLD.id;
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS articles_search_entry ON articles_article;
CREATE TRIGGER articles_search_entry AFTER INSERT OR DELETE OR UPDATE ON articles_article
FOR EACH ROW EXECUTE FUNCTION articles_search_entry_write();

-- The table as the trigger would have kept it: rows added, changed and removed
-- in one pass (after a path with the triggers off). Returns the rows it wrote.
CREATE OR REPLACE FUNCTION articles_search_entries_sync() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    written bigint;
    removed bigint;
BEGIN
    INSERT INTO articles_searchentry AS e (article_id, search_vector)
    SELECT id, search_vector FROM articles_article
     WHERE status = 'published' AND search_vector IS NOT NULL
    ON CONFLICT (article_id) DO UPDATE SET search_vector = EXCLUDED.search_vector
     WHERE e.search_vector IS DISTINCT FROM EXCLUDED.search_vector;
    GET DIAGNOSTICS written = ROW_COUNT;
    DELETE FROM articles_searchentry e
     WHERE NOT EXISTS (SELECT 1 FROM articles_article a
                        WHERE a.id = e.article_id AND a.status = 'published'
                          AND a.search_vector IS NOT NULL);
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN written + removed;
END;
$$;
