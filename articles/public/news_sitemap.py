"""`/sitemap-news.xml`: a Google News sitemap of the articles published in the last two days.

https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap: one
<url> per article with news:publication (name, language), news:publication_date and
news:title. Through the publication gate.
"""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from ..models import Article
from ..pagecache import tags as page_tags
from ..pagecache.pages import cache_public_page

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google reads at most 1,000 <news:news> entries per sitemap


@cache_public_page
def news_sitemap(request):
    since = timezone.now() - NEWS_WINDOW
    articles = list(
        Article.objects.published()
        .filter(published_at__gte=since)
        .order_by("-published_at", "-id")
        .only("slug", "title", "published_at")[:NEWS_LIMIT]
    )
    page_tags.add(page_tags.SITEMAP, *(page_tags.article(a.pk) for a in articles))
    context = {
        "articles": articles,
        "publication_name": settings.SITE_NAME,
        "language": settings.LANGUAGE_CODE.split("-")[0],
        "base": request.build_absolute_uri("/")[:-1],
    }
    return render(request, "sitemap-news.xml", context, content_type="application/xml")
