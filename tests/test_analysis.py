"""networkx where analysts use it: `graphkit paths`, node metrics, and `export --metrics` (GEXF still valid)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree

from graphkit.analysis import metrics, path_rows, shortest_paths, to_networkx
from graphkit.cli import cli
from graphkit.errors import EntityNotFoundError
from graphkit.project import Edge, Node, Projection
from graphkit.terms import C, R

GEXF_XSD = Path(__file__).parent / "fixtures" / "gexf-1.3" / "gexf.xsd"


def star() -> Projection:
    """A hub with four spokes, and one pair apart from it."""
    p = Projection()
    for key in ("hub", "a", "b", "c", "d", "x", "y"):
        iri = f"urn:t:{key}"
        p.nodes[iri] = Node(iri, [C.Body], C.Body, {"id": iri, "key": f"body/{key}", "name": f"Body {key.upper()}",
                                                    "sources": [f"https://example.org/{key}"]})
    for key in ("a", "b", "c", "d"):
        p.edges.append(Edge(f"urn:t:{key}", "urn:t:hub", R.PART_OF, {"sources": [f"https://example.org/{key}"]}))
    p.edges.append(Edge("urn:t:x", "urn:t:y", R.PART_OF, {"sources": ["https://example.org/xy"]}))
    return p


def test_metrics_on_a_known_graph() -> None:
    m = metrics(star())
    assert set(m) == {"degree", "betweenness", "pagerank", "community"}
    assert m["degree"]["urn:t:hub"] == 4 and m["degree"]["urn:t:a"] == 1 and m["degree"]["urn:t:x"] == 1
    # every shortest path between two spokes runs through the hub: 6 of the 6 pairs among 4 spokes,
    # normalised by (n-1)(n-2)/2 = 15 pairs in a 7-node graph
    assert m["betweenness"]["urn:t:hub"] == pytest.approx(6 / 15, abs=1e-6)
    assert m["betweenness"]["urn:t:a"] == 0
    assert sum(m["pagerank"].values()) == pytest.approx(1.0, abs=1e-4)
    assert m["pagerank"]["urn:t:hub"] > m["pagerank"]["urn:t:a"]
    assert m["community"]["urn:t:a"] == m["community"]["urn:t:hub"] != m["community"]["urn:t:x"]
    assert m["community"]["urn:t:x"] == m["community"]["urn:t:y"]


def test_networkx_conversion_keeps_parallel_relationships() -> None:
    p = star()
    p.edges.append(Edge("urn:t:a", "urn:t:hub", R.RELATED, {"sources": []}))
    g = to_networkx(p)
    assert g.number_of_nodes() == 7 and g.number_of_edges() == 6
    assert set(g["urn:t:a"]["urn:t:hub"]) == {R.PART_OF, R.RELATED}
    assert g.nodes["urn:t:hub"]["labels"] == [C.Body]


def test_paths_in_a_known_graph() -> None:
    p = star()
    found = shortest_paths(p, "Body A", "Body B")
    assert [[s.target_name for s in path.steps] for path in found] == [["Body HUB", "Body B"]]
    rows = path_rows(found)
    assert [(r["source"], r["relationship"], r["target"]) for r in rows] == [
        ("Body A", f"-[{R.PART_OF}]->", "Body HUB"), ("Body HUB", f"<-[{R.PART_OF}]-", "Body B")]
    assert rows[0]["sources"] == ["https://example.org/a"]
    assert shortest_paths(p, "Body A", "Body X") == []
    assert shortest_paths(p, "Body A", "Body B", max_hops=1) == []
    with pytest.raises(EntityNotFoundError):
        shortest_paths(p, "Body A", "nothing like it at all")


def test_paths_cli_through_the_29th_apsc_council(seeded_store: Path) -> None:
    result = CliRunner().invoke(cli, ["paths", "Mohamad Hasan", "APSC Strategic Plan 2045", "--store",
                                      str(seeded_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    names = {r["source"] for r in rows} | {r["target"] for r in rows}
    assert "Mohamad Hasan" in names and "29th ASEAN Political-Security Community Council Meeting" in names
    assert all(r["sources"] for r in rows)          # every relationship with the sources stating it
    by_path: dict[int, list[dict[str, object]]] = {}
    for r in rows:
        by_path.setdefault(int(r["path"]), []).append(r)
    hops = {max(int(str(r["step"])) for r in rs) for rs in by_path.values()}
    assert len(hops) == 1                            # all shortest: the same length


def test_paths_cli_not_found_exits_3(seeded_store: Path) -> None:
    result = CliRunner().invoke(cli, ["paths", "Mohamad Hasan", "Zzyzx Qwertyuiop", "--store", str(seeded_store)])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output


def test_export_metrics_gexf_is_valid_and_carries_the_measures(seeded_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.gexf"
    result = CliRunner().invoke(cli, ["export", "--store", str(seeded_store), "--metrics", "-o", str(out)])
    assert result.exit_code == 0, result.output
    schema = etree.XMLSchema(etree.parse(str(GEXF_XSD)))
    doc = etree.parse(str(out))
    assert schema.validate(doc), [str(e) for e in schema.error_log][:5]
    types = {a.get("title"): a.get("type") for a in doc.iter("{http://gexf.net/1.3}attribute")}
    assert (types["degree"], types["betweenness"], types["pagerank"], types["community"]) == (
        "integer", "double", "double", "integer")
    g = nx.read_gexf(out, version="1.3")
    degree = dict(g.degree())
    assert all(g.nodes[n]["degree"] == degree[n] for n in g.nodes)
    assert sum(g.nodes[n]["pagerank"] for n in g.nodes) == pytest.approx(1.0, abs=1e-3)
    result = CliRunner().invoke(cli, ["export", "--store", str(seeded_store), "--metrics", "--format", "turtle"])
    assert result.exit_code == 2 and "--metrics" in result.output
