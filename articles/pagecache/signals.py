"""Every editorial change bumps the tags of the pages that show it (stale.py says which).

Each change is read from the database twice, before (``pre_*`` signals) and after
(``post_*``), and both states' tags are bumped: an article moved from Gao to
Niger makes both places' pages stale. The article's save pairs its two states
(its related-article lists move only when its terms, visibility or date do).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from taggit.models import Tag

from taxonomy.models import Term, Vocabulary
from taxonomy.signals import terms_changed

from ..media.models import Document, Image
from ..models import (
    Article,
    ArticleAuthor,
    ArticleDocument,
    Author,
    Page,
    PendingChange,
    TaggedArticle,
    Update,
)
from . import schedule, stale, tags
from .generations import bump

# The state read before an article's save, until its post_save (the same thread).
BEFORE = "_pagecache_before"


def _article_pre_save(sender, instance, raw=False, **kwargs):
    if instance.pk is not None:
        setattr(instance, BEFORE, stale.article_state(instance.pk))


def _article_post_save(sender, instance, **kwargs):
    before = instance.__dict__.pop(BEFORE, None)
    bump(stale.article_change(before, stale.article_state(instance.pk)))
    schedule.article_changed()


def _article_pre_delete(sender, instance, **kwargs):
    bump(stale.article_change(stale.article_state(instance.pk), None))
    schedule.article_changed()


def _article_row(sender, instance, **kwargs):
    """An update, byline or tagging row saved or deleted: its article as it is now."""
    state = stale.article_state(getattr(instance, ARTICLE_FIELD[sender]))
    if sender is Update:
        bump(stale.update_change(state))
    else:
        bump(stale.article_change(state, state))


# The through rows' column naming the article, and the one naming the other side.
ARTICLE_FIELD = {
    Update: "article_id",
    ArticleAuthor: "article_id",
    TaggedArticle: "content_object_id",
    Article.terms.through: "article_id",
    ArticleDocument: "article_id",
}
OTHER_FIELD = {ArticleAuthor: "author", TaggedArticle: "tag", Article.terms.through: "term"}


def _articles_of(sender, instance, action, reverse, pk_set) -> list:
    if not reverse:
        return [instance.pk]
    if action == "pre_clear":
        rows = sender.objects.filter(**{OTHER_FIELD[sender]: instance})
        return list(rows.values_list(ARTICLE_FIELD[sender], flat=True))
    return list(pk_set or ())


def _m2m(sender, instance, action, reverse, pk_set, **kwargs):
    """Terms, bylines or tags changed through a related manager (either side).

    Each article's state is read before and after; a term added or removed also
    moves the related-article lists of that term's articles.
    """
    if action == "post_clear" and reverse:
        return  # its articles were read at pre_clear
    states = stale.article_states(_articles_of(sender, instance, action, reverse, pk_set))
    stale_tags = set()
    for state in states.values():
        stale_tags |= stale.article_change(state, state)
        if sender is Article.terms.through and state.is_visible:
            # Forward: the terms added or removed (pre_clear: all of them).
            term_ids = {instance.pk} if reverse else set(pk_set or ()) or state.direct_term_ids
            stale_tags |= {tags.related(pk) for pk in term_ids}
    bump(stale_tags)


def _term(sender, instance, **kwargs):
    bump(stale.term_tags(instance))


def _terms_bulk(sender, vocabulary, term_ids, **kwargs):
    """A bulk import: the vocabulary's pages and the changed terms' names and neighbours."""
    changed = {tags.name("term", pk) for pk in term_ids} | {tags.related(pk) for pk in term_ids}
    bump(stale.vocabulary_tags(vocabulary) | changed)


def _vocabulary(sender, instance, **kwargs):
    bump(stale.vocabulary_tags(instance))


def _author(sender, instance, created=False, **kwargs):
    if instance.pk is not None and not created:  # a new author is on no page yet
        bump(stale.author_tags(instance))


def _tag(sender, instance, created=False, **kwargs):
    if instance.pk is not None and not created:  # a new tag is on no page yet
        bump(stale.tag_tags(instance))


def _page(sender, instance, **kwargs):
    if instance.pk is not None:
        bump({tags.page(instance.pk), tags.SITEMAP})


def _image(sender, instance, **kwargs):
    """An image's alt text, caption or focal point changed: the pages showing it."""
    bump(stale.image_tags(instance.pk))


def _document(sender, instance, **kwargs):
    bump(stale.document_tags(instance.pk))


def _pending_change(sender, **kwargs):
    schedule.article_changed()


def connect_signals() -> None:
    uid = "articles.pagecache"
    pre_save.connect(_article_pre_save, sender=Article, dispatch_uid=f"{uid}:article:pre")
    post_save.connect(_article_post_save, sender=Article, dispatch_uid=f"{uid}:article:post")
    pre_delete.connect(_article_pre_delete, sender=Article, dispatch_uid=f"{uid}:article:del")
    for model in (Update, ArticleAuthor, TaggedArticle, ArticleDocument):
        for signal in (pre_save, post_save, pre_delete, post_delete):
            signal.connect(_article_row, sender=model, dispatch_uid=f"{uid}:{model._meta.label}")
    receivers = ((Term, _term), (Vocabulary, _vocabulary), (Author, _author), (Tag, _tag))
    for model, receiver in receivers:
        for signal in (pre_save, post_save, pre_delete):
            signal.connect(receiver, sender=model, dispatch_uid=f"{uid}:{model._meta.label}")
    terms_changed.connect(_terms_bulk, sender=Term, dispatch_uid=f"{uid}:terms:bulk")
    for through in (Article.terms.through, ArticleAuthor, TaggedArticle):
        m2m_changed.connect(_m2m, sender=through, dispatch_uid=f"{uid}:{through._meta.label}:m2m")
    for signal in (post_save, pre_delete):
        signal.connect(_page, sender=Page, dispatch_uid=f"{uid}:page")
    post_save.connect(_image, sender=Image, dispatch_uid=f"{uid}:image")
    pre_delete.connect(_image, sender=Image, dispatch_uid=f"{uid}:image:del")
    post_save.connect(_document, sender=Document, dispatch_uid=f"{uid}:document")
    # A pending change shows nowhere, but its publish_at is a moment the pages change at.
    for signal in (post_save, post_delete):
        signal.connect(_pending_change, sender=PendingChange, dispatch_uid=f"{uid}:pending")
