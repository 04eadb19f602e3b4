"""Policy lineage on a small records fixture (tests/fixtures/lineage) and on inserted extracted evidence.

The fixture is a made-up policy line shaped like APSC Blueprint 2025 -> Strategic Plan 2045:
numbered council meetings review the plan, a review informs its successor, the successor
implements a vision adopted at the same summit, a predecessor lies behind and a successor after 2045.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from graphkit.build import build
from graphkit.lineage import (
    BACK,
    FOLLOW,
    PRIORITY,
    ProjectionGraph,
    find_start,
    ordinal_text,
    phrases,
    short_name,
    show_date,
    trace_document,
    trace_topic,
)
from graphkit.project import project
from graphkit.store import opened
from graphkit.vocab import GRAPH_BASE, RDF, RDF_TYPE, entity_iri, vocabulary

FIXTURE = Path(__file__).parent / "fixtures" / "lineage"
QUOTE_REVIEW = "The 9th Council reviewed progress under the EP Blueprint 2025 in its final phase."
QUOTE_INFORMS = "The findings of the review will inform the EP Strategic Plan 2045."


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lineage") / "store"
    build(path, [FIXTURE], shipped=False)
    return path


@pytest.fixture(scope="module")
def graph(store: Path) -> ProjectionGraph:
    with opened(store, read_only=True) as s:
        return ProjectionGraph(project(s))


@pytest.fixture(scope="module")
def evidenced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture plus one extracted document graph, shaped like `graphkit ingest` writes it."""
    path = tmp_path_factory.mktemp("lineage-ingested") / "store"
    build(path, [FIXTURE], shipped=False)
    v = vocabulary()
    g = GRAPH_BASE + "document/remarks-9"
    doc = entity_iri("document/remarks-9")
    quads: list[ox.Quad] = []

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        quads.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, ox.NamedNode(g)))

    add(g, RDF_TYPE, ox.NamedNode(v.iri("SourceGraph")))
    add(g, v.iri("origin"), ox.Literal("extracted"))
    add(g, v.iri("derivedFrom"), ox.NamedNode(doc))
    facts = [("meeting/council-9", "reviews", "document/plan-2025", QUOTE_REVIEW),
             ("document/plan-2025", "informs", "document/plan-2045", QUOTE_INFORMS)]
    for i, (s, key, o, quote) in enumerate(facts):
        s_iri, p_iri, o_iri = entity_iri(s), v.iri(key), entity_iri(o)
        add(s_iri, p_iri, ox.NamedNode(o_iri))
        a = entity_iri(f"assertion/test-{i}")
        add(a, RDF_TYPE, ox.NamedNode(v.iri("Assertion")))
        add(a, RDF + "subject", ox.NamedNode(s_iri))
        add(a, RDF + "predicate", ox.NamedNode(p_iri))
        add(a, RDF + "object", ox.NamedNode(o_iri))
        add(a, v.iri("statedIn"), ox.NamedNode(g))
        add(a, v.iri("quote"), ox.Literal(quote))
        add(a, v.iri("quotedFrom"), ox.NamedNode(doc))
    with opened(path) as s:
        s.replace_graphs({g: quads})
    return path


def keys(trace) -> list[str]:
    return [s.key for s in trace.steps]


def step(trace, key: str):
    return next(s for s in trace.steps if s.key == key)


# ------------------------------------------------------------------------------- the model is data

def test_followed_links_are_ontology_properties() -> None:
    v = vocabulary()
    for key, direction in (*FOLLOW, *BACK):
        assert v.prop(key).is_object, key
        assert direction in ("in", "out")
        assert key in phrases() and key in PRIORITY


# ------------------------------------------------------------------------------- document traces

def test_trace_lists_the_line_in_time_order(graph: ProjectionGraph) -> None:
    trace = trace_document(graph, entity_iri("document/plan-2025"), to_year=2045)
    assert keys(trace) == [
        "document/plan-2025",          # start
        "meeting/summit-1",            # where it was adopted
        "meeting/council-7", "meeting/council-8", "meeting/summit-2", "meeting/council-9",
        "document/end-term-review",    # undated: just before the plan it informs
        "document/plan-2045", "document/vision-2045", "meeting/summit-3",
    ]
    dated = [s.date for s in trace.steps[2:] if s.date]
    assert dated == sorted(dated)


def test_every_step_has_a_source_and_a_relation(graph: ProjectionGraph) -> None:
    trace = trace_document(graph, entity_iri("document/plan-2025"), to_year=2045)
    for row in trace.rows():
        assert row["sources"], row["name"]
        assert row["relation"], row["name"]
        assert row["step"] == 1 or row["previous"], row["name"]


