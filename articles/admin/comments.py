"""Comments on the article's change form: the thread below the form, and the posts it makes.

Plain forms that post to their own URLs and come back to the form's #comments, so they
work without JavaScript; static/js/article-comments.js only fills the quoted passage from
a selection in the body's editor. The rules are the services' (services/comments.py).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from .. import services
from ..models import Article, ArticleComment


class CommentForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Comment")
    quote = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Passage (optional)",
        help_text="The words of the body your comment is about. Select them in the editor "
        "and press “Quote the selection”, or paste them here.",
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


def threads(article: Article) -> list[ArticleComment]:
    """The article's threads, oldest first, with their replies and authors: two queries."""
    replies = ArticleComment.objects.select_related("author").order_by("created_at", "id")
    return list(
        ArticleComment.objects.filter(article_id=article.pk, parent=None)
        .select_related("author", "resolved_by")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )


class CommentsMixin:
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/comments/",
                view(require_POST(self.comment_add_view)),
                name="articles_article_comment",
            ),
            path(
                "<int:object_id>/comments/<int:comment_id>/resolve/",
                view(require_POST(self.comment_resolve_view)),
                name="articles_article_comment_resolve",
            ),
            *super().get_urls(),
        ]

    def _commented_article(self, request, object_id):
        article = self.get_object(request, str(object_id))
        if article is None or not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _back(self, article, anchor="comments"):
        return redirect(reverse("admin:articles_article_change", args=[article.pk]) + f"#{anchor}")

    def comment_add_view(self, request, object_id):
        article = self._commented_article(request, object_id)
        form = CommentForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "Not posted: write a comment first.", messages.ERROR)
            return self._back(article)
        data = form.cleaned_data
        parent = None
        if data["parent"]:
            parent = get_object_or_404(ArticleComment, pk=data["parent"], article_id=article.pk)
        try:
            comment = services.comment_add(
                article=article,
                user=request.user,
                body=data["body"],
                quote=data["quote"],
                parent=parent,
            )
        except services.WorkflowError as error:
            self.message_user(request, f"Not posted: {error}", messages.ERROR)
            return self._back(article)
        self.message_user(request, "Comment posted.")
        return self._back(article, f"comment-{comment.pk}")

    def comment_resolve_view(self, request, object_id, comment_id):
        article = self._commented_article(request, object_id)
        comment = get_object_or_404(ArticleComment, pk=comment_id, article_id=article.pk)
        is_resolved = request.POST.get("resolved") != "0"
        try:
            services.comment_resolve(comment=comment, user=request.user, is_resolved=is_resolved)
        except services.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, "Thread resolved." if is_resolved else "Thread reopened.")
        return self._back(article, f"comment-{comment.parent_id or comment.pk}")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context.update(self.comments_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def comments_context(self, request, article) -> dict:
        return {
            "comment_threads": threads(article),
            "comment_form": CommentForm(auto_id="id_comment_%s"),
            "may_comment": services.can_comment(request.user, article),
            "may_resolve": services.can_resolve(request.user, article),
        }
