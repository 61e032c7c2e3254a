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
-- The change log: each number is logged with the one before it and the ids of
-- the articles whose listing row the statement may have changed (an article
-- written, or an update of it, from the statements' transition tables), so a
-- process whose index is at an older number re-reads only those rows
-- (articles/listing_index/changes.py). Its "names" flag says a term, author or
-- tag table was written (their names and the term tree are re-read); those
-- change no article's postings by themselves: a term moved or merged, an author
-- or a tag removed recomputes the articles' derived columns, an article write.
-- A NULL list means "anything may have changed" (TRUNCATE, a path with the
-- triggers off): the index is rebuilt whole, as it is when the chain from its
-- number to the current one is broken (a rolled-back number, a flush, entries
-- older than an hour, pruned here).
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

CREATE TABLE IF NOT EXISTS articles_listingchange (
    generation bigint PRIMARY KEY,
    previous bigint,
    article_ids integer[],
    names boolean NOT NULL
);

-- Moves the number, logs what moved it, returns the new number.
CREATE OR REPLACE FUNCTION articles_listing_log(article_ids integer[], names boolean)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    before bigint;
    after bigint := (extract(epoch FROM clock_timestamp()) * 1000000)::bigint;
BEGIN
    -- Locked first: concurrent writers queue here, so each logs the number it moved.
    SELECT value INTO before FROM articles_listinggeneration WHERE id = 1 FOR UPDATE;
    IF FOUND THEN
        after := greatest(before + 1, after);
        UPDATE articles_listinggeneration SET value = after WHERE id = 1;
    ELSE
        INSERT INTO articles_listinggeneration AS g (id, value) VALUES (1, after)
        ON CONFLICT (id) DO UPDATE SET value = greatest(g.value + 1, EXCLUDED.value)
        RETURNING value INTO after;
    END IF;
    INSERT INTO articles_listingchange (generation, previous, article_ids, names)
    VALUES (after, before, article_ids, names);
    DELETE FROM articles_listingchange WHERE generation < after - 3600000000;
    RETURN after;
END;
$$;

-- Anything may have changed: every process rebuilds its index whole.
CREATE OR REPLACE FUNCTION articles_listing_changed() RETURNS bigint
LANGUAGE sql AS $$
    SELECT articles_listing_log(NULL, true);
$$;

-- A statement on a table of names (terms, vocabularies, authors, tags, links);
-- TRUNCATE of any watched table: anything.
CREATE OR REPLACE FUNCTION articles_listing_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM articles_listing_changed();
    ELSE
        PERFORM articles_listing_log('{}', true);
    END IF;
    RETURN NULL;
END;
$$;

-- A statement on articles or updates: logs the articles it wrote. TG_ARGV[0] is
-- the column naming the article (id, article_id); the transition tables are
-- old_rows and new_rows, as the statement has them.
CREATE OR REPLACE FUNCTION articles_listing_bump_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids integer[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows', TG_ARGV[0]) INTO ids;
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM old_rows', TG_ARGV[0]) INTO ids;
    ELSE
        EXECUTE format(
            'SELECT array_agg(DISTINCT x) FROM (SELECT %1$I AS x FROM old_rows'
            ' UNION ALL SELECT %1$I FROM new_rows) AS s', TG_ARGV[0]
        ) INTO ids;
    END IF;
    PERFORM articles_listing_log(coalesce(ids, '{}'), false);
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS articles_listing_articles ON articles_article;
CREATE TRIGGER articles_listing_articles AFTER TRUNCATE
ON articles_article FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();
DROP TRIGGER IF EXISTS articles_listing_articles_inserted ON articles_article;
CREATE TRIGGER articles_listing_articles_inserted AFTER INSERT ON articles_article
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump_rows('id');
DROP TRIGGER IF EXISTS articles_listing_articles_updated ON articles_article;
CREATE TRIGGER articles_listing_articles_updated AFTER UPDATE ON articles_article
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump_rows('id');
DROP TRIGGER IF EXISTS articles_listing_articles_deleted ON articles_article;
CREATE TRIGGER articles_listing_articles_deleted AFTER DELETE ON articles_article
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump_rows('id');
DROP TRIGGER IF EXISTS articles_listing_updates ON articles_update;
CREATE TRIGGER articles_listing_updates AFTER TRUNCATE
ON articles_update FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();
DROP TRIGGER IF EXISTS articles_listing_updates_inserted ON articles_update;
CREATE TRIGGER articles_listing_updates_inserted AFTER INSERT ON articles_update
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump_rows('article_id');
DROP TRIGGER IF EXISTS articles_listing_updates_updated ON articles_update;
CREATE TRIGGER articles_listing_updates_updated AFTER UPDATE ON articles_update
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump_rows('article_id');
DROP TRIGGER IF EXISTS articles_listing_updates_deleted ON articles_update;
CREATE TRIGGER articles_listing_updates_deleted AFTER DELETE ON articles_update
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump_rows('article_id');
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
