"""Cache tags: what a public page shows, declared by the view that renders it.

A view decorated with ``cache_public_page`` calls ``tags.add(...)`` while it
renders (the decorator collects them; outside a decorated view the call does
nothing). Every page also has ``site``. An editorial change bumps the tags it
makes stale (stale.py) and only their pages are rendered again.

The tags, and who declares them:

- ``article:<id>``: pages that show the article: its page, and every page that
  lists it (lists, feeds, related articles: ``add_articles``);
- ``term:<id>``: pages listing the term's articles, narrower terms' included
  (the term's page and feeds); an article's change bumps its terms and all their
  broader terms, before and after;
- ``author:<id>``, ``tag:<id>``: the author's (tag's) page and feeds;
- ``vocabulary:<id>``: the vocabulary's page (its terms with their counts);
- ``name:author:<id>``, ``name:term:<id>``, ``name:tag:<id>``,
  ``name:vocabulary:<id>``: pages that show that name (bylines, an article's
  classification); bumped only when the author, term, tag or vocabulary changes,
  so that an article's save does not make every page of its author stale;
- ``related:<term id>``: article pages with that term, whose related articles
  change when an article joins or leaves the term, or its date moves;
- ``corrections``: the corrections page and its feeds (every published correction and
  retraction); bumped by an update saved or deleted on a live article, and by an article
  that goes live, leaves or moves its date (its corrections join or leave the list;
  its title shown there is ``article:<id>``, declared for the articles on the page);
- ``page:<id>``: a static page (About, Methodology...);
- ``listing`` (the front page and every filter and search variant), ``feed``
  (the site's feeds), ``archive``, ``sitemap``, ``vocabularies`` (the topics page).
"""

from contextvars import ContextVar

SITE = "site"
LISTING = "listing"
FEED = "feed"
ARCHIVE = "archive"
SITEMAP = "sitemap"
VOCABULARIES = "vocabularies"
CORRECTIONS = "corrections"

_declared: ContextVar[set[str] | None] = ContextVar("pagecache_tags", default=None)


def add(*tags: str) -> None:
    """Declare that the page being rendered shows what these tags name."""
    declared = _declared.get()
    if declared is not None:
        declared.update(tags)


def collecting():
    """Start collecting the tags of one page; returns (the set, a token for ``done``)."""
    declared = {SITE}
    return declared, _declared.set(declared)


def done(token) -> None:
    _declared.reset(token)


def article(pk) -> str:
    return f"article:{pk}"


def term(pk) -> str:
    return f"term:{pk}"


def author(pk) -> str:
    return f"author:{pk}"


def tag(pk) -> str:
    return f"tag:{pk}"


def vocabulary(pk) -> str:
    return f"vocabulary:{pk}"


def page(pk) -> str:
    return f"page:{pk}"


def related(term_pk) -> str:
    return f"related:{term_pk}"


def name(kind: str, pk) -> str:
    """``name:author:3``: pages that show author 3's name."""
    return f"name:{kind}:{pk}"


def add_articles(articles) -> None:
    """Declare articles shown in a list as summaries: each article and its bylines.

    Reads the authors that ``for_listing()`` reads with the rows (no queries).
    """
    shown = []
    for item in articles:
        shown.append(article(item.pk))
        shown.extend(name("author", link.author_id) for link in item.article_authors.all())
    add(*shown)


def add_article_page(item, related_articles) -> None:
    """Declare an article's page: the article, its names, its related articles."""
    terms = list(item.terms.all())
    add(
        article(item.pk),
        *(name("author", link.author_id) for link in item.article_authors.all()),
        *(name("term", t.pk) for t in terms),
        *(name("vocabulary", t.vocabulary_id) for t in terms),
        *(related(t.pk) for t in terms),
        *(name("tag", t.pk) for t in item.tags.all()),
        *(article(other.pk) for other in related_articles),
    )
