"""The one place article, update and static page bodies are sanitised (articles/html.py).

A pre_save receiver rather than save(): it also runs for raw saves (loaddata, raw=True),
so a fixture cannot bring markup the forms would refuse. What skips signals skips it
too (QuerySet.update(), bulk_create(), SQL): those paths must write sanitised HTML, as the
synthetic-data generator does (its test checks its bodies are unchanged by the sanitiser).
"""

from django.db.models.signals import pre_save

from ..html import sanitize_html
from .addresses import Page
from .articles import Article
from .updates import Update


def sanitise_body(sender, instance, **kwargs):
    instance.body = sanitize_html(instance.body)


def connect():
    """Called once from ArticlesConfig.ready()."""
    for model in (Article, Update, Page):
        pre_save.connect(sanitise_body, sender=model, dispatch_uid=f"sanitise-{model.__name__}")
