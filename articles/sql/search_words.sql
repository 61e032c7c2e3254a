-- The words "Did you mean" may suggest (articles_searchword): the words of
-- articles and the names and aliases of terms, added by these triggers
-- whatever path the data takes. A word is never removed: a suggestion is only
-- offered after checking that it finds published articles.
--
-- To change this file: edit it, then add a migration that runs it again
-- (articles/sql/__init__.py says how). A test checks that the database holds
-- exactly these definitions.

-- HTML tags and entities are not words.
CREATE OR REPLACE FUNCTION articles_words(content text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE AS $$
    SELECT w
      FROM regexp_split_to_table(
             regexp_replace(regexp_replace(content, '<[^>]*>', ' ', 'g'),
                            '&[#a-zA-Z0-9]+;', ' ', 'g'),
             '[\s[:punct:]“”‘’–—…«»]+') AS w
     WHERE length(w) BETWEEN 4 AND 100 AND w !~ '[0-9]';
$$;

-- Once per statement (a COPY of thousands of rows dedupes its words in one
-- pass), and on UPDATE only for rows whose text changed.
CREATE OR REPLACE FUNCTION articles_add_search_words(contents text[]) RETURNS void
LANGUAGE sql AS $$
    WITH words AS (
        SELECT DISTINCT w FROM unnest(contents) AS content, articles_words(content) AS w
    )
    INSERT INTO articles_searchword (key, word)
    SELECT DISTINCT ON (lower(unaccent(w))) lower(unaccent(w)), w FROM words
     ORDER BY lower(unaccent(w)), w
    ON CONFLICT (key) DO NOTHING;
$$;

CREATE OR REPLACE FUNCTION articles_article_words_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM articles_add_search_words(array(
        SELECT coalesce(title, '') || ' ' || coalesce(standfirst, '') || ' ' || coalesce(body, '')
          FROM new_rows));
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION articles_article_words_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM articles_add_search_words(array(
        SELECT coalesce(n.title, '') || ' ' || coalesce(n.standfirst, '') || ' '
               || coalesce(n.body, '')
          FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE n.title IS DISTINCT FROM o.title
            OR n.standfirst IS DISTINCT FROM o.standfirst
            OR n.body IS DISTINCT FROM o.body));
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS articles_article_words_added ON articles_article;
CREATE TRIGGER articles_article_words_added AFTER INSERT ON articles_article
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_article_words_added();
DROP TRIGGER IF EXISTS articles_article_words_changed ON articles_article;
CREATE TRIGGER articles_article_words_changed AFTER UPDATE ON articles_article
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_article_words_changed();

-- A term's spelling wins over an article's, and an accented spelling over a plain one.
CREATE OR REPLACE FUNCTION articles_term_search_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO articles_searchword (key, word)
    SELECT DISTINCT ON (lower(unaccent(n))) lower(unaccent(n)), n
      FROM unnest(array_prepend(NEW.name, NEW.aliases)) AS n
     WHERE length(n) <= 100
     ORDER BY lower(unaccent(n)), n = unaccent(n)  -- an accented spelling first
    ON CONFLICT (key) DO UPDATE SET word = EXCLUDED.word;  -- a term's spelling wins
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS articles_term_words ON taxonomy_term;
CREATE TRIGGER articles_term_words
AFTER INSERT OR UPDATE OF name, aliases ON taxonomy_term
FOR EACH ROW EXECUTE FUNCTION articles_term_search_words();
