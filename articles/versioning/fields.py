"""What an article's version keeps."""

from ..models import Article

# Not kept: what machines derive or stamp (the edit lock, search and facet columns,
# modified_at/by, which the revision records anyway, the "Updated" date from the updates),
# the tags, which are kept as TaggedArticle rows (taggit's through model), and the assignee,
# who is the workflow's, not the text's: a restore never reassigns an article.
NOT_VERSIONED = [
    "modified_by",
    "assignee",
    "tags",
    *(
        f.name
        for f in Article._meta.local_fields
        if not f.editable and f.name not in ("id", "created_at")
    ),
]
FOLLOW = ["article_authors", "tagged_items", "updates"]
