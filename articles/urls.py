from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author"),
    path("topics/<slug:vocabulary>/", views.VocabularyDetailView.as_view(), name="vocabulary"),
    path("topics/<slug:vocabulary>/<slug:slug>/", views.TermDetailView.as_view(), name="term"),
    path("tags/<str:slug>/", views.TagDetailView.as_view(), name="tag"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
]
