from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from articles.api.main import api
from articles.pagecache.pages import cache_public_page
from articles.public.news_sitemap import news_sitemap
from articles.public.sitemaps import sitemaps
from articles.public.views.lookup import favicon, robots_txt
from config.views import health, hello, local_media
from taxonomy.pickers import LabelledAutocompleteJsonView

urlpatterns = [
    # Before the admin's own: the same address (reverse("admin:autocomplete") still finds
    # it), with labels the model admins choose ("Places › Mali › Gao"; taxonomy/pickers.py).
    path("admin/autocomplete/", LabelledAutocompleteJsonView.as_view(admin_site=admin.site)),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("sitemap.xml", cache_public_page(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("sitemap-news.xml", news_sitemap, name="sitemap_news"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path("hello/", hello, name="hello"),
    path("health/", health, name="health"),
    path("", include("articles.public.urls")),
]
# Development and tests only (MEDIA_SERVED_BY_DJANGO, dev.py and test.py): the local media
# folder. In production the object store or a CDN serves media (docs/media.md).
if settings.MEDIA_SERVED_BY_DJANGO and not settings.MEDIA_S3_BUCKET:
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.insert(0, re_path(rf"^{prefix}(?P<path>.+)$", local_media, name="media"))

# A database that is down answers 503, also for errors raised outside views.
handler500 = "config.unavailable.server_error"
