from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.pagecache.pages import cache_public_page
from articles.public.sitemaps import sitemaps
from articles.public.views.lookup import robots_txt
from config.views import health, hello
from taxonomy.pickers import LabelledAutocompleteJsonView

urlpatterns = [
    # Before the admin's own: the same address (reverse("admin:autocomplete") still finds
    # it), with labels the model admins choose ("Places › Mali › Gao"; taxonomy/pickers.py).
    path("admin/autocomplete/", LabelledAutocompleteJsonView.as_view(admin_site=admin.site)),
    path("admin/", admin.site.urls),
    path("sitemap.xml", cache_public_page(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("hello/", hello, name="hello"),
    path("health/", health, name="health"),
    path("", include("articles.public.urls")),
]

# A database that is down answers 503, also for errors raised outside views.
handler500 = "config.unavailable.server_error"
