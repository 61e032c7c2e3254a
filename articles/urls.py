from django.urls import path

from . import feeds, views
from .cache import cache_public_page

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author"),
    path("authors/<slug:slug>/rss/", cache_public_page(feeds.AuthorFeed()), name="author_rss"),
    path(
        "authors/<slug:slug>/atom/", cache_public_page(feeds.AtomAuthorFeed()), name="author_atom"
    ),
    path("topics/", views.VocabularyListView.as_view(), name="vocabularies"),
    path("topics/<slug:vocabulary>/", views.VocabularyDetailView.as_view(), name="vocabulary"),
    path("topics/<slug:vocabulary>/<slug:slug>/", views.TermDetailView.as_view(), name="term"),
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
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("tags/<slug:slug>/rss/", cache_public_page(feeds.TagFeed()), name="tag_rss"),
    path("tags/<slug:slug>/atom/", cache_public_page(feeds.AtomTagFeed()), name="tag_atom"),
    path("feeds/rss/", cache_public_page(feeds.ArticleFeed()), name="rss"),
    path("feeds/atom/", cache_public_page(feeds.AtomArticleFeed()), name="atom"),
    path("terms/lookup.json", views.term_lookup, name="term_lookup"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
]
