from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import versioning
        from .cache import connect_signals

        connect_signals()
        versioning.register()
