import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from articles.models import FormerSlug, OutboxMessage, Update

pytestmark = pytest.mark.django_db


def registered_models():
    return [model for model in apps.get_models() if admin.site.is_registered(model)]


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_every_admin_list_and_add_page_answers_200(admin_client, seeded, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    # django-axes' records of login attempts are written by logins only, the addresses
    # articles left behind by the database only, the outbox by the notifications only: no
    # add page.
    adding = opts.app_label != "axes" and model not in (FormerSlug, OutboxMessage)
    assert admin_client.get(add).status_code == (200 if adding else 403)
    obj = model._default_manager.first()
    if obj is not None:
        # A published article's update is the public record: retracted, never deleted.
        public_record = (
            model is Update and obj.article.is_publication_date_fixed
        ) or model is FormerSlug
        for view in ("change", "history", "delete"):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])
            expected = 403 if view == "delete" and public_record else 200
            assert admin_client.get(url).status_code == expected, url


@pytest.mark.parametrize(
    ("model", "action"),
    [("articles.article", "schedule_selected"), ("taxonomy.term", "merge_selected")],
)
def test_intermediate_action_pages_answer_200(admin_client, seeded, model, action):
    model = apps.get_model(model)
    opts = model._meta
    response = admin_client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in model.objects.all()[:2]]},
    )
    assert response.status_code == 200
    assert 'name="apply"' in response.text


def test_preview_of_every_seed_article_answers_200(admin_client, seeded):
    from articles.models import Article

    for article in Article.objects.all():
        assert admin_client.get(reverse("articles:preview", args=[article.pk])).status_code == 200


def test_article_changelist_searches_titles_and_filters_by_status(admin_client, seeded):
    url = reverse("admin:articles_article_changelist")
    response = admin_client.get(url, {"q": "Elusive"})
    assert "Mali’s Elusive Peace" in response.text
    assert "Pieces Starting to Align" not in response.text
    response = admin_client.get(url, {"status__exact": "draft"})
    assert "Mali’s Elusive Peace" not in response.text
