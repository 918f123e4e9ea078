"""Document + annotations → RDF quads (DESIGN.md §3): types, dates, authors, selectors, stable IRIs."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Store

from scholargraph.dates import PartialDate
from scholargraph.document import Author, Document, Metadata, Reference, Section
from scholargraph.graph.iris import BIBLIOGRAPHIC_GRAPH, paper_iri, text_iri
from scholargraph.graph.rdf import main_subjects, paper_graph
from scholargraph.graph.vocabulary import PREFIXES
from scholargraph.link.model import Annotation, LinkResult

TEXT = ("Abstract American Indians and Alaska Natives (AI/AN) remain underrepresented in academic medicine. "
        "Methods Focus groups with Alaska Natives were held. Results Mentorship matters to Alaska Natives.")
DBR = "http://dbpedia.org/resource/"
DAY = PartialDate(2023, 11, 1)


def _annotation(surface: str, occurrence: int, uri: str, confidence: float) -> Annotation:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(surface, start + 1)
    return Annotation(surface, start, start + len(surface), DBR + uri, confidence, types=["dbo:EthnicGroup"])


def _document(date: PartialDate | None = DAY, doi: str | None = "10.1000/ABC.1") -> Document:
    methods = TEXT.index("Methods")
    return Document(
        text=TEXT,
        metadata=Metadata(
            title="Cultivating interest in academic medicine",
            authors=[Author(given="Zoe", family="Young"), Author(given="Adam", family="Abbott"),
                     Author(name="AI/AN Research Consortium", is_organization=True),
                     Author(given="Mia", family="Middle")],
            journal="Academic Medicine", date=date, doi=doi, pmid="12345",
            keywords=["mentorship", "workforce"]),
        abstract="American Indians and Alaska Natives (AI/AN) remain underrepresented.",
        sections=[Section("Methods", methods, TEXT.index("Results")), Section("Results", TEXT.index("Results"),
                                                                               len(TEXT))],
        references=[Reference("Smith 2020", doi="10.5555/Cited.2"), Reference("No DOI here")],
    )


def _result() -> LinkResult:
    return LinkResult([
        _annotation("American Indians", 0, "Native_Americans_in_the_United_States", 0.97),
        _annotation("Alaska Natives", 0, "Alaska_Natives", 0.95),
        _annotation("Alaska Natives", 1, "Alaska_Natives", 0.9),
        _annotation("Alaska Natives", 2, "Alaska_Natives", 0.3),
        _annotation("Mentorship", 0, "Mentorship", 0.8),
    ], [], kb_version="kb-test-1")


def _store(document: Document, result: LinkResult | None = None) -> Store:
    store = Store()
    store.extend(paper_graph(document, result, created=datetime(2026, 1, 2, tzinfo=timezone.utc)).quads)
    return store


def _select(store: Store, sparql: str) -> list[list[object]]:
    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    solutions = store.query(prefixes + sparql, use_default_graph_as_union=True)
    return [[s[v] for v in solutions.variables] for s in solutions]  # type: ignore[union-attr]


def test_paper_types_identifiers_and_journal() -> None:
    document = _document()
    store = _store(document, _result())
    paper = NamedNode(paper_iri(document))
    assert paper.value == "https://doi.org/10.1000/abc.1"
    types = {row[0] for row in _select(store, f"SELECT ?t WHERE {{ {paper} a ?t }}")}
    assert types == {NamedNode(PREFIXES["fabio"] + "ResearchPaper"), NamedNode(PREFIXES["schema"] + "ScholarlyArticle")}
    rows = _select(store, f"""SELECT ?doi ?pmid ?journal ?jt WHERE {{ {paper} bibo:doi ?doi ; bibo:pmid ?pmid ;
        dct:isPartOf ?journal . ?journal a fabio:Journal, schema:Periodical ; dct:title ?jt }}""")
    assert rows == [[Literal("10.1000/ABC.1"), Literal("12345"), rows[0][2], Literal("Academic Medicine")]]
    keywords = {row[0] for row in _select(store, f"SELECT ?k WHERE {{ {paper} schema:keywords ?k }}")}
    assert keywords == {Literal("mentorship"), Literal("workforce")}
    cited = _select(store, f"SELECT ?c WHERE {{ {paper} cito:cites ?c }}")
    assert cited == [[NamedNode("https://doi.org/10.5555/cited.2")]]


def test_two_papers_of_one_journal_share_its_node() -> None:
    first, second = _document(doi="10.1/a"), _document(doi="10.1/b")
    second.metadata.journal = "ACADEMIC MEDICINE."
    store = _store(first)
    store.extend(paper_graph(second).quads)
    assert len(_select(store, "SELECT DISTINCT ?j WHERE { ?p dct:isPartOf ?j . ?j a fabio:Journal }")) == 1


@pytest.mark.parametrize(("date", "datatype", "lexical"), [
    (PartialDate(2023, 11, 1), "date", "2023-11-01"),
    (PartialDate(2023, 11), "gYearMonth", "2023-11"),
    (PartialDate(2023), "gYear", "2023"),
])
def test_issued_is_typed_by_precision(date: PartialDate, datatype: str, lexical: str) -> None:
    store = _store(_document(date=date))
    rows = _select(store, "SELECT ?d WHERE { ?p dct:issued ?d }")
    assert rows == [[Literal(lexical, datatype=NamedNode(PREFIXES["xsd"] + datatype))]]


def test_no_date_means_no_issued() -> None:
    assert _select(_store(_document(date=None)), "SELECT ?d WHERE { ?p dct:issued ?d }") == []


def test_authors_keep_byline_order_in_an_rdf_seq() -> None:
    store = _store(_document())
    rows = _select(store, """SELECT ?name ?kind WHERE {
        ?paper bibo:authorList ?list . ?list ?slot ?author . ?author foaf:name ?name ; a ?kind .
        FILTER(STRSTARTS(STR(?slot), STR(rdf:_)))
        BIND(xsd:integer(STRAFTER(STR(?slot), "#_")) AS ?position)
    } ORDER BY ?position""")
    assert [(str(name.value), kind.value.rsplit("/", 1)[-1]) for name, kind in rows] == [  # type: ignore[attr-defined]
        ("Zoe Young", "Person"), ("Adam Abbott", "Person"), ("AI/AN Research Consortium", "Organization"),
        ("Mia Middle", "Person")]
    family = _select(store, "SELECT ?f WHERE { ?l rdf:_2 ?a . ?a foaf:familyName ?f ; foaf:givenName ?g }")
    assert family == [[Literal("Abbott")]]


def test_sections_and_text() -> None:
    document = _document()
    store = _store(document)
    rows = _select(store, """SELECT ?title ?b ?e WHERE { ?s a doco:Section ; dct:isPartOf ?p ; dct:title ?title ;
        nif:beginIndex ?b ; nif:endIndex ?e } ORDER BY ?b""")
    for (title, begin, end), section in zip(rows, document.sections, strict=True):
        assert title == Literal(section.heading)
        assert (int(begin.value), int(end.value)) == (section.start, section.end)  # type: ignore[attr-defined]
    text = _select(store, f"SELECT ?t WHERE {{ <{text_iri(document)}> nif:isString ?t }}")
    assert text == [[Literal(TEXT)]]


def test_annotations_are_web_annotations_whose_selectors_slice_the_stored_text() -> None:
    document, result = _document(), _result()
    store = _store(document, result)
    rows = _select(store, """SELECT ?body ?start ?end ?exact ?prefix ?suffix ?text ?conf WHERE {
        ?a a oa:Annotation ; oa:motivatedBy oa:identifying ; oa:hasBody ?body ; itsrdf:taConfidence ?conf ;
           schema:about ?paper ; prov:wasGeneratedBy ?run ; dct:created ?created ; oa:hasTarget ?t .
        ?t oa:hasSource ?source ; oa:hasSelector ?pos, ?quote .
        ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
        ?quote a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
        ?source nif:isString ?text .
        ?run sg:kbVersion "kb-test-1" .
    }""")
    assert len(rows) == len(result.annotations)
    for body, start, end, exact, prefix, suffix, text, conf in rows:
        s, e, stored = int(start.value), int(end.value), text.value  # type: ignore[attr-defined]
        assert stored[s:e] == exact.value  # type: ignore[attr-defined]
        assert stored[max(0, s - 32):s] == prefix.value  # type: ignore[attr-defined]
        assert stored[e:e + 32] == suffix.value  # type: ignore[attr-defined]
        assert conf.datatype == NamedNode(PREFIXES["xsd"] + "double")  # type: ignore[attr-defined]
        assert any(a.uri == body.value and a.start == s for a in result.annotations)  # type: ignore[attr-defined]


def test_subjects_need_two_confident_mentions() -> None:
    result = _result()
    assert main_subjects(result.annotations) == [DBR + "Alaska_Natives"]
    store = _store(_document(), result)
    assert _select(store, "SELECT ?s WHERE { ?p dct:subject ?s }") == [[NamedNode(DBR + "Alaska_Natives")]]


def test_graphs_no_blank_nodes_and_same_input_same_quads() -> None:
    document, result = _document(), _result()
    first = paper_graph(document, result, created=datetime(2026, 1, 1, tzinfo=timezone.utc))
    second = paper_graph(_document(), _result(), created=datetime(2026, 5, 5, tzinfo=timezone.utc))
    assert first.digest == second.digest
    created = NamedNode(PREFIXES["dct"] + "created")
    assert {str(q) for q in first.quads if q.predicate != created} == \
        {str(q) for q in second.quads if q.predicate != created}
    assert not any(isinstance(t, BlankNode) for q in first.quads for t in (q.subject, q.object))
    graphs = {q.graph_name.value for q in first.quads}  # type: ignore[union-attr]
    assert BIBLIOGRAPHIC_GRAPH in graphs and len(graphs) == 2
    changed = _result()
    changed.annotations[0].confidence = 0.5
    assert paper_graph(document, changed).digest != first.digest


def test_paper_without_doi_gets_a_content_iri() -> None:
    document, other = Document(text=TEXT), Document(text=TEXT + " More.")
    assert paper_iri(document).startswith("https://w3id.org/scholargraph/paper/")
    assert paper_iri(document) != paper_iri(other)
    assert paper_iri(document) == paper_iri(Document(text=TEXT))
