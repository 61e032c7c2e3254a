from django.apps import AppConfig


class DevToolsConfig(AppConfig):
    name = "articles.devtools"
    label = "devtools"
    verbose_name = "Development tools"
