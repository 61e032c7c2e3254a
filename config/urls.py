from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.api.main import api
from articles.pagecache.pages import cache_public_page
from articles.public.news_sitemap import news_sitemap
from articles.public.sitemaps import sitemaps
from articles.public.views.lookup import robots_txt
from config.views import health, hello

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("sitemap.xml", cache_public_page(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("sitemap-news.xml", news_sitemap, name="sitemap_news"),
    path("robots.txt", robots_txt, name="robots"),
    path("hello/", hello, name="hello"),
    path("health/", health, name="health"),
    path("", include("articles.public.urls")),
]

# A database that is down answers 503, also for errors raised outside views.
handler500 = "config.unavailable.server_error"
