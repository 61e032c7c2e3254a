"""Builds fixtures/seed_documents.json from the source documents as received.

The editorial decisions (dates and their evidence, headings, captions, the
update of 15 January 2013, classification) live beside the sources in
``fixtures/sources/*.json``; this module only applies them, so that anyone can
see and re-run how each article was made from its document.
"""

import html
import json
import re
from pathlib import Path

from django.utils.text import slugify

from articles.devtools.seed_checks import SeedSourceError, missing_references

#: Lines that are site furniture, not article content.
FURNITURE_LINES = {
    "by",
    "You may also like",
    "Leave a Comment",
    "Adblock Detected",
    "Please support us by disabling your AdBlocker extension from your browsers for our website.",
}
FURNITURE_PREFIXES = ("Home »", "This site uses Akismet")
#: Lines whose comma-separated words become free tags, not body text.
KEYWORD_PREFIXES = ("LSI Keywords:", "Related Search Terms:", "Keywords:")

CREDIT_RE = re.compile(r"^(?P<caption>.*\S)\s*\((?P<credit>[^()]+)\)$")
NUMBERED_RE = re.compile(r"^\s*\d+\.\s+(?P<text>.*)$")
LABEL_RE = re.compile(r"^(?P<label>[^\s:.][^:.]{0,40}):\s+(?P<text>\S.*)$")

VOCABULARY_ORDER = ["places", "organisations", "people", "topics", "operations-and-programmes"]


def is_furniture(line: str) -> bool:
    return line in FURNITURE_LINES or line.startswith(FURNITURE_PREFIXES)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def keyword_tags(line: str) -> list[str] | None:
    for prefix in KEYWORD_PREFIXES:
        if line.startswith(prefix):
            words = line[len(prefix) :].split(",")
            return [normalise(word).rstrip(".") for word in words if normalise(word).rstrip(".")]
    return None


def blocks(text: str) -> list[list[str]]:
    """Paragraph blocks: runs of non-blank lines, separated by blank lines."""
    result, current = [], []
    for raw in text.splitlines():
        if raw.strip():
            current.append(raw.rstrip())
        elif current:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


def _labelled_item(line: str) -> str | None:
    match = LABEL_RE.match(line.strip())
    if match and len(match["label"].split()) <= 5:
        label = html.escape(normalise(match["label"]))
        return f"<strong>{label}:</strong> {html.escape(normalise(match['text']))}"
    return None


def render_body(items: list[tuple[str, str]]) -> str:
    """Turn (kind, text) items into clean HTML, grouping list items into lists."""
    out, open_list = [], None
    for kind, content in items:
        list_kind = kind if kind in ("ul", "ol") else None
        if open_list and open_list != list_kind:
            out.append(f"</{open_list}>")
            open_list = None
        if list_kind:
            if not open_list:
                out.append(f"<{list_kind}>")
                open_list = list_kind
            out.append(f"<li>{content}</li>")
        else:
            out.append(f"<{kind}>{content}</{kind}>")
    if open_list:
        out.append(f"</{open_list}>")
    return "\n".join(out)


def parse_document(text: str, meta: dict) -> dict:
    """Split one source document into title, caption, body items, updates and tags."""
    headings = set(meta.get("headings", []))
    subheadings = set(meta.get("subheadings", []))
    forced_items = set(meta.get("list_items", []))
    paragraph_prefixes = tuple(meta.get("paragraph_prefixes", []))
    update_specs = {u["heading"]: u for u in meta.get("updates", [])}

    title = None
    caption = credit = ""
    tags: list[str] = list(meta.get("tags", []))
    body_items: list[tuple[str, str]] = []
    updates: list[dict] = []
    target = body_items

    for block in blocks(text):
        first = normalise(block[0])
        if len(block) == 1 and is_furniture(first):
            continue
        if title is None:
            title = first
            continue
        if len(block) == 1 and first == title:
            continue  # the title printed a second time
        if first == meta.get("byline"):
            continue
        if first == meta.get("caption"):
            match = CREDIT_RE.match(first)
            caption, credit = (match["caption"], match["credit"]) if match else (first, "")
            continue
        found = keyword_tags(first)
        if found is not None:
            tags.extend(found)
            continue
        if first in update_specs:
            spec = update_specs[first]
            updates.append({**spec, "items": []})
            target = updates[-1]["items"]
            continue
        if first in headings:
            target.append(("h2", html.escape(first)))
        elif first in subheadings:
            target.append(("h3", html.escape(first)))
        elif all(NUMBERED_RE.match(line) for line in block):
            for line in block:
                text_ = NUMBERED_RE.match(line)["text"]
                target.append(("ol", _labelled_item(text_) or html.escape(normalise(text_))))
        elif meta.get("detect_lists") and len(block) > 1:
            for line in block:
                target.append(("ul", _labelled_item(line) or html.escape(normalise(line))))
        elif first in forced_items:
            target.append(("ul", _labelled_item(first) or html.escape(first)))
        elif (
            meta.get("detect_lists")
            and len(block) == 1
            and not first.startswith(paragraph_prefixes)
            and _labelled_item(first)
        ):
            target.append(("label", _labelled_item(first)))
        else:
            target.append(("p", html.escape(normalise(" ".join(block)))))

    return {
        "title": title,
        "caption": caption,
        "credit": credit,
        "body": render_body(_runs_to_lists(body_items)),
        "updates": [{**u, "body": render_body(_runs_to_lists(u["items"]))} for u in updates],
        "tags": _dedupe(tags),
    }


