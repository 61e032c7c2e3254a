"""SKOS: export_skos and import_skos, on files in the shapes of real thesauri."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from reversion.models import Version

from taxonomy.models import Term, Vocabulary

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "skos_files"
UNESCO = "http://vocabularies.unesco.org/thesaurus/"


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def terms(slug):
    return {t.name: t for t in Term.objects.filter(vocabulary__slug=slug)}


def shape(slug):
    """The vocabulary as readers and editors see it, ids aside."""
    by_id = {t.pk: t.name for t in Term.objects.filter(vocabulary__slug=slug)}
    return sorted(
        (
            t.name,
            sorted(t.aliases),
            sorted(t.alias_languages.items()),
            by_id.get(t.parent_id),
            t.scope_note,
            t.notation,
        )
        for t in Term.objects.filter(vocabulary__slug=slug)
    )


def test_unesco_file_gives_english_names_other_labels_as_aliases_and_the_tree():
    out = run("import_skos", str(FILES / "unesco.ttl"), "--vocabulary", "unesco")
    found = terms("unesco")
    literacy = found["Literacy"]
    assert literacy.uri == UNESCO + "concept2"
    assert set(literacy.aliases) == {
        "Alphabétisation", "Alfabetización", "Грамотность", "محو الأمية",
        "Illiteracy", "Analphabétisme", "Literacie",
    }  # fmt: skip
    assert literacy.alias_languages["Alphabétisation"] == "fr"
    assert "Illiteracy" not in literacy.alias_languages  # English: the vocabulary's language
    assert literacy.scope_note == "Ability to read and write."
    assert literacy.parent == found["Educational systems"]
    assert found["Educational systems"].parent == found["Education"]
    assert found["Educational systems"].notation == "1.05"
    assert Vocabulary.objects.get(slug="unesco").name == "UNESCO Thesaurus"
    assert "Vocabulary “UNESCO Thesaurus” (unesco): 5 added, 0 changed" in out


def test_a_second_broader_is_dropped_and_reported():
    out = run("import_skos", str(FILES / "unesco.ttl"), "--vocabulary", "unesco")
    found = terms("unesco")
    assert found["Adult literacy"].parent == found["Educational systems"]  # the first URI
    assert f"{UNESCO}concept3: 2 broader concepts; kept {UNESCO}concept1" in out


def test_a_concept_without_a_label_in_the_language_is_named_in_another_and_counted():
    out = run("import_skos", str(FILES / "unesco.ttl"), "--vocabulary", "unesco")
    assert "Apprentissage" in terms("unesco")
    assert "1 concepts have no label in “en”" in out


def test_a_concept_without_any_preferred_label_is_skipped_with_the_reason():
    out = run("import_skos", str(FILES / "unesco.ttl"), "--vocabulary", "unesco")
    assert f"skipped: {UNESCO}concept5: no prefLabel" in out
    assert "1 skipped" in out


def test_running_the_import_again_changes_nothing_and_records_no_version():
    run("import_skos", str(FILES / "unesco.ttl"), "--vocabulary", "unesco")
    before = shape("unesco"), Version.objects.count()
    out = run("import_skos", str(FILES / "unesco.ttl"), "--vocabulary", "unesco")
    assert "0 added, 0 changed, 5 unchanged" in out
    assert (shape("unesco"), Version.objects.count()) == before


def test_an_import_is_one_revision_with_a_comment_in_each_terms_history():
    run("import_skos", str(FILES / "unesco.ttl"), "--vocabulary", "unesco")
    literacy = terms("unesco")["Literacy"]
    (version,) = Version.objects.get_for_object(literacy)
    assert version.revision.comment == "Imported from unesco.ttl (SKOS): 5 added, 0 changed"
    assert version.revision.version_set.count() == 6  # five terms and the new vocabulary


def test_an_imported_terms_version_restores_it_as_imported():
    run("import_skos", str(FILES / "unesco.ttl"), "--vocabulary", "unesco")
    literacy = terms("unesco")["Literacy"]
    imported = {f.attname: getattr(literacy, f.attname) for f in Term._meta.concrete_fields}
    (version,) = Version.objects.get_for_object(literacy)
    assert version.field_dict == imported
    Term.objects.filter(pk=literacy.pk).update(name="Reading and writing", aliases=[])
    version.revert()
    literacy.refresh_from_db()
    assert {f.attname: getattr(literacy, f.attname) for f in Term._meta.concrete_fields} == (
        imported
    )


def test_a_changed_label_in_the_file_updates_the_term_matched_by_uri(tmp_path):
    run("import_skos", str(FILES / "unesco.ttl"), "--vocabulary", "unesco")
    literacy = terms("unesco")["Literacy"]
    edited = tmp_path / "unesco.ttl"
    edited.write_text((FILES / "unesco.ttl").read_text().replace('"Literacy"@en', '"Reading"@en'))
    out = run("import_skos", str(edited), "--vocabulary", "unesco")
    literacy.refresh_from_db()
    assert literacy.name == "Reading"
    assert literacy.slug == "literacy"  # its address stays
    assert "0 added, 1 changed, 4 unchanged" in out


def test_eurovoc_rdf_xml_cycle_is_refused_and_reported():
    out = run("import_skos", str(FILES / "eurovoc.rdf"), "--vocabulary", "eurovoc")
    found = terms("eurovoc")
    arms, disarmament = found["arms control"], found["disarmament"]
    assert {arms.parent, disarmament.parent} == {None, arms} or {
        arms.parent,
        disarmament.parent,
    } == {None, disarmament}
    assert "cycle http://eurovoc.europa.eu/1000 → http://eurovoc.europa.eu/1001" in out


def test_eurovoc_french_names_with_language_option():
    run("import_skos", str(FILES / "eurovoc.rdf"), "--vocabulary", "eurovoc", "--language", "fr")
    found = terms("eurovoc")
    assert found["maintien de la paix"].alias_languages["Friedenssicherung"] == "de"
    assert found["force de maintien de la paix de l'ONU"].parent == found["maintien de la paix"]


def test_a_name_taken_in_another_case_is_skipped_and_its_broader_unknown_reported():
    out = run("import_skos", str(FILES / "eurovoc.rdf"), "--vocabulary", "eurovoc")
    assert "Peacekeeping" not in terms("eurovoc")
    assert "skipped: http://eurovoc.europa.eu/8002: its name “Peacekeeping” is taken" in out
    assert "broader http://eurovoc.europa.eu/9999 is not a concept of the file" in out


def test_agrovoc_skos_xl_labels_and_notations():
    run("import_skos", str(FILES / "agrovoc.ttl"), "--vocabulary", "agrovoc")
    found = terms("agrovoc")
    assert found["sorghum"].aliases == ["great millet", "sorgho"]
    assert found["sorghum"].parent == found["cereals"]
    assert found["millets"].notation == "4826"


def test_an_alias_held_by_another_term_is_dropped_and_reported(make_vocabulary, make_term):
    vocabulary = make_vocabulary(slug="agrovoc")
    make_term(vocabulary=vocabulary, name="Sorgho rouge", aliases=["great millet"])
    out = run("import_skos", str(FILES / "agrovoc.ttl"), "--vocabulary", "agrovoc")
    assert terms("agrovoc")["sorghum"].aliases == ["sorgho"]
    assert "alias “great millet” dropped, already a name or alias of “Sorgho rouge”" in out
    assert "1 terms not in the file kept" in out


def export(slug, *extra):
    return run("export_skos", slug, *extra)


def test_export_is_a_concept_scheme_with_labels_tree_notes_and_stable_uris(
    make_vocabulary, make_term, settings
):
    settings.SKOS_BASE_URI = "https://desk.example/skos/"
    places = make_vocabulary(slug="places", name="Places")
    mali = make_term(vocabulary=places, name="Mali", scope_note="The country.")
    gao = make_term(
        vocabulary=places, name="Gao", parent=mali, aliases=["Gawgaw"], notation="ML-7"
    )
    graph = Graph().parse(data=export("places"), format="turtle")
    scheme = URIRef(f"https://desk.example/skos/vocabularies/{places.pk}")
    concept = URIRef(f"https://desk.example/skos/terms/{gao.pk}")
    parent = URIRef(f"https://desk.example/skos/terms/{mali.pk}")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert (concept, SKOS.prefLabel, Literal("Gao", lang="en")) in graph
    assert (concept, SKOS.altLabel, Literal("Gawgaw", lang="en")) in graph
    assert (concept, SKOS.broader, parent) in graph
    assert (parent, SKOS.narrower, concept) in graph
    assert (parent, SKOS.scopeNote, Literal("The country.", lang="en")) in graph
    assert (concept, SKOS.notation, Literal("ML-7")) in graph
    assert (scheme, SKOS.hasTopConcept, parent) in graph
    Term.objects.filter(pk=gao.pk).update(slug="gao-city")
    assert (concept, RDF.type, SKOS.Concept) in Graph().parse(
        data=export("places"), format="turtle"
    )  # the slug changed, the address did not


def test_export_as_rdf_xml_to_a_file(make_vocabulary, make_term, tmp_path):
    places = make_vocabulary(slug="places")
    make_term(vocabulary=places, name="Niger")
    target = tmp_path / "places.rdf"
    export("places", "--format", "xml", "-o", str(target))
    graph = Graph().parse(str(target), format="xml")
    assert {str(o) for o in graph.objects(None, SKOS.prefLabel)} >= {"Niger"}


def test_export_of_an_unknown_vocabulary_names_the_slugs(make_vocabulary):
    make_vocabulary(slug="places")
    with pytest.raises(CommandError, match=r"No vocabulary “nowhere”.*places"):
        export("nowhere")


def test_export_then_import_into_a_new_vocabulary_gives_the_same_vocabulary(tmp_path):
    run("import_skos", str(FILES / "unesco.ttl"), "--vocabulary", "unesco")
    run("import_skos", str(FILES / "agrovoc.ttl"), "--vocabulary", "agrovoc")
    for slug in ("unesco", "agrovoc"):
        target = tmp_path / f"{slug}.ttl"
        export(slug, "-o", str(target))
        run("import_skos", str(target), "--vocabulary", f"{slug}-copy")
        assert shape(f"{slug}-copy") == shape(slug)


def test_export_then_import_into_the_same_vocabulary_changes_nothing(
    make_vocabulary, make_term, tmp_path
):
    places = make_vocabulary(slug="places")
    mali = make_term(vocabulary=places, name="Mali", aliases=["Mali Republic"])
    make_term(vocabulary=places, name="Gao", parent=mali, scope_note="A city.")
    target = tmp_path / "places.rdf"
    export("places", "--format", "xml", "-o", str(target))
    before = shape("places")
    out = run("import_skos", str(target), "--vocabulary", "places")
    assert "0 added, 0 changed, 2 unchanged" in out
    assert shape("places") == before


def test_an_unreadable_file_is_refused_with_a_message(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> skos:x [ .")
    with pytest.raises(CommandError, match="not readable as RDF"):
        run("import_skos", str(broken))
    unknown = tmp_path / "thesaurus.json"
    unknown.write_text("{}")
    with pytest.raises(CommandError, match="cannot tell the format"):
        run("import_skos", str(unknown))
