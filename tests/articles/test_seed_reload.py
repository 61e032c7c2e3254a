"""`loaddata seed_documents` again keeps what editors changed (articles/management/commands/
loaddata.py), and into a fresh or unchanged database does what Django's loaddata does."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.core.management.commands.loaddata import Command as DjangosLoaddata
from django.db import transaction
from django.urls import reverse

from articles.models import Article
from taxonomy.models import Term
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


def reload():
    out = StringIO()
    call_command("loaddata", "seed_documents", stdout=out)
    return out.getvalue()


# Recomputed by the search trigger on every write of an article or of its terms: the same
# words, but the order in which loaddata adds the terms may change their positions.
RECOMPUTED = {"search_vector"}


def rows():
    """Every row of our tables (many-to-many tables included), as values with their ids."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in {"articles", "taxonomy", "taggit"}:
            values = (
                {k: v for k, v in row.items() if k not in RECOMPUTED}
                for row in model._default_manager.order_by("pk").values()
            )
            found[model._meta.label] = sorted(map(repr, values))
    return found


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def edit(client, obj, **changes):
    data = change_form_data(client.get(change_url(obj)))
    data.update(changes)
    if isinstance(obj, Article) and obj.status == Article.Status.PUBLISHED:
        # A live article's edit is staged; "Publish changes" makes it live at once.
        data["_publish_changes"] = "Publish changes"
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, response.text
    return response


@pytest.fixture
def eddie(login, editor):
    return login(editor)


def test_fresh_database_load_writes_what_djangos_loaddata_writes():
    with transaction.atomic():
        call_command(DjangosLoaddata(), "seed_documents", verbosity=0)
        django_counts = {label: len(values) for label, values in rows().items()}
        django_titles = sorted(Article.objects.values_list("slug", "title", "status"))
        transaction.set_rollback(True)
    call_command("loaddata", "seed_documents", verbosity=0)
    assert {label: len(values) for label, values in rows().items()} == django_counts
    assert sorted(Article.objects.values_list("slug", "title", "status")) == django_titles
    assert django_counts["articles.Article"] == 5


def test_reload_over_an_unchanged_database_changes_no_row(seeded):
    before = rows()
    out = reload()
    assert rows() == before
    assert "Kept" not in out


def test_reload_keeps_an_edited_title_body_note_and_terms_and_says_so(seeded, eddie):
    article = Article.objects.filter(terms__isnull=False).distinct().first()
    old_terms = set(article.terms.values_list("pk", flat=True))
    new_term = Term.objects.exclude(pk__in=old_terms).first()
    edit(
        eddie,
        article,
        title="Eddie's title",
        body="<p>Eddie's body.</p>",
        internal_note="Eddie's note.",
        terms=[new_term.pk],
    )
    lock = Article.objects.get(pk=article.pk).lock_version
    assert lock == 2  # raised by staging the edit, then by publishing it

    out = reload()

    article.refresh_from_db()
    assert article.title == "Eddie's title"
    assert article.body == "<p>Eddie's body.</p>"
    assert article.internal_note == "Eddie's note."
    assert set(article.terms.values_list("pk", flat=True)) == {new_term.pk}
    assert article.lock_version == lock  # never moves backwards
    assert "Kept editors' changes to “Eddie's title” (changed by Eddie Desk on" in out
    assert Article.objects.count() == 5


def test_reload_leaves_an_unedited_article_as_the_fixture_says(seeded, eddie):
    edited, other = Article.objects.order_by("pk")[:2]
    edit(eddie, edited, title="Eddie's title")
    Article.objects.filter(pk=other.pk).update(title="Changed by SQL, not by an editor")
    reload()
    other.refresh_from_db()
    assert other.title != "Changed by SQL, not by an editor"  # the fixture is loaded there


def test_withdrawn_article_stays_withdrawn_after_reload(seeded, eddie, client):
    article = Article.objects.filter(status="published").first()
    eddie.post(
        reverse("admin:articles_article_changelist"),
        {"action": "withdraw_selected", "_selected_action": [article.pk]},
    )
    # Withdrawn: gone, and said so (410), before and after the reload.
    assert client.get(article.get_absolute_url()).status_code == 410

    out = reload()

    assert Article.objects.get(pk=article.pk).status == "withdrawn"
    assert client.get(article.get_absolute_url()).status_code == 410
    assert "withdrawn, edit lock 1" in out


def test_an_update_edited_on_its_own_page_survives_a_reload(seeded, eddie):
    article = Article.objects.filter(updates__isnull=False).first()
    update = article.updates.get()
    edit(eddie, update, body="<p>Eddie's correction of the update.</p>")
    reload()
    update.refresh_from_db()
    assert update.body == "<p>Eddie's correction of the update.</p>"


def test_an_edited_term_is_kept_and_named(seeded, login, taxonomy_manager):
    term = Term.objects.filter(parent__isnull=False).first()
    edit(login(taxonomy_manager), term, scope_note="Tina's scope note.")
    out = reload()
    term.refresh_from_db()
    assert term.scope_note == "Tina's scope note."
    assert f"Kept editors' changes to term “{term.name}” (changed by tina on" in out


def test_an_article_whose_address_an_editor_changed_stops_the_load_naming_it(seeded, eddie):
    article = Article.objects.filter(updates__isnull=False).first()
    call_command("bootstrap_site", stdout=StringIO())  # its first version holds the old slug
    old_slug = article.slug
    edit(eddie, article, slug="a-new-address", title="Eddie's title")
    before = rows()

    with pytest.raises(CommandError, match=f"editors moved “Eddie's title” from {old_slug}"):
        reload()

    assert rows() == before  # nothing loaded, no second copy at the old address
