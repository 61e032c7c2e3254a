"""The admin's front page: what needs doing today, for the person signed in.

Seven short lists, one query each (a slice of at most ROWS rows, with the names each row
shows joined in), whatever the number of articles; each links to the list it is the top of.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Case, When
from django.urls import reverse
from django.utils import timezone

from ..models import Article, PendingChange, Update

ROWS = 5
S = Article.Status


@dataclass(frozen=True)
class Row:
    title: str
    url: str
    detail: str
    when: object = None


@dataclass(frozen=True)
class Section:
    title: str
    rows: list
    see_all: str
    empty: str


def _change_url(pk):
    return reverse("admin:articles_article_change", args=[pk])


def _list_url(**params):
    return reverse("admin:articles_article_changelist") + "?" + urlencode(params)


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else "—"


def _article_rows(queryset, *, when, detail):
    articles = queryset.select_related("created_by", "assignee").only(
        "pk",
        "title",
        "status",
        when,
        "created_by__username",
        "created_by__first_name",
        "created_by__last_name",
        "assignee__username",
        "assignee__first_name",
        "assignee__last_name",
    )[:ROWS]
    return [Row(a.title, _change_url(a.pk), detail(a), getattr(a, when)) for a in articles]


def dashboard(request) -> dict:
    user, now = request.user, timezone.now()
    may_publish = user.has_perm("articles.publish_article")
    articles = Article.objects.all()
    review = articles.filter(status=S.IN_REVIEW)
    if not may_publish:
        review = review.filter(assignee=user)
    published = articles.filter(status=S.PUBLISHED)
    sections = [
        Section(
            "My drafts",
            _article_rows(
                articles.filter(status=S.DRAFT, created_by=user).order_by("-modified_at"),
                when="modified_at",
                detail=lambda a: "edited",
            ),
            _list_url(status="draft", whose="mine"),
            "No drafts of yours.",
        ),
        Section(
            "Waiting for my review",
            _article_rows(
                # Assigned to me first, then the longest waiting.
                review.order_by(Case(When(assignee=user, then=0), default=1), "modified_at"),
                when="modified_at",
                detail=lambda a: f"by {_name(a.created_by)}, assigned to {_name(a.assignee)}",
            ),
            _list_url(status="review", **({} if may_publish else {"whose": "assigned"})),
            "Nothing waits for your review.",
        ),
        Section(
            "Unpublished changes on live articles",
            [
                Row(p.article.title, _change_url(p.article_id), _pending_detail(p), p.modified_at)
                for p in PendingChange.objects.select_related("article", "modified_by")
                .only(
                    "article__title",
                    "publish_at",
                    "modified_at",
                    "modified_by__username",
                    "modified_by__first_name",
                    "modified_by__last_name",
                )
                .order_by("-modified_at")[:ROWS]
            ],
            _list_url(pending="yes"),
            "No unpublished changes.",
        ),
        Section(
            "Scheduled to go live",
            _article_rows(
                published.filter(published_at__gt=now).order_by("published_at"),
                when="published_at",
                detail=lambda a: "goes live",
            ),
            _list_url(status="scheduled"),
            "Nothing is scheduled.",
        ),
        Section(
            "Scheduled to leave the site",
            _article_rows(
                published.filter(expires_at__gt=now).order_by("expires_at"),
                when="expires_at",
                detail=lambda a: "leaves",
            ),
            _list_url(status="leaving"),
            "Nothing is set to leave.",
        ),
        Section(
            "Recently published",
            _article_rows(
                Article.objects.published().order_by("-published_at"),
                when="published_at",
                detail=lambda a: f"by {_name(a.created_by)}",
            ),
            _list_url(status="live"),
            "Nothing published yet.",
        ),
        Section(
            "Recent corrections",
            [
                Row(u.article.title, _change_url(u.article_id), "correction", u.published_at)
                for u in Update.objects.filter(kind=Update.Kind.CORRECTION)
                .select_related("article")
                .only("published_at", "article__title")
                .order_by("-published_at")[:ROWS]
            ],
            reverse("admin:articles_update_changelist") + "?kind__exact=correction",
            "No corrections.",
        ),
    ]
    return {"dashboard": sections}


def _pending_detail(pending):
    who = f"staged by {_name(pending.modified_by)}"
    if pending.publish_at:
        return f"{who}, to be published {pending.publish_at:%d %b %Y %H:%M}"
    return who
