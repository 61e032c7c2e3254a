"""`loaddata`, as Django's, except that it never overwrites what editors changed since,
and that a bad fixture gets one readable line, nothing loaded (fixture_errors.py).

Loading a fixture (the seed documents, or any of ours) over rows that exist writes the
fixture's values over them: an editor's title, body, terms, a withdrawal, the edit lock.
This command, which replaces Django's (an app's command of the same name wins), leaves
those rows alone and prints one line for each ("Kept editors' changes to …"):

- an article is the editors' once it was saved after it was loaded (its lock_version is
  above 0: every save, publish, withdraw or restore raises it) or a version of it was
  recorded by a user; then its rows of its own (updates, author links, tag links: any
  row with a foreign key to it) and its terms are left as they are too, so neither its
  status nor its lock ever moves backwards;
- an article whose address (slug) an editor changed is found by its versions: then
  nothing is loaded and the message names it (its rows name it by the old address);
- any other row (term, vocabulary, author, tag) is the editors' once a user changed it in
  the admin (a version with a user, or an admin log entry).

Into a fresh database, or over rows nobody changed, it writes exactly what Django's
writes (one look-up per new article, for a moved address; versions recorded by no user, such as
bootstrap_site's "Loaded from the seed documents", are not an editor's change).
"""

import json

import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.db import models
from django.utils import formats, timezone
from reversion.models import Version

from articles.management.fixture_errors import ReadableErrorsCommand
from articles.models import Article
from taxonomy.locks import who_name


def _when(at) -> str:
    return formats.date_format(timezone.localtime(at), "DATETIME_FORMAT")


def editor_change(obj: models.Model):
    """(who, at) of the newest change a user made to `obj` in the admin, or None."""
    found = []
    version = None
    if reversion.is_registered(type(obj)):
        version = (
            Version.objects.get_for_object_reference(type(obj), obj.pk)
            .filter(revision__user__isnull=False)
            .select_related("revision__user")
            .order_by("-revision__date_created")
            .first()
        )
    if version is not None:
        found.append((version.revision.date_created, version.revision.user))
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    if entry is not None:
        found.append((entry.action_time, entry.user))
    if not found:
        return None
    at, who = max(found, key=lambda pair: pair[0])
    return who, at


def _article_field(model) -> models.ForeignKey | None:
    """The foreign key that makes a row part of an article (an update, a link), if any."""
    if model is Article:
        return None
    for field in model._meta.concrete_fields:
        if field.is_relation and field.many_to_one and field.related_model is Article:
            return field
    return None


class Command(ReadableErrorsCommand):
    help = (
        f"{loaddata.Command.help} Rows that editors changed since they were loaded are "
        "kept as the editors left them, one line each says so (docs/editors.md)."
    )

    def loaddata(self, fixture_labels):
        self.kept_articles = {}  # pk → the line saying why, or None: not kept
        self.kept_lines = []
        self.left_alone = 0
        super().loaddata(fixture_labels)
        if self.verbosity >= 1:
            for line in self.kept_lines:
                self.stdout.write(line)
            if self.left_alone:
                self.stdout.write(
                    f"Left {self.left_alone} row(s) of those articles (updates, authors, "
                    "tags) as the editors left them."
                )

    def save_obj(self, obj):
        instance = obj.object
        reason = self.kept_reason(instance)
        if reason is None:
            return super().save_obj(obj)
        if reason:
            self.kept_lines.append(reason)
        else:
            self.left_alone += 1
        return False

    def kept_reason(self, instance):
        """None: load it. A line: kept, say so. "": kept as part of a kept article."""
        model = type(instance)
        if model is Article:
            if instance.pk is None:
                self.refuse_if_moved(instance)
                return None
            return self.article_reason(instance.pk)
        article_field = _article_field(model)
        if article_field is not None:
            article_id = getattr(instance, article_field.attname)
            if article_id is not None and self.article_reason(article_id) is not None:
                return ""
            return None
        if instance.pk is None or not model._default_manager.filter(pk=instance.pk).exists():
            return None
        change = editor_change(instance)
        if change is None:
            return None
        who, at = change
        return (
            f"Kept editors' changes to {model._meta.verbose_name} “{instance}” "
            f"(changed by {who_name(who)} on {_when(at)})."
        )

    def article_reason(self, pk):
        if pk not in self.kept_articles:
            self.kept_articles[pk] = None
            stored = Article.objects.select_related("modified_by").filter(pk=pk).first()
            if stored is not None and (stored.lock_version > 0 or editor_change(stored)):
                self.kept_articles[pk] = (
                    f"Kept editors' changes to “{stored.title}” (changed by "
                    f"{who_name(stored.modified_by)} on {_when(stored.modified_at)}; "
                    f"{stored.get_status_display().lower()}, edit lock {stored.lock_version})."
                )
        return self.kept_articles[pk]

    def refuse_if_moved(self, instance):
        """Refuse the whole load if editors moved this fixture article to another address.

        Its rows (updates, links) name it by its old address, which no longer resolves, and
        loading it would add a second copy there: so nothing is loaded, and the message
        says which article and what to do.
        """
        fragment = json.dumps({"slug": instance.slug})[1:-1]  # "slug": "…" as stored
        earlier = (
            Version.objects.get_for_model(Article)
            .filter(serialized_data__contains=fragment)
            .values_list("object_id", flat=True)
        )
        stored = (
            Article.objects.filter(pk__in=[int(pk) for pk in earlier])
            .exclude(slug=instance.slug)
            .first()
        )
        if stored is not None:
            raise CommandError(
                f"Nothing loaded: editors moved “{stored.title}” from {instance.slug} to "
                f"{stored.slug}; loading the fixture would add a second copy at the old "
                "address. Put the old address back, or leave this fixture unloaded."
            )
