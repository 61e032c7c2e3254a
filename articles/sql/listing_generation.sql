-- The listing generation: one number that changes whenever anything the public
-- listings show may have changed, whatever the path (the admin, a service,
-- loaddata, raw SQL, COPY, TRUNCATE). Each server process keeps an in-memory
-- index of the published articles (articles/listing_index/) and rebuilds it
-- when the number it was built at is no longer the current one.
--
-- The number lives in a table row, so it is transactional: a reader sees the
-- new number exactly when it sees the committed rows (the index reads both in
-- one statement). It is max(previous + 1, the clock in microseconds), so a
-- number never comes back after a rolled-back transaction or a flush that
-- emptied the table. The row is written with an upsert, so a missing row (a
-- flushed table) is simply made again.
--
-- Cost: one row update per writing statement on the watched tables. The row
-- stays locked until the writer commits, so concurrent editorial transactions
-- queue on it (they are short; docs/search-and-listing.md says more).
--
-- A path that switches triggers off (session_replication_role = replica) must
-- call articles_listing_changed() itself afterwards.
--
-- To change this file: edit it, then add a migration that runs it again
-- (articles/sql/__init__.py says how).

CREATE TABLE IF NOT EXISTS articles_listinggeneration (
    id smallint PRIMARY KEY CHECK (id = 1),
    value bigint NOT NULL
);

CREATE OR REPLACE FUNCTION articles_listing_changed() RETURNS bigint
LANGUAGE sql AS $$
    INSERT INTO articles_listinggeneration AS g (id, value)
    VALUES (1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
    ON CONFLICT (id) DO UPDATE
       SET value = greatest(g.value + 1, EXCLUDED.value)
    RETURNING value;
$$;

CREATE OR REPLACE FUNCTION articles_listing_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM articles_listing_changed();
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS articles_listing_articles ON articles_article;
CREATE TRIGGER articles_listing_articles AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE
ON articles_article FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();
DROP TRIGGER IF EXISTS articles_listing_article_terms ON articles_article_terms;
CREATE TRIGGER articles_listing_article_terms AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE
ON articles_article_terms FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();
DROP TRIGGER IF EXISTS articles_listing_article_authors ON articles_articleauthor;
CREATE TRIGGER articles_listing_article_authors AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE
ON articles_articleauthor FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();
DROP TRIGGER IF EXISTS articles_listing_authors ON articles_author;
CREATE TRIGGER articles_listing_authors AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE
ON articles_author FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();
DROP TRIGGER IF EXISTS articles_listing_tagged ON articles_taggedarticle;
CREATE TRIGGER articles_listing_tagged AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE
ON articles_taggedarticle FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();
DROP TRIGGER IF EXISTS articles_listing_updates ON articles_update;
CREATE TRIGGER articles_listing_updates AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE
ON articles_update FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();
DROP TRIGGER IF EXISTS articles_listing_tags ON taggit_tag;
CREATE TRIGGER articles_listing_tags AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE
ON taggit_tag FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();
DROP TRIGGER IF EXISTS articles_listing_terms ON taxonomy_term;
CREATE TRIGGER articles_listing_terms AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE
ON taxonomy_term FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();
DROP TRIGGER IF EXISTS articles_listing_vocabularies ON taxonomy_vocabulary;
CREATE TRIGGER articles_listing_vocabularies AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE
ON taxonomy_vocabulary FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();

SELECT articles_listing_changed();
