"""The OpenAPI document is valid, and every endpoint answers as it says (schemathesis).

Bounded: a few examples per operation, derandomized (a fixed seed), no example
database; the whole file runs in seconds. A larger run, by hand:
``API_EXAMPLES=500 pytest tests/articles/api/test_schema.py``.
"""

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.specs.openapi.checks import positive_data_acceptance

from articles.media import services as media
from articles.models import ArticleDocument
from tests.articles.media.files import pdf_bytes, picture_bytes, upload

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("API_EXAMPLES", "6"))


def test_the_openapi_document_is_valid_openapi_3_1(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.1")
    validate(document)  # raises on an invalid document
    assert set(document["paths"]) == {
        "/api/articles/",
        "/api/articles/{slug}/",
        "/api/authors/",
        "/api/authors/{slug}/",
        "/api/tags/",
        "/api/vocabularies/",
        "/api/vocabularies/{slug}/",
    }


def test_the_openapi_document_describes_the_lead_image_and_documents(client):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    summary = schemas["ArticleSummary"]["properties"]["lead_image"]
    assert {"$ref": "#/components/schemas/LeadImage"} in summary["anyOf"]
    assert {"type": "null"} in summary["anyOf"]
    lead = schemas["LeadImage"]["properties"]
    assert {"alt", "caption", "credit", "focal_point", "renditions", "sources"} <= set(lead)
    assert set(schemas["RenditionOut"]["required"]) >= {"format", "width", "height", "url"}
    assert "documents" in schemas["ArticleDetail"]["required"]


# Read through the app itself, as a client would (the document needs no database).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _data(world, settings):
    settings.API_RATE_LIMIT = ""  # many requests from one address: not what is tested here
    # A lead image and a document, so that their answers are checked against the schema.
    picture = upload(picture_bytes(size=(1000, 600)))
    world.gao_ambush.lead_image = media.image_upload(upload=picture, alt_text="Gao").item
    world.gao_ambush.save()
    report = media.document_upload(upload=upload(pdf_bytes()), title="Report").item
    ArticleDocument.objects.create(article=world.gao_ambush, document=report)
    # As Django's test client does: a request's end must not close the connection that
    # holds the test's transaction (schemathesis calls the WSGI application itself).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_endpoint_answers_as_its_schema_says(case):
    # Every check but "schema-valid data is accepted": a well-formed slug or cursor that
    # names nothing is refused with a 400 by design (the schema cannot list the slugs).
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
