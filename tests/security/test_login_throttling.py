"""Login throttling (django-axes): 5 failures lock an account, or an address, for 15 minutes."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed attempts; try again in 15 minutes or ask an administrator."


def post_login(username, password, address="192.0.2.10", **headers):
    """The admin's login form, fetched then posted as a browser would (CSRF included)."""
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR=address, **headers)
    page = client.get(reverse("admin:login")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "csrfmiddlewaretoken": token,
         "next": "/admin/"},
    )  # fmt: skip


@pytest.fixture
def staff(make_user):
    return make_user("Editor", username="eve")


def test_the_sixth_attempt_is_refused_even_with_the_right_password(staff):
    for _ in range(4):
        assert post_login("eve", "wrong").status_code == 200  # the form again, with its error
    assert post_login("eve", "wrong").status_code == 429  # the fifth failure locks
    response = post_login("eve", "pw")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_failures_from_one_address_lock_that_address_for_every_account(staff):
    for n in range(5):
        post_login(f"nobody{n}", "wrong", address="198.51.100.7")
    assert post_login("eve", "pw", address="198.51.100.7").status_code == 429
    assert post_login("eve", "pw", address="203.0.113.1").status_code == 302


def test_a_success_before_the_limit_clears_the_count(staff):
    for _ in range(4):
        post_login("eve", "wrong")
    assert post_login("eve", "pw").status_code == 302
    for _ in range(4):
        post_login("eve", "wrong")
    assert post_login("eve", "pw").status_code == 302


def test_axes_reset_lifts_the_lockout(staff):
    for _ in range(5):
        post_login("eve", "wrong")
    assert post_login("eve", "pw").status_code == 429
    call_command("axes_reset", verbosity=0)
    response = post_login("eve", "pw")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_superuser_sees_and_deletes_lockouts_in_the_admin(staff, admin_client):
    from axes.models import AccessAttempt

    for _ in range(5):
        post_login("eve", "wrong")
    assert admin_client.get("/admin/axes/accessattempt/").status_code == 200
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    assert attempts
    response = admin_client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    assert response.status_code == 302
    assert post_login("eve", "pw").status_code == 302


def test_the_lockout_lasts_15_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME


def test_behind_a_trusted_proxy_the_forwarded_address_is_locked(staff, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for n in range(5):
        post_login(
            f"nobody{n}", "wrong", "127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
        )
    via_proxy = {"address": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert post_login("eve", "pw", **via_proxy).status_code == 429
    other = {"address": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.1"}
    assert post_login("eve", "pw", **other).status_code == 302  # the proxy is not locked
