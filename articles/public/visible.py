"""Which authors and tags readers may see: those with a published article.

An author or tag whose articles are all drafts, scheduled or withdrawn has no page and
no feed yet (404): its name, bio or existence says nothing before an article does. The
pages, the feeds and the sitemap share these querysets.
"""

from django.db.models import Exists, OuterRef
from taggit.models import Tag

from ..models import Article, ArticleAuthor, Author, TaggedArticle


def published_authors():
    links = ArticleAuthor.objects.filter(
        author=OuterRef("pk"), article__in=Article.objects.published()
    )
    return Author.objects.filter(Exists(links))


def published_tags():
    tagged = TaggedArticle.objects.filter(
        tag=OuterRef("pk"), content_object__in=Article.objects.published()
    )
    return Tag.objects.filter(Exists(tagged))