def _runs_to_lists(items):
    """Two or more “Label: text” paragraphs in a row are a list; one alone is a paragraph."""
    result = []
    for index, (kind, content) in enumerate(items):
        if kind == "label":
            neighbours = [items[i][0] for i in (index - 1, index + 1) if 0 <= i < len(items)]
            kind = "ul" if "label" in neighbours else "p"
        result.append((kind, content))
    return result


def _dedupe(names):
    seen, result = set(), []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


def _term_records(vocabulary_slug, terms, parent=None):
    for term in terms:
        yield {
            "model": "taxonomy.term",
            "fields": {
                "vocabulary": [vocabulary_slug],
                "name": term["name"],
                "slug": term["slug"],
                "parent": [vocabulary_slug, parent] if parent else None,
                "aliases": term.get("aliases", []),
                "scope_note": term.get("scope_note", ""),
            },
        }
        yield from _term_records(vocabulary_slug, term.get("children", []), term["slug"])


def build_seed_fixture(sources: Path) -> list[dict]:
    """Every record of the seed fixture, with natural keys and no ids.

    Raises SeedSourceError, before building anything, when a reference does not resolve.
    """
    vocabularies = json.loads((sources / "vocabularies.json").read_text())
    classification = json.loads((sources / "classification.json").read_text())
    documents = json.loads((sources / "documents.json").read_text())
    authors = json.loads((sources / "authors.json").read_text())
    if problems := missing_references(
        vocabularies, classification, documents, authors, vocabulary_order=VOCABULARY_ORDER
    ):
        raise SeedSourceError("\n".join(problems))

    records = []
    for position, vocabulary in enumerate(vocabularies):
        records.append(
            {
                "model": "taxonomy.vocabulary",
                "fields": {
                    "name": vocabulary["name"],
                    "slug": vocabulary["slug"],
                    "description": vocabulary.get("description", ""),
                    "position": position,
                },
            }
        )
    for vocabulary in vocabularies:
        records.extend(_term_records(vocabulary["slug"], vocabulary["terms"]))
    for author in authors:
        records.append({"model": "articles.author", "fields": author})

    parsed = {
        doc["source"]: parse_document((sources / doc["source"]).read_text(), doc)
        for doc in documents
    }
    tag_names = _dedupe(name for doc in documents for name in parsed[doc["source"]]["tags"])
    for name in tag_names:
        records.append({"model": "taggit.tag", "fields": {"name": name, "slug": slugify(name)}})

    for doc in documents:
        article = parsed[doc["source"]]
        terms = classification.get(doc["source"], {})
        records.append(
            {
                "model": "articles.article",
                "fields": {
                    "title": article["title"],
                    "slug": doc["slug"],
                    "standfirst": doc.get("standfirst", ""),
                    "body": article["body"],
                    "lead_image_caption": article["caption"],
                    "lead_image_credit": article["credit"],
                    "status": "published",
                    "published_at": doc["published_at"],
                    "updated_at": max(
                        (u["published_at"] for u in article["updates"]), default=None
                    ),
                    "internal_note": doc["internal_note"],
                    "created_at": doc["published_at"],
                    "modified_at": doc["published_at"],
                    "created_by": None,
                    "modified_by": None,
                    "terms": [
                        [vocabulary, slug]
                        for vocabulary in VOCABULARY_ORDER
                        for slug in terms.get(vocabulary, [])
                    ],
                },
            }
        )
        for position, author_slug in enumerate(doc.get("authors", [])):
            records.append(
                {
                    "model": "articles.articleauthor",
                    "fields": {
                        "article": [doc["slug"]],
                        "author": [author_slug],
                        "position": position,
                    },
                }
            )
        for name in article["tags"]:
            records.append(
                {
                    "model": "articles.taggedarticle",
                    "fields": {"content_object": [doc["slug"]], "tag": [name]},
                }
            )
        for order, update in enumerate(article["updates"], start=1):
            records.append(
                {
                    "model": "articles.update",
                    "fields": {
                        "article": [doc["slug"]],
                        "kind": update["kind"],
                        "published_at": update["published_at"],
                        "title": update["title"],
                        "body": update["body"],
                        "order": order,
                    },
                }
            )
    return records


def render_fixture(records: list[dict]) -> str:
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
