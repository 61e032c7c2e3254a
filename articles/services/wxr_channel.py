"""A WordPress export's channel-level entries: its authors and its categories.

Authors are matched to ours by slug or name and made once; categories become terms of
one vocabulary, parents before children, made the first time a post needs one.
"""

from django.utils.text import slugify

from taxonomy.models import Term, Vocabulary

from .. import wxr
from ..models import Author


class Channel:
    def __init__(self, report, *, vocabulary_slug: str, vocabulary_name: str):
        self.report = report
        self.logins: dict[str, str] = {}  # login -> display name
        self.authors: dict[str, Author] = {}  # login -> Author
        self.categories: list[wxr.WxrCategory] = []
        self.terms: dict[str, Term] | None = None  # category slug -> Term, once made
        self.vocabulary_slug, self.vocabulary_name = vocabulary_slug, vocabulary_name

    def add(self, entry: wxr.WxrAuthor | wxr.WxrCategory) -> None:
        if isinstance(entry, wxr.WxrAuthor):
            self.logins[entry.login] = entry.display_name or entry.login
        else:
            self.categories.append(entry)

    def author(self, login: str) -> Author:
        if login not in self.authors:
            name = self.logins.get(login) or login
            slug = slugify(name)[:200] or slugify(login)[:200] or "author"
            author = (
                Author.objects.filter(slug=slug).first()
                or Author.objects.filter(name__iexact=name).first()
            )
            if author is None:
                author = Author.objects.create(name=name, slug=slug)
                self.report.counts["authors created"] += 1
            self.authors[login] = author
        return self.authors[login]

    def _vocabulary(self) -> Vocabulary:
        vocabulary = Vocabulary.objects.filter(slug=self.vocabulary_slug).first()
        return vocabulary or Vocabulary.objects.create(
            slug=self.vocabulary_slug, name=self.vocabulary_name
        )

    def term(self, slug: str, name: str, parent: Term | None = None) -> Term:
        if self.terms is None:
            self._make_terms()
        slug = slugify(slug or name)[:100] or "category"
        if slug not in self.terms:
            vocabulary = self._vocabulary()
            term = (
                Term.objects.filter(vocabulary=vocabulary, slug=slug).first()
                or Term.objects.filter(vocabulary=vocabulary, name__iexact=name[:100]).first()
            )
            if term is None:
                term = Term.objects.create(
                    vocabulary=vocabulary, slug=slug, name=name[:100], parent=parent
                )
                self.report.counts["terms created"] += 1
            self.terms[slug] = term
        return self.terms[slug]

    def _make_terms(self) -> None:
        """The channel's categories, parents before children (a parent missing from the
        export leaves its children at the top; a cycle is broken where it is met)."""
        self.terms = {}
        by_slug = {c.slug: c for c in self.categories}
        visiting: set[str] = set()

        def make(category):
            if slugify(category.slug) in self.terms:
                return self.terms[slugify(category.slug)]
            visiting.add(category.slug)
            parent = by_slug.get(category.parent_slug)
            parent_term = make(parent) if parent and parent.slug not in visiting else None
            return self.term(category.slug, category.name or category.slug, parent_term)

        for category in self.categories:
            make(category)
