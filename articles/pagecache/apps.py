from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "articles.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from .signals import connect_signals

        connect_signals()
