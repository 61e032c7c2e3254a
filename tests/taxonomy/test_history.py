"""History, compare and restore of terms, vocabularies and authors (taxonomy/history.py)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from reversion.models import Version

from taxonomy.models import Term
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db


def url(obj, view, *args):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk, *args])


def edit(client, obj, **changes):
    data = change_form_data(client.get(url(obj, "change")))
    data.update(changes)
    response = client.post(url(obj, "change"), data)
    assert response.status_code == 302, response.text
    obj.refresh_from_db()


def versions(obj):
    return list(Version.objects.get_for_object(obj).order_by("revision__date_created", "pk"))


@pytest.fixture
def tina(login, taxonomy_manager):
    return login(taxonomy_manager)


def test_term_history_lists_versions_newest_first_with_what_changed(tina, make_term):
    term = make_term(name="Gao", scope_note="A town.")
    edit(tina, term, scope_note="A city on the Niger.")
    edit(tina, term, name="Gao (city)")
    response = tina.get(url(term, "history"))
    entries = response.context["entries"]
    assert [e.number for e in entries] == [2, 1]
    assert entries[0].summary == "Name"
    assert entries[1].summary == "First version"
    assert "A city on the Niger." not in response.text  # the summary, not the values
    assert "tina" in response.text


def test_compare_shows_the_fields_that_differ(tina, make_term):
    term = make_term(scope_note="A town.")
    edit(tina, term, scope_note="A city on the Niger.")
    edit(tina, term, scope_note="The largest city of the east.")
    first, second = versions(term)
    response = tina.get(url(term, "compare"), {"a": second.pk, "b": first.pk})
    assert [row["label"] for row in response.context["rows"]] == ["scope note"]
    assert "<del>A city on the Niger.</del>" in response.text
    assert "<ins>The largest city of the east.</ins>" in response.text


def test_restoring_a_term_version_brings_it_back_as_a_new_version(tina, make_term):
    term = make_term(scope_note="A town.")
    edit(tina, term, scope_note="Version one.")
    edit(tina, term, scope_note="Version two.")
    first = versions(term)[0]
    response = tina.post(url(term, "restore", first.pk))
    assert response.status_code == 302
    assert f"“{term}” is back to that version, as a new version." in [
        str(m) for m in get_messages(response.wsgi_request)
    ]
    term.refresh_from_db()
    assert term.scope_note == "Version one."
    assert len(versions(term)) == 3
    assert versions(term)[-1].revision.comment == "Restored version 1"


def test_restore_refuses_a_cycle_in_the_tree(tina, make_term):
    mali = make_term(name="Mali")
    gao = make_term(name="Gao", vocabulary=mali.vocabulary)
    edit(tina, mali, parent=gao.pk)  # version 1: Mali under Gao (odd, but allowed then)
    edit(tina, mali, parent="")
    edit(tina, gao, parent=mali.pk)  # now Gao is under Mali
    under_gao = versions(mali)[0]

    response = tina.post(url(mali, "restore", under_gao.pk))

    mali.refresh_from_db()
    assert mali.parent_id is None
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(
        m.startswith("Not restored:") and "cannot be placed under itself" in m for m in messages
    )


def test_restore_refuses_a_broader_term_since_deleted(tina, make_term):
    sahel = make_term(name="Sahel")
    mali = make_term(name="Mali", vocabulary=sahel.vocabulary)
    edit(tina, mali, parent=sahel.pk)
    edit(tina, mali, parent="")
    Term.objects.filter(pk=sahel.pk).delete()

    response = tina.post(url(mali, "restore", versions(mali)[0].pk))

    mali.refresh_from_db()
    assert mali.parent_id is None
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("has since been deleted" in m for m in messages)


def test_only_those_who_may_change_it_can_restore(login, contributor, tina, make_term):
    term = make_term(scope_note="A town.")
    edit(tina, term, scope_note="Version one.")
    edit(tina, term, scope_note="Version two.")
    cora = login(contributor)
    assert cora.get(url(term, "history")).status_code == 200
    assert cora.post(url(term, "restore", versions(term)[0].pk)).status_code == 403
    assert Term.objects.get(pk=term.pk).scope_note == "Version two."


def test_vocabulary_and_author_histories_show_their_versions(
    tina, login, editor, make_vocabulary, make_author
):
    vocabulary = make_vocabulary(description="Old.")
    edit(tina, vocabulary, description="Places of the Sahel.")
    author = make_author(bio="Old.")
    eddie = login(editor)
    edit(eddie, author, bio="Analyst of UN peacekeeping.")
    edit(eddie, author, bio="Analyst.")
    assert len(tina.get(url(vocabulary, "history")).context["entries"]) == 1
    entries = eddie.get(url(author, "history")).context["entries"]
    assert [e.summary for e in entries] == ["Bio", "First version"]
    eddie.post(url(author, "restore", entries[1].version.pk))
    author.refresh_from_db()
    assert author.bio == "Analyst of UN peacekeeping."
