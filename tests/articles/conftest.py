from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from articles.models import Article


@pytest.fixture
def world(make_vocabulary, make_term, make_author, make_article):
    """A small newsroom: term trees in three vocabularies, authors, articles, a draft."""
    places = make_vocabulary(name="Places", slug="places", position=0)
    organisations = make_vocabulary(name="Organisations", slug="organisations", position=1)
    people = make_vocabulary(name="People", slug="people", position=2)
    africa = make_term(vocabulary=places, name="Africa", slug="africa")
    sahel = make_term(vocabulary=places, name="Sahel", slug="sahel", parent=africa)
    mali = make_term(vocabulary=places, name="Mali", slug="mali", parent=sahel)
    gao = make_term(vocabulary=places, name="Gao", slug="gao", parent=mali)
    niger = make_term(vocabulary=places, name="Niger", slug="niger", parent=sahel)
    un = make_term(vocabulary=organisations, name="United Nations", slug="un")
    minusma = make_term(
        vocabulary=organisations,
        name="MINUSMA",
        slug="minusma",
        parent=un,
        aliases=["UN Multidimensional Integrated Stabilization Mission in Mali"],
    )
    ecowas = make_term(vocabulary=organisations, name="ECOWAS", slug="ecowas")
    keita = make_term(
        vocabulary=people, name="Ibrahim Boubacar Keïta", slug="keita", aliases=["Keita"]
    )
    zach = make_author(name="Zach Silberman", slug="zach-silberman")
    ada = make_author(name="Ada Diallo", slug="ada-diallo")
    now = timezone.now()
    gao_ambush = make_article(
        title="Ambush near Gao",
        slug="ambush-near-gao",
        body="<p>Peacekeepers were attacked on the road from Gao to Ansongo.</p>",
        published_at=now - timedelta(days=3),
        terms=[gao, minusma],
        authors=[zach],
        tags=["peacekeeping"],
    )
    niger_convoy = make_article(
        title="Convoy destroyed in Niger",
        slug="convoy-destroyed-in-niger",
        body="<p>Operation Barkhane struck a convoy bound for northern Mali.</p>",
        published_at=now - timedelta(days=2),
        terms=[niger],
        authors=[ada, zach],
        updates=[{"kind": "correction", "body": "<p>The convoy came from Libya.</p>"}],
    )
    ecowas_plan = make_article(
        title="ECOWAS plans a force",
        slug="ecowas-plans-a-force",
        body="<p>President Keïta asked for help from the regional bloc.</p>",
        published_at=now - timedelta(days=1),
        terms=[mali, ecowas, keita],
        tags=["intervention"],
        updates=[{"kind": "update", "body": "<p>The Security Council endorsed it.</p>"}],
    )
    draft = make_article(
        title="Secret draft about Gao",
        slug="secret-draft",
        body="<p>Zanzibarian xylophones in Gao.</p>",
        status=Article.Status.DRAFT,
        terms=[gao, ecowas],
        authors=[ada],
        tags=["unreleased"],
    )
    return SimpleNamespace(**locals())
