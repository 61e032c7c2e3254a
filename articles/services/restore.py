"""Restoring a version of an article, or recovering a deleted one."""

from django.db import transaction
from reversion.models import Version
from taggit.models import Tag

from taxonomy.models import Term

from .. import versioning
from ..models import Article, ArticleAuthor, Author, TaggedArticle, Update
from .common import stamp
from .rules import WorkflowError


@transaction.atomic
def article_restore(*, version: Version, user=None) -> tuple[Article, list[str]]:
    """Bring an article (or a deleted one) back to a version, as a new version on top.

    Its content, terms, author order, tags and updates return to what they were; its status
    and publication date stay (a recovered article comes back as a draft). Terms,
    tags or authors deleted since are left out and named in the returned notes. The edit
    lock still goes up, so a form opened before the restore is refused. An article that has
    been published keeps every update and correction it has now (the notes name those the
    version did not have).
    """
    if user is not None and not user.has_perm("articles.restore_article"):
        raise WorkflowError("Only editors can restore a version.")
    number = versioning.version_number(version)
    revision_versions = list(version.revision.version_set.all())
    article_id = int(version.object_id)
    notes = []
    with versioning.versioned(user=user, comment=f"Restored from version {number}"):
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        fields = version.field_dict
        slug_taken = Article.objects.filter(slug=fields["slug"]).exclude(pk=article_id)
        if slug_taken.exists():
            raise WorkflowError(
                f"Another article now has the address “{fields['slug']}”; change its slug first."
            )
        is_new = article is None
        if is_new:
            article = Article(pk=article_id)
        # The workflow stays with the workflow: a restore changes the content, never the
        # status or the publication date; a recovered article comes back as a draft.
        keep = {"id", "terms"} if is_new else {"id", "terms", "status", "published_at"}
        for name, value in fields.items():
            if name not in keep:
                setattr(article, name, value)
        if is_new:
            article.status = Article.Status.DRAFT
        stamp(article, user)
        article.save()
        if is_new:
            Article.objects.filter(pk=article_id).update(created_at=fields["created_at"])

        terms = set(
            Term.objects.filter(pk__in=fields.get("terms", [])).values_list("pk", flat=True)
        )
        notes += [f"term #{pk} no longer exists" for pk in set(fields.get("terms", [])) - terms]
        article.terms.set(terms)

        links = {ArticleAuthor: [], TaggedArticle: [], Update: []}
        for other in revision_versions:
            model = other._model
            if model in links:
                data = other.field_dict
                owner = data.get("article_id", data.get("content_object_id"))
                if owner == article_id:
                    links[model].append(data)

        article.article_authors.all().delete()
        authors = set(
            Author.objects.values_list("pk", flat=True).filter(
                pk__in=[d["author_id"] for d in links[ArticleAuthor]]
            )
        )
        for data in sorted(links[ArticleAuthor], key=lambda d: d["position"]):
            if data["author_id"] in authors:
                ArticleAuthor.objects.create(
                    article=article, author_id=data["author_id"], position=data["position"]
                )
            else:
                notes.append(f"author #{data['author_id']} no longer exists")

        article.tagged_items.all().delete()
        tags = set(
            Tag.objects.filter(pk__in=[d["tag_id"] for d in links[TaggedArticle]]).values_list(
                "pk", flat=True
            )
        )
        for data in links[TaggedArticle]:
            if data["tag_id"] in tags:
                TaggedArticle.objects.create(content_object=article, tag_id=data["tag_id"])
            else:
                notes.append(f"tag #{data['tag_id']} no longer exists")

        # Published updates and corrections are the public record: a restore of an article
        # that has been published keeps every one it has now (a retraction is the way to
        # take one back), and brings back those of the version.
        kept = article.updates.all()
        if not is_new and article.is_publication_date_fixed:
            restored = {data["id"] for data in links[Update]}
            notes += [
                f"kept the published {u.get_kind_display().lower()} of "
                f"{u.published_at:%d %B %Y} (published updates and corrections stay)"
                for u in kept.exclude(pk__in=restored)
            ]
            kept = kept.filter(pk__in=restored)
        kept.delete()
        taken = set(article.updates.values_list("order", flat=True))
        for data in sorted(links[Update], key=lambda d: d["order"]):
            order = None if data["order"] in taken else data["order"]  # None: numbered last
            Update(**{**data, "order": order, "article_id": article.pk}).save(force_insert=True)
        article.refresh_from_db(fields=["updated_at"])
        versioning.capture(article)
    return article, notes
