-- The article's derived columns, kept by the database whatever path the data
-- takes (the admin, a service, loaddata, raw SQL, COPY):
--
--   search_vector  title (A), standfirst and term names and aliases (B),
--                  body and updates (C), in english_unaccent
--   term_ids       its terms and every broader term (facets and term filters)
--   author_ids     its authors, in byline order (facets)
--   tag_ids        its tags (facets)
--   updated_at     the date of its latest update or correction (none: NULL)
--
-- One BEFORE trigger computes them all from the row and its related rows; a
-- change to those rows (terms, authors, tags, updates, a term renamed or
-- moved) touches the article, once per statement, which runs it again.
-- (search_head is a generated column, declared on the model.)
--
-- To change this file: edit it, then add a migration that runs it again
-- (articles/sql/__init__.py says how). A test checks that the database holds
-- exactly these definitions.

-- The derived columns of one article, from its text and its related rows. The
-- trigger below calls it for every row written; the bulk loader of synthetic
-- data (articles/devtools/synthetic/) calls it for the rows it inserts with the
-- triggers off, so both paths give the same values.
CREATE OR REPLACE FUNCTION articles_article_derived(
    a_id bigint, a_title text, a_standfirst text, a_body text,
    OUT search_vector tsvector, OUT term_ids bigint[], OUT author_ids bigint[],
    OUT tag_ids bigint[], OUT updated_at timestamptz)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    terms_text text;
    updates_text text;
BEGIN
    -- In a fixed order (the order they were added): the words' positions in the
    -- vector do not depend on the plan PostgreSQL happens to choose.
    SELECT string_agg(t.name || ' ' || array_to_string(t.aliases, ' '), ' ' ORDER BY at.id)
      INTO terms_text
      FROM taxonomy_term t
      JOIN articles_article_terms at ON at.term_id = t.id
     WHERE at.article_id = a_id;
    SELECT string_agg(coalesce(u.title, '') || ' ' || u.body, ' ' ORDER BY u.id),
           max(u.published_at)
      INTO updates_text, updated_at
      FROM articles_update u
     WHERE u.article_id = a_id;
    search_vector :=
        setweight(to_tsvector('english_unaccent', coalesce(a_title, '')), 'A')
     || setweight(to_tsvector('english_unaccent',
            coalesce(a_standfirst, '') || ' ' || coalesce(terms_text, '')), 'B')
     || setweight(to_tsvector('english_unaccent',
            coalesce(a_body, '') || ' ' || coalesce(updates_text, '')), 'C');
    term_ids := coalesce((
        WITH RECURSIVE up(id, parent_id) AS (
            SELECT t.id, t.parent_id
              FROM taxonomy_term t
              JOIN articles_article_terms at ON at.term_id = t.id
             WHERE at.article_id = a_id
            UNION
            SELECT p.id, p.parent_id FROM taxonomy_term p JOIN up ON p.id = up.parent_id
        )
        SELECT array_agg(DISTINCT up.id ORDER BY up.id) FROM up
    ), '{}');
    author_ids := coalesce((
        SELECT array_agg(aa.author_id ORDER BY aa.position, aa.id)
          FROM articles_articleauthor aa WHERE aa.article_id = a_id
    ), '{}');
    tag_ids := coalesce((
        SELECT array_agg(ta.tag_id ORDER BY ta.tag_id)
          FROM articles_taggedarticle ta WHERE ta.content_object_id = a_id
    ), '{}');
END;
$$;

CREATE OR REPLACE FUNCTION articles_article_compute_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    SELECT d.search_vector, d.term_ids, d.author_ids, d.tag_ids, d.updated_at
      INTO NEW.search_vector, NEW.term_ids, NEW.author_ids, NEW.tag_ids, NEW.updated_at
      FROM articles_article_derived(NEW.id, NEW.title, NEW.standfirst, NEW.body) d;
    RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS articles_article_search ON articles_article;
CREATE TRIGGER articles_article_search BEFORE INSERT OR UPDATE ON articles_article
FOR EACH ROW EXECUTE FUNCTION articles_article_compute_search();

