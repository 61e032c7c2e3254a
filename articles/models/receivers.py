"""The one place article, update and static page bodies are sanitised (articles/html.py),
and an article's reading aids derived from its body (articles/reading.py).

A pre_save receiver rather than save(): it also runs for raw saves (loaddata, raw=True),
so a fixture cannot bring markup the forms would refuse. What skips signals skips it
too (QuerySet.update(), bulk_create(), SQL): those paths must write sanitised HTML, as the
synthetic-data generator does (its test checks its bodies are unchanged by the sanitiser).
"""

from django.db.models.signals import pre_save

from .. import reading
from ..html import sanitize_html
from .addresses import Page
from .articles import Article
from .updates import Update


def sanitise_body(sender, instance, **kwargs):
    instance.body = sanitize_html(instance.body)


def derive_reading(sender, instance, **kwargs):
    """The columns derived from the body, from the body as it is saved: connected after
    sanitise_body (receivers run in the order they were connected)."""
    reading.store(instance)


def connect():
    """Called once from ArticlesConfig.ready()."""
    for model in (Article, Update, Page):
        pre_save.connect(sanitise_body, sender=model, dispatch_uid=f"sanitise-{model.__name__}")
    pre_save.connect(derive_reading, sender=Article, dispatch_uid="reading-Article")