def test_relations_read_from_the_step_to_an_earlier_step(graph: ProjectionGraph) -> None:
    trace = trace_document(graph, entity_iri("document/plan-2025"), to_year=2045)
    rows = {r["key"]: r for r in trace.rows()}
    assert rows["document/plan-2025"]["relation"] == "start"
    assert (rows["meeting/council-8"]["relation"], rows["meeting/council-8"]["previous"]) == \
        ("reviews", "Example Political Blueprint 2025")
    assert rows["meeting/council-8"]["sources"] == ["https://example.org/council-8-review"]  # the link's own source
    assert rows["meeting/summit-2"]["relation"] == "held in conjunction with"
    assert (rows["document/plan-2045"]["relation"], rows["document/plan-2045"]["previous"]) == \
        ("succeeds", "Example Political Blueprint 2025")
    assert rows["document/vision-2045"]["relation"] == "implemented by"
    assert (rows["meeting/summit-3"]["relation"], rows["meeting/summit-3"]["previous"]) == \
        ("adopted", "Example Political Strategic Plan 2045")


def test_steps_carry_date_place_and_meeting(graph: ProjectionGraph) -> None:
    trace = trace_document(graph, entity_iri("document/plan-2025"), to_year=2045)
    c8 = step(trace, "meeting/council-8")
    assert (c8.shown_date, c8.place, c8.body, c8.chairs) == ("2024-10-08", "Vientiane", "Example Political Council",
                                                            ["Anna Chair"])
    assert c8.series_previous == "7th Example Political Council Meeting"
    assert step(trace, "meeting/council-7").series_previous == "no. 6 not recorded"
    plan = step(trace, "document/plan-2045")
    assert (plan.shown_date, plan.place, plan.at, plan.period_end) == ("2025-05-26", "Kuala Lumpur",
                                                                       "3rd Example Summit", 2045)
    summit = step(trace, "meeting/summit-3")
    assert "Example Declaration on Something Else" in summit.adopted  # listed, not followed
    assert step(trace, "document/end-term-review").date is None


def test_links_behind_the_start_are_not_followed(graph: ProjectionGraph) -> None:
    trace = trace_document(graph, entity_iri("document/plan-2025"))
    assert "document/plan-2015" not in keys(trace)               # the predecessor
    assert "document/unrelated-declaration" not in keys(trace)   # only adopted at the same summit


def test_to_year_stops_the_trace(graph: ProjectionGraph) -> None:
    unbounded = keys(trace_document(graph, entity_iri("document/plan-2025")))
    assert {"document/plan-2065", "meeting/summit-4"} <= set(unbounded)
    bounded = keys(trace_document(graph, entity_iri("document/plan-2025"), to_year=2045))
    assert not {"document/plan-2065", "meeting/summit-4"} & set(bounded)


def test_from_year_hides_earlier_steps_but_keeps_the_start(graph: ProjectionGraph) -> None:
    trace = trace_document(graph, entity_iri("document/plan-2025"), from_year=2024, to_year=2045)
    assert keys(trace)[0] == "document/plan-2025"
    assert "meeting/council-7" not in keys(trace) and "meeting/summit-1" not in keys(trace)
    assert "meeting/council-8" in keys(trace)
    assert trace.left_out == 2


def test_depth_limits_the_trace(graph: ProjectionGraph) -> None:
    trace = trace_document(graph, entity_iri("document/plan-2025"), max_depth=1)
    assert "document/vision-2045" not in keys(trace)   # two links away
    assert "document/plan-2045" in keys(trace)


def test_a_meeting_can_start_a_trace(graph: ProjectionGraph) -> None:
    trace = trace_document(graph, entity_iri("meeting/council-8"))
    assert keys(trace)[:2] == ["meeting/council-8", "meeting/summit-2"]


def test_links_among_steps_are_all_listed(graph: ProjectionGraph) -> None:
    trace = trace_document(graph, entity_iri("document/plan-2025"), to_year=2045)
    found = {(lk.key, lk.subject.rsplit("/", 1)[-1], lk.object.rsplit("/", 1)[-1]) for lk in trace.links}
    assert {("informs", "end-term-review", "plan-2045"), ("implements", "plan-2045", "vision-2045"),
            ("inConjunctionWith", "council-9", "summit-3"), ("adoptedAt", "vision-2045", "summit-3")} <= found


def test_extracted_evidence_reaches_the_steps(evidenced: Path) -> None:
    with opened(evidenced, read_only=True) as s:
        graph = ProjectionGraph(project(s))
    trace = trace_document(graph, entity_iri("document/plan-2025"), to_year=2045)
    rows = {r["key"]: r for r in trace.rows()}
    c9 = rows["meeting/council-9"]
    assert c9["evidence"] == [QUOTE_REVIEW]
    assert entity_iri("document/remarks-9") in c9["sources"] and "https://example.org/council-9" in c9["sources"]
    plan = rows["document/plan-2045"]
    assert plan["relation"] == "succeeds, informed by"   # both links to the blueprint, curated and extracted
    assert plan["evidence"] == [QUOTE_INFORMS]
    assert keys(trace) == keys(trace_document(graph, entity_iri("document/plan-2025"), to_year=2045))


