from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.pagecache.pages import cache_public_page
from articles.public.sitemaps import sitemaps
from articles.public.views.lookup import robots_txt
from config.views import health, hello

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", cache_public_page(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("hello/", hello, name="hello"),
    path("health/", health, name="health"),
    path("", include("articles.public.urls")),
]
# Development only (runserver, DEBUG): the local media folder. static() adds nothing when
# DEBUG is off; in production the object store or a CDN serves media (docs/media.md).
if not settings.MEDIA_S3_BUCKET:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

# A database that is down answers 503, also for errors raised outside views.
handler500 = "config.unavailable.server_error"
