"""The public record of corrections: shared by the corrections page and its feeds."""

from django.db.models import Q
from django.db.models.functions import Greatest
from django.utils import timezone

from ..models import Article, Update


def published_corrections():
    """Corrections and retracted updates of live articles, newest first.

    Through the publication gate (``Article.objects.published()``); dated by the later of
    its publication and its retraction, so a retraction is listed when it happened.
    """
    return (
        Update.objects.filter(
            Q(kind=Update.Kind.CORRECTION) | Q(retracted_at__isnull=False),
            article__in=Article.objects.published(),
            published_at__lte=timezone.now(),
        )
        .select_related("article")
        .annotate(listed_at=Greatest("published_at", "retracted_at"))
        .order_by("-listed_at", "-id")
    )