# ------------------------------------------------------------------------------- topic traces

def test_topic_trace_includes_narrower_topics_speakers_and_chairs(graph: ProjectionGraph) -> None:
    trace = trace_topic(graph, entity_iri("topic/trafficking-in-persons"))
    assert trace.topics[:1] == ["trafficking in persons"] and "forced labour" in trace.topics
    assert keys(trace) == ["document/plan-2025", "meeting/council-9", "document/remarks-9"]
    c9 = step(trace, "meeting/council-9")
    assert (c9.speakers, c9.chairs, c9.topics) == (["Ben Speaker"], ["Anna Chair"], ["trafficking in persons"])
    remarks = step(trace, "document/remarks-9")
    assert (remarks.topics, remarks.speakers, remarks.at) == (["forced labour"], ["Ben Speaker"],
                                                              "9th Example Political Council Meeting")
    rows = trace.rows()
    assert all(r["sources"] for r in rows)
    assert rows[1]["previous"] == "Example Political Blueprint 2025"  # the topic moves on


def test_topic_trace_window(graph: ProjectionGraph) -> None:
    trace = trace_topic(graph, entity_iri("topic/trafficking-in-persons"), from_year=2024, to_year=2045)
    assert keys(trace) == ["meeting/council-9", "document/remarks-9"]
    assert trace.left_out == 1
    assert trace_topic(graph, entity_iri("topic/trafficking-in-persons"), to_year=2020).steps[0].key == \
        "document/plan-2025"


def test_topic_evidence_and_sources_merge(evidenced: Path) -> None:
    with opened(evidenced, read_only=True) as s:
        graph = ProjectionGraph(project(s))
    trace = trace_topic(graph, entity_iri("topic/trafficking-in-persons"))
    assert step(trace, "meeting/council-9").relation == "addresses"


# ------------------------------------------------------------------------------- resolving names

@pytest.mark.parametrize("text, key", [
    ("EP Blueprint 2025", "document/plan-2025"),                 # alias
    ("Example Politcal Blueprint 2025", "document/plan-2025"),   # misspelt
    ("document/plan-2045", "document/plan-2045"),                # key
    ("human trafficking", "topic/trafficking-in-persons"),       # topic alias
    ("9th Example Political Council Meeting", "meeting/council-9"),
])
def test_names_resolve_like_links(graph: ProjectionGraph, text: str, key: str) -> None:
    match = find_start(graph, text)
    assert match.best is not None and match.best.key == key


def test_bodies_and_people_do_not_start_a_trace(graph: ProjectionGraph) -> None:
    from graphkit.errors import EntityNotFoundError

    with pytest.raises(EntityNotFoundError):
        find_start(graph, "Anna Chair")
    match = find_start(graph, "Example Political Council")   # the body: its meetings are offered instead
    assert all(c.kind in ("Meeting", "Topic") or c.kind in vocabulary().subclasses("Document")
               for c in match.candidates)


def test_topic_lookup_only_sees_topics(graph: ProjectionGraph) -> None:
    from graphkit.errors import EntityNotFoundError

    with pytest.raises(EntityNotFoundError):
        find_start(graph, "Example Political Blueprint 2025 zzzz qqqq", "topic")


# ------------------------------------------------------------------------------- engines agree

def test_the_embedded_engine_gives_the_same_trace(store: Path, graph: ProjectionGraph) -> None:
    from graphkit.engines import open_engine

    eng = open_engine("embedded", store)
    try:
        for fn, start in ((trace_document, "document/plan-2025"), (trace_topic, "topic/trafficking-in-persons")):
            a = json.dumps(fn(eng, entity_iri(start), to_year=2045).rows(), sort_keys=True, default=str)
            b = json.dumps(fn(graph, entity_iri(start), to_year=2045).rows(), sort_keys=True, default=str)
            assert a == b
    finally:
        eng.close()


# ------------------------------------------------------------------------------- helpers

def test_dates_keep_their_precision() -> None:
    assert show_date(dt.date(2018, 4, 1), "month") == "2018-04"
    assert show_date(dt.date(2019, 1, 1), "year") == "2019"
    assert show_date(None) is None
    assert [ordinal_text(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 29, 101)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "29th", "101st"]


def test_short_names_prefer_a_telling_alias() -> None:
    props = {"name": "ASEAN Political-Security Community Strategic Plan",
             "altNames": ["APSC Strategic Plan 2045", "APSC Strategic Plan"]}
    assert short_name(props, 30) == "APSC Strategic Plan 2045"
    assert short_name({"name": "A very long name without any alias at all here"}, 20).endswith("…")