-- A change to an article's terms, authors or updates recomputes the article
-- (the BEFORE UPDATE trigger above does the work), once per statement.
CREATE OR REPLACE FUNCTION articles_touch_changed_articles() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_article SET search_vector = NULL
     WHERE id IN (SELECT article_id FROM changed_rows);
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS articles_terms_added ON articles_article_terms;
CREATE TRIGGER articles_terms_added AFTER INSERT ON articles_article_terms
REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_changed_articles();
DROP TRIGGER IF EXISTS articles_terms_removed ON articles_article_terms;
CREATE TRIGGER articles_terms_removed AFTER DELETE ON articles_article_terms
REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_changed_articles();
DROP TRIGGER IF EXISTS articles_authors_added ON articles_articleauthor;
CREATE TRIGGER articles_authors_added AFTER INSERT ON articles_articleauthor
REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_changed_articles();
DROP TRIGGER IF EXISTS articles_authors_changed ON articles_articleauthor;
CREATE TRIGGER articles_authors_changed AFTER UPDATE ON articles_articleauthor
REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_changed_articles();
DROP TRIGGER IF EXISTS articles_authors_removed ON articles_articleauthor;
CREATE TRIGGER articles_authors_removed AFTER DELETE ON articles_articleauthor
REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_changed_articles();
DROP TRIGGER IF EXISTS articles_updates_added ON articles_update;
CREATE TRIGGER articles_updates_added AFTER INSERT ON articles_update
REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_changed_articles();
DROP TRIGGER IF EXISTS articles_updates_removed ON articles_update;
CREATE TRIGGER articles_updates_removed AFTER DELETE ON articles_update
REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_changed_articles();

-- An update edited, or moved to another article (or a term link moved, below):
-- both articles are recomputed.
CREATE OR REPLACE FUNCTION articles_touch_articles_of_updates() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_article SET search_vector = NULL
     WHERE id IN (SELECT article_id FROM old_rows UNION SELECT article_id FROM new_rows);
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS articles_updates_changed ON articles_update;
CREATE TRIGGER articles_updates_changed AFTER UPDATE ON articles_update
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_articles_of_updates();

-- taggit names the article column content_object_id.
CREATE OR REPLACE FUNCTION articles_touch_tagged_articles() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_article SET search_vector = NULL
     WHERE id IN (SELECT content_object_id FROM changed_rows);
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS articles_tags_added ON articles_taggedarticle;
CREATE TRIGGER articles_tags_added AFTER INSERT ON articles_taggedarticle
REFERENCING NEW TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_tagged_articles();
DROP TRIGGER IF EXISTS articles_tags_removed ON articles_taggedarticle;
CREATE TRIGGER articles_tags_removed AFTER DELETE ON articles_taggedarticle
REFERENCING OLD TABLE AS changed_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_tagged_articles();

-- A term renamed, given an alias or moved: recompute the articles classified
-- under it or under any narrower term.
CREATE OR REPLACE FUNCTION articles_touch_articles_of_terms() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_article SET search_vector = NULL
     WHERE id IN (
        SELECT at.article_id FROM articles_article_terms at
         WHERE at.term_id IN (
            WITH RECURSIVE sub(id) AS (
                SELECT n.id FROM new_terms n JOIN old_terms o ON o.id = n.id
                 WHERE n.name IS DISTINCT FROM o.name
                    OR n.aliases IS DISTINCT FROM o.aliases
                    OR n.parent_id IS DISTINCT FROM o.parent_id
                UNION
                SELECT t.id FROM taxonomy_term t JOIN sub ON t.parent_id = sub.id
            )
            SELECT id FROM sub
         )
     );
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS articles_terms_changed ON taxonomy_term;
CREATE TRIGGER articles_terms_changed AFTER UPDATE ON taxonomy_term
REFERENCING OLD TABLE AS old_terms NEW TABLE AS new_terms
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_articles_of_terms();

-- A link moved to another term or tag (a merge repoints them with one UPDATE):
-- the articles on both sides are recomputed, so term_ids and tag_ids follow.
DROP TRIGGER IF EXISTS articles_terms_moved ON articles_article_terms;
CREATE TRIGGER articles_terms_moved AFTER UPDATE ON articles_article_terms
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_articles_of_updates();

CREATE OR REPLACE FUNCTION articles_touch_articles_of_moved_tags() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_article SET search_vector = NULL
     WHERE id IN (SELECT content_object_id FROM old_rows
                  UNION SELECT content_object_id FROM new_rows);
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS articles_tags_moved ON articles_taggedarticle;
CREATE TRIGGER articles_tags_moved AFTER UPDATE ON articles_taggedarticle
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_touch_articles_of_moved_tags();
