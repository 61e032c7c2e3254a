import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def registered_models():
    return [model for model in apps.get_models() if admin.site.is_registered(model)]


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_every_admin_list_and_add_page_answers_200(admin_client, seeded, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    assert admin_client.get(add).status_code == 200
    obj = model._default_manager.first()
    if obj is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert admin_client.get(change).status_code == 200


def test_article_changelist_searches_titles_and_filters_by_status(admin_client, seeded):
    url = reverse("admin:articles_article_changelist")
    response = admin_client.get(url, {"q": "Elusive"})
    assert "Mali’s Elusive Peace" in response.text
    assert "Pieces Starting to Align" not in response.text
    response = admin_client.get(url, {"status__exact": "draft"})
    assert "Mali’s Elusive Peace" not in response.text


def test_term_changelist_finds_a_term_by_its_alias(admin_client, seeded):
    response = admin_client.get(reverse("admin:taxonomy_term_changelist"), {"q": "Keita"})
    assert "Ibrahim Boubacar Keïta" in response.text
