from django.urls import path

from ..pagecache.pages import cache_public_page
from . import feeds
from .views import articles, browse, corrections, images, listing, lookup, pages

app_name = "articles"

urlpatterns = [
    path("", listing.ArticleListView.as_view(), name="list"),
    path("articles/<slug:slug>/", articles.ArticleDetailView.as_view(), name="detail"),
    path("archive/", browse.ArchiveView.as_view(), name="archive"),
    path("authors/<slug:slug>/", browse.AuthorDetailView.as_view(), name="author"),
    path("authors/<slug:slug>/rss/", cache_public_page(feeds.AuthorFeed()), name="author_rss"),
    path(
        "authors/<slug:slug>/atom/", cache_public_page(feeds.AtomAuthorFeed()), name="author_atom"
    ),
    path("topics/", browse.VocabularyListView.as_view(), name="vocabularies"),
    path("topics/<slug:vocabulary>/", browse.VocabularyDetailView.as_view(), name="vocabulary"),
    path("topics/<slug:vocabulary>/<slug:slug>/", browse.TermDetailView.as_view(), name="term"),
    path(
        "topics/<slug:vocabulary>/<slug:slug>/rss/",
        cache_public_page(feeds.TermFeed()),
        name="term_rss",
    ),
    path(
        "topics/<slug:vocabulary>/<slug:slug>/atom/",
        cache_public_page(feeds.AtomTermFeed()),
        name="term_atom",
    ),
    path("tags/<slug:slug>/", browse.TagDetailView.as_view(), name="tag"),
    path("tags/<slug:slug>/rss/", cache_public_page(feeds.TagFeed()), name="tag_rss"),
    path("tags/<slug:slug>/atom/", cache_public_page(feeds.AtomTagFeed()), name="tag_atom"),
    path("corrections/", corrections.CorrectionListView.as_view(), name="corrections"),
    path("corrections/rss/", cache_public_page(feeds.CorrectionFeed()), name="corrections_rss"),
    path(
        "corrections/atom/",
        cache_public_page(feeds.AtomCorrectionFeed()),
        name="corrections_atom",
    ),
    path("feeds/", pages.FeedListView.as_view(), name="feeds"),
    path("feeds/rss/", cache_public_page(feeds.ArticleFeed()), name="rss"),
    path("feeds/atom/", cache_public_page(feeds.AtomArticleFeed()), name="atom"),
    path("terms/lookup.json", lookup.term_lookup, name="term_lookup"),
    path("preview/<int:pk>/", articles.ArticlePreviewView.as_view(), name="preview"),
    # A lead image's rendition, for the API's clients (views/images.py).
    path("images/<slug:key>/<str:spec>", images.rendition, name="rendition"),
    # Last: a static page's address is one word (/about/), after every other page's.
    path("<slug:slug>/", pages.PageView.as_view(), name="page"),
]
