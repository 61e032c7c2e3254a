"""History, compare, restore and recover: the article admin's version views."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version

from .. import services, versioning
from ..models import Article
from .comments import threads


class ArticleHistoryMixin:
    # Versions

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/history/compare/",
                view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<int:object_id>/history/<int:version_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            path("recover/", view(self.recover_list_view), name="articles_article_recoverlist"),
            path(
                "recover/<int:version_id>/",
                view(self.recover_view),
                name="articles_article_recover",
            ),
            *super().get_urls(),
        ]

    def _context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "may_restore": request.user.has_perm("articles.restore_article"),
            **extra,
        }

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        entries = versioning.history(article.pk)
        entries.reverse()
        return TemplateResponse(
            request,
            "admin/version_history.html",  # shared with terms, vocabularies and authors
            self._context(
                request,
                title=f"History: {article}",
                object=article,
                original=article,
                entries=entries,
                comment_threads=threads(article),  # kept beside the versions, never restored
                restore_asks_first=True,  # the restore page shows what changes, then acts
            ),
        )

    def compare_view(self, request, object_id):
        article = self.get_object(request, str(object_id))
        if article is None or not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        entries = {entry.version.pk: entry for entry in versioning.history(article.pk)}
        try:
            first, second = (entries[int(request.GET[key])] for key in ("a", "b"))
        except (KeyError, ValueError):
            self.message_user(request, "Choose two versions to compare.", messages.WARNING)
            return redirect("admin:articles_article_history", article.pk)
        if first.number > second.number:
            first, second = second, first
        return TemplateResponse(
            request,
            "admin/articles/article/compare.html",
            self._context(
                request,
                title=f"Version {first.number} → version {second.number}: {article}",
                object=article,
                original=article,
                first=first,
                second=second,
                rows=versioning.compare(first.state, second.state),
            ),
        )

    def restore_view(self, request, object_id, version_id):
        version = get_object_or_404(
            Version.objects.get_for_object_reference(Article, object_id), pk=version_id
        )
        if request.method != "POST":
            return self._confirm_restore(request, object_id, version)
        return self._restore(
            request, version, reverse("admin:articles_article_history", args=[object_id])
        )

    def _confirm_restore(self, request, object_id, version):
        """What the restore will change (now → that version), and a button to do it."""
        article = self.get_object(request, str(object_id))
        if article is None or not request.user.has_perm("articles.restore_article"):
            raise PermissionDenied
        entry = next(e for e in versioning.history(article.pk) if e.version.pk == version.pk)
        now = versioning.current_state(article)
        kept = []
        if article.is_publication_date_fixed:
            kept = [u for u in article.updates.all() if u.pk not in entry.state.updates]
        return TemplateResponse(
            request,
            "admin/articles/article/restore_confirm.html",
            self._context(
                request,
                title=f"Restore version {entry.number} of “{article}”?",
                object=article,
                original=article,
                entry=entry,
                rows=versioning.compare(now, entry.state),
                kept=kept,
            ),
        )

    def recover_list_view(self, request):
        if not request.user.has_perm("articles.view_article"):
            raise PermissionDenied
        deleted = Version.objects.get_deleted(Article).select_related("revision__user")
        return TemplateResponse(
            request,
            "admin/articles/article/recover_list.html",
            self._context(request, title="Recover deleted articles", deleted=deleted),
        )

    def recover_view(self, request, version_id):
        version = get_object_or_404(Version.objects.get_deleted(Article), pk=version_id)
        return self._restore(request, version, reverse("admin:articles_article_recoverlist"))

    def _restore(self, request, version, back):
        if request.method != "POST":
            return redirect(back)
        try:
            article, notes = services.article_restore(version=version, user=request.user)
        except services.WorkflowError as error:
            self.message_user(request, f"Not restored: {error}", messages.ERROR)
            return redirect(back)
        number = versioning.version_number(version)
        self.message_user(request, f"“{article}” is back to version {number}, as a new version.")
        kept = [note for note in notes if note.startswith("kept ")]
        left_out = [note for note in notes if note not in kept]
        if kept:
            self.message_user(request, "Kept as published: " + "; ".join(kept) + ".")
        if left_out:
            self.message_user(request, "Left out: " + "; ".join(left_out) + ".", messages.WARNING)
        return redirect("admin:articles_article_change", article.pk)
