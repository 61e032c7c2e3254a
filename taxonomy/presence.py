"""Who else has this object open in the admin: a heartbeat, never a lock.

The change form's script (static/js/editing-safety.js) posts to the object's
``presence/`` address every 20 seconds while the page is open; each post stores (user,
since, last seen) in the cache under the object and answers with the others who have it
open. Entries not seen for 60 seconds expire, so a closed tab or laptop drops out by
itself (a post with "leave" drops the editor at once; the script sends none as the page
closes, a request racing the page's end). Opening the page records the editor at once and
shows the others in a message above the form, before any typing. Nothing is refused
because of presence: it only tells. The cache is the store: with several server
processes it must be a shared one (Redis, REDIS_URL); the local-memory cache of dev and
test is per process.
"""

import time
from datetime import UTC, datetime

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils import formats, timezone
from django.views.decorators.http import require_POST

HEARTBEAT_SECONDS = 20
EXPIRES_SECONDS = 60


def _key(model, pk) -> str:
    return f"presence:{model._meta.label_lower}:{pk}"


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def here(model, pk, user, *, leaving: bool = False) -> list[dict]:
    """Record that `user` has the object open (or is leaving it); return the others there.

    Each other is {"name": …, "since": epoch seconds}, longest open first.
    """
    key, now = _key(model, pk), time.time()
    present = {
        uid: entry
        for uid, entry in (cache.get(key) or {}).items()
        if now - entry["seen"] < EXPIRES_SECONDS
    }
    if leaving:
        present.pop(user.pk, None)
    else:
        since = present.get(user.pk, {}).get("since", now)
        present[user.pk] = {"name": _name(user), "since": since, "seen": now}
    cache.set(key, present, EXPIRES_SECONDS * 2)
    others = [entry for uid, entry in present.items() if uid != user.pk]
    return sorted(others, key=lambda entry: entry["since"])


def describe(other: dict, noun: str) -> str:
    """ "Ada Diallo has had this article open since 10:42"."""
    since = timezone.localtime(datetime.fromtimestamp(other["since"], tz=UTC))
    return f"{other['name']} has had this {noun} open since {formats.time_format(since, 'H:i')}."


class PresenceAdminMixin:
    """A ModelAdmin whose change form says who else has the object open (see above)."""

    class Media:
        js = ["js/editing-safety.js"]
        css = {"all": ["css/editing-safety.css"]}

    def get_urls(self):
        meta = self.model._meta
        return [
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(require_POST(self.presence_view)),
                name=f"{meta.app_label}_{meta.model_name}_presence",
            ),
            *super().get_urls(),
        ]

    def presence_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        others = here(self.model, obj.pk, request.user, leaving="leave" in request.POST)
        noun = self.model._meta.verbose_name
        return JsonResponse(
            {
                "others": [describe(other, noun) for other in others],
                "heartbeat_seconds": HEARTBEAT_SECONDS,
            }
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_view_or_change_permission(request, obj):
                noun = self.model._meta.verbose_name
                for other in here(self.model, obj.pk, request.user):
                    messages.warning(request, describe(other, noun))
        return super().change_view(request, object_id, form_url, extra_context)
