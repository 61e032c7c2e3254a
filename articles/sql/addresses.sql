-- Addresses that last: every slug an article leaves behind, and the address of a
-- deleted article readers could have read, kept in articles_formerslug so that an old
-- link answers 301 (to the article's address now) or 410 (gone), never a bare 404.
-- Kept by the database, so every path that changes a slug is covered: the admin, the
-- services, a restore of an older version, loaddata, raw SQL.
--
--   a slug changed        the old one is remembered for the article (it takes over a
--                         row another article left there: the latest owner wins);
--                         the new one, if the article had it before, is its own again
--   an article deleted    if readers could have read it (published and live, or
--                         withdrawn after it went live), its addresses are marked removed (410); else
--                         they are forgotten (a draft's addresses were never public)
--   an article inserted   (a recovered one, same id) its address is its own again
--
-- To change this file: edit it, then add a migration that runs it again
-- (articles/sql/__init__.py says how). A test checks that the database holds
-- exactly these definitions.

CREATE OR REPLACE FUNCTION articles_remember_addresses() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.slug IS DISTINCT FROM OLD.slug THEN
            INSERT INTO articles_formerslug (slug, article_id, left_at)
            VALUES (OLD.slug, OLD.id, now())
            ON CONFLICT (slug) DO UPDATE
               SET article_id = EXCLUDED.article_id, left_at = EXCLUDED.left_at,
                   removed_at = NULL;
            DELETE FROM articles_formerslug WHERE slug = NEW.slug AND article_id = NEW.id;
        END IF;
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        DELETE FROM articles_formerslug WHERE slug = NEW.slug AND article_id = NEW.id;
        RETURN NULL;
    END IF;
    IF OLD.status IN ('published', 'withdrawn') AND OLD.published_at <= now() THEN
        UPDATE articles_formerslug SET removed_at = now() WHERE article_id = OLD.id;
        INSERT INTO articles_formerslug (slug, article_id, left_at, removed_at)
        VALUES (OLD.slug, OLD.id, now(), now())
        ON CONFLICT (slug) DO UPDATE
           SET article_id = EXCLUDED.article_id, left_at = EXCLUDED.left_at,
               removed_at = EXCLUDED.removed_at;
    ELSE
        DELETE FROM articles_formerslug WHERE article_id = OLD.id;
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS articles_slug_changed ON articles_article;
CREATE TRIGGER articles_slug_changed AFTER UPDATE OF slug ON articles_article
FOR EACH ROW EXECUTE FUNCTION articles_remember_addresses();

DROP TRIGGER IF EXISTS articles_article_came_or_went ON articles_article;
CREATE TRIGGER articles_article_came_or_went AFTER INSERT OR DELETE ON articles_article
FOR EACH ROW EXECUTE FUNCTION articles_remember_addresses();
