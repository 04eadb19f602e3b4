"""Every term is declared once: code, shapes, queries and records agree with the ontology."""

from __future__ import annotations

import re
from pathlib import Path

import rdflib

from graphkit.queries import load_catalogue
from graphkit.settings import data_dir
from graphkit.vocab import vocabulary

ROOT = Path(__file__).resolve().parent.parent


def test_keys_used_in_python_are_declared() -> None:
    v = vocabulary()
    pattern = re.compile(r"""\.(?:iri|cls|prop)\(\s*["']([A-Za-z]+)["']""")
    used = set()
    for path in list((ROOT / "graphkit").rglob("*.py")) + list((ROOT / "ingest").rglob("*.py")):
        used.update(pattern.findall(path.read_text(encoding="utf-8")))
    assert used, "the scan found no term use at all"
    unknown = sorted(k for k in used if k not in v.classes and k not in v.properties)
    assert not unknown, f"undeclared terms used in code: {unknown}"


def test_shapes_only_use_declared_terms() -> None:
    v = vocabulary()
    shapes = rdflib.Graph().parse(data_dir("ontologies") / "shapes.ttl")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    declared = {c.iri for c in v.classes.values()} | {p.iri for p in v.properties.values()}
    used = {str(o) for p in (sh.path, sh.targetClass, sh["class"], sh.targetObjectsOf) for o in shapes.objects(None, p)
            if isinstance(o, rdflib.URIRef)}
    assert used and not used - declared, used - declared


def test_saved_queries_only_use_declared_labels_and_types() -> None:
    v = vocabulary()
    labels = set(v.classes)
    types = {p.rel_type for p in v.properties.values() if p.is_object}
    for name, q in load_catalogue().items():
        if q.language != "cypher":
            continue
        for text in [q.text, *q.variants.values()]:
            for label in re.findall(r"\(\w*:(\w+)", text):
                assert label in labels, f"{name}: unknown label {label}"
            for group in re.findall(r"\[\w*:([A-Z_|]+)", text):
                for t in group.split("|"):
                    assert t in types, f"{name}: unknown relationship type {t}"


def test_names_do_not_clash_without_case() -> None:
    v = vocabulary()
    names = [*v.classes, *(p.rel_type for p in v.properties.values() if p.is_object)]
    assert len({n.upper() for n in names}) == len(names)


def test_every_datatype_property_has_a_range_and_every_table_exists() -> None:
    v = vocabulary()
    assert all(p.datatype for p in v.properties.values() if not p.is_object)
    assert {v.table(k) for k in v.classes} >= {"Meeting", "Document", "Body", "Person"}


def test_terms_in_sparql_and_code_are_declared() -> None:
    """Every gk:, schema:, org:, dcterms:, prov: and skos: term that code or saved SPARQL names is
    declared in the ontology (so a renamed term cannot leave a silent, empty query behind)."""
    from graphkit.vocab import PREFIXES

    ont = rdflib.Graph().parse(data_dir("ontologies") / "graphkit.ttl")
    declared = {str(s) for s in ont.subjects()}
    pattern = re.compile(r"\b(gk|schema|org|dcterms|prov|skos):([A-Za-z][A-Za-z0-9]*)\b")
    files = [*(ROOT / "graphkit").rglob("*.py"), *(ROOT / "ingest").rglob("*.py"), *(ROOT / "queries").rglob("*.rq")]
    missing = set()
    for path in files:
        for prefix, local in pattern.findall(path.read_text(encoding="utf-8")):
            if PREFIXES[prefix] + local not in declared:
                missing.add(f"{prefix}:{local} ({path.relative_to(ROOT)})")
    assert not missing, sorted(missing)


def test_generated_terms_module_is_current_and_closed() -> None:
    """graphkit/terms.py matches the ontology, and an undeclared name fails on first use."""
    import subprocess
    import sys

    import pytest

    from graphkit import terms

    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate-terms"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    v = vocabulary()
    assert {k for k in vars(terms.C) if not k.startswith("_")} == set(v.classes)
    assert terms.R.IN_CONJUNCTION_WITH == v.prop("inConjunctionWith").rel_type
    with pytest.raises(AttributeError):
        terms.P.startdate  # noqa: B018  (a typo of startDate)
