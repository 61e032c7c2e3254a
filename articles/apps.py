from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        from . import versioning
        from .models import receivers

        versioning.register()
        receivers.connect()  # bodies sanitised on every save, raw ones included
