-- The listing generation (listing_generation.sql) moved by the media library too: an
-- article's lead image (its alt text, caption, credit, focal point) and its attached
-- documents (their titles, the list and its order) are shown with it, on its page, in
-- the listings' thumbnails and in the API, whose ETags follow the generation
-- (articles/api/conditional.py). A file of its own because the media tables come
-- after listing_generation.sql's first migration, which a fresh database runs with
-- today's text of that file.
--
-- A media row (an image, a document) changed logs the articles that show it, so a
-- process's listing index re-reads only those; a row no article shows changes
-- nothing shown and moves no number. A new row is shown by no article yet: the
-- article's write (its lead_image_id) or the new link (articles_articledocument)
-- logs it. Deleting a row an article shows is refused (PROTECT).
--
-- To change this file: edit it, then add a migration that runs it again
-- (articles/sql/__init__.py says how).

-- A statement on a media table: logs the articles linked to its rows. TG_ARGV: the
-- linking table, its column naming the media row, its column naming the article.
CREATE OR REPLACE FUNCTION articles_listing_bump_linked() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids integer[];
BEGIN
    EXECUTE format(
        'SELECT array_agg(DISTINCT l.%3$I) FROM %1$I AS l'
        ' WHERE l.%2$I IN (SELECT id FROM new_rows)',
        TG_ARGV[0], TG_ARGV[1], TG_ARGV[2]
    ) INTO ids;
    IF ids IS NOT NULL THEN
        PERFORM articles_listing_log(ids, false);
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS articles_listing_images_updated ON media_image;
CREATE TRIGGER articles_listing_images_updated AFTER UPDATE ON media_image
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT
EXECUTE FUNCTION articles_listing_bump_linked('articles_article', 'lead_image_id', 'id');
DROP TRIGGER IF EXISTS articles_listing_documents_updated ON media_document;
CREATE TRIGGER articles_listing_documents_updated AFTER UPDATE ON media_document
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT
EXECUTE FUNCTION articles_listing_bump_linked('articles_articledocument', 'document_id', 'article_id');

-- The links of documents to articles: as the articles' updates (listing_generation.sql).
DROP TRIGGER IF EXISTS articles_listing_article_documents ON articles_articledocument;
CREATE TRIGGER articles_listing_article_documents AFTER TRUNCATE
ON articles_articledocument FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump();
DROP TRIGGER IF EXISTS articles_listing_article_documents_inserted ON articles_articledocument;
CREATE TRIGGER articles_listing_article_documents_inserted AFTER INSERT
ON articles_articledocument REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump_rows('article_id');
DROP TRIGGER IF EXISTS articles_listing_article_documents_updated ON articles_articledocument;
CREATE TRIGGER articles_listing_article_documents_updated AFTER UPDATE
ON articles_articledocument REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump_rows('article_id');
DROP TRIGGER IF EXISTS articles_listing_article_documents_deleted ON articles_articledocument;
CREATE TRIGGER articles_listing_article_documents_deleted AFTER DELETE
ON articles_articledocument REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_listing_bump_rows('article_id');
