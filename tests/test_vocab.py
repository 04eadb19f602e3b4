"""Every term is declared once: code, shapes, queries and records agree with the ontology."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
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


# --------------------------------------------------------------------------- bare term strings
# A term of the ontology (class key, property key, relationship type) or a string shaped like
# one (lowerCamel, UpperCamel of two or more words, CONST_CASE with an underscore) written as a
# bare string literal in graphkit/ or ingest/ is drift: code names terms through graphkit.terms
# (C.Meeting, P.startDate, R.HELD_IN, IRI.startDate) and reads term tables through graphkit.vocab.
#
# Not scanned, by design:
#   - the vocabulary layer itself: graphkit/vocab.py, graphkit/terms.py (generated);
#   - docstrings, comments and the literal parts of f-strings (prose and query text);
#   - strings naming a Python object of graphkit/ingest (``__all__``, getattr): see _python_names;
#   - environment variables (GRAPHKIT_*, NEO4J_*), XSD datatype local names;
#   - ORDINARY_WORDS: one-word keys that are also the ordinary column or English word.
VOCABULARY_LAYER = {"graphkit/vocab.py", "graphkit/terms.py"}
ORDINARY_WORDS = {"name", "year", "url", "role", "subject", "predicate", "object", "origin", "description",
                  "theme", "quote", "about", "parent", "member", "related", "extracted"}
ENV_PREFIXES = ("GRAPHKIT_", "NEO4J_")
XSD_NAMES = {"gYear", "gYearMonth", "positiveInteger", "nonNegativeInteger", "dateTime", "anyURI",
             "langString"}
TERM_SHAPE = re.compile(r"^(?:[a-z]+(?:[A-Z][a-z0-9]+)+|[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+|[A-Z]+(?:_[A-Z0-9]+)+)$")
# The documented exceptions: strings that look like terms but are not graphkit's to declare.
EXCEPTIONS: dict[str, tuple[frozenset[str] | None, str]] = {
    "ingest/evaluation.py": (None, "the annotation guide's own entity types and predicates (shared/ANNOTATION.md): "
                                   "the gold format's vocabulary, mapped to graphkit's terms there"),
    "graphkit/engines/neo4j/identity.py": (frozenset({"GraphkitNode"}),
                                           "the Neo4j marker label of the identity model, not an ontology class"),
    "graphkit/settings.py": (frozenset({"INGEST_MAX_MB"}), "the old name of a setting, kept for callers"),
    "ingest/extract/extractor.py": (frozenset({"Meeting"}),
                                    "the English head word of a meeting's name in a text, not the class"),
    "graphkit/xref.py": (frozenset({"differentFrom"}),
                         "owl:differentFrom, deliberately undeclared so it never becomes a relationship"),
    "graphkit/validate.py": (frozenset({"maxExclusive", "maxInclusive", "minExclusive", "minInclusive", "minLength",
                                        "maxLength", "nodeKind", "hasValue", "languageIn", "alternativePath",
                                        "inversePath", "oneOrMorePath", "zeroOrMorePath", "zeroOrOnePath",
                                        "lessThan", "lessThanOrEquals", "MemoizingShape"}),
                             "SHACL's own vocabulary (sh: local names of constraints and paths), which the "
                             "validator reads in the shapes, and the name of a pySHACL shape subclass"),
    "ingest/gazetteer.py": (frozenset({"holds"}), "the Gazetteer attribute `holds` saved as a table of its own"),
    "ingest/extract/learned.py": (frozenset({"CHAIRED_BY", "HELD_IN", "HELD_ON", "HOLDS_POST", "MEMBER_OF", "SPOKE_AT",
                                             "holds"}),
                                  "the annotation guide's predicates the relation layer is trained on (its labels, "
                                  "as `graphkit evaluate` maps the extractor's facts), and the English cue word "
                                  "'holds'"),
    "ingest/extract/learned_entities.py": (frozenset({"Body", "City", "Country", "Document", "Meeting", "Person",
                                                      "Post", "Topic", "honorific", "ordinal"}),
                                           "the annotation guide's entity types the tagger is trained on (its "
                                           "labels), and the names of two of its word features"),
}


def _code_files() -> list[str]:
    files = [*(ROOT / "graphkit").rglob("*.py"), *(ROOT / "ingest").rglob("*.py")]
    return sorted(str(p.relative_to(ROOT)) for p in files if str(p.relative_to(ROOT)) not in VOCABULARY_LAYER)


def _python_names() -> set[str]:
    """Names of classes, functions and module constants defined or imported in graphkit/ingest."""
    import ast

    names: set[str] = set()
    for rel in _code_files():
        for node in ast.walk(ast.parse((ROOT / rel).read_text(encoding="utf-8"))):
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.alias):
                names.add(node.asname or node.name.rsplit(".", 1)[-1])
    return names


def bare_terms(source: str, python_names: set[str]) -> list[tuple[int, str]]:
    """(line, string) of every term-like string literal in a Python source (see the list above)."""
    import ast

    v = vocabulary()
    declared = set(v.classes) | set(v.properties) | {p.rel_type for p in v.properties.values() if p.is_object}
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body \
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))
        if isinstance(node, ast.JoinedStr):
            skip.update(id(x) for x in node.values)
    hits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in skip:
            continue
        s = node.value
        if s in ORDINARY_WORDS or s in XSD_NAMES or s.startswith(ENV_PREFIXES):
            continue
        if s in declared or (TERM_SHAPE.match(s) and s not in python_names):
            hits.append((node.lineno, s))
    return sorted(hits)


def test_the_bare_term_scan_catches_declared_and_term_shaped_strings() -> None:
    source = 'X = "startDate"\nY = "HELD_INN"\nZ = "MemberStat"\nW = "name"\n"""A docstring naming Meeting."""\n'
    assert [s for _, s in bare_terms(source, set())] == ["startDate", "HELD_INN", "MemberStat"]
    assert bare_terms('from graphkit.terms import P\nX = P.startDate\nf"{P.startDate}Precision"\n', set()) == []


@pytest.mark.parametrize("rel", _code_files())
def test_no_bare_term_strings(rel: str) -> None:
    """Outside the vocabulary layer, code names terms through graphkit.terms; the only term-like
    strings left are the documented exceptions above."""
    hits = bare_terms((ROOT / rel).read_text(encoding="utf-8"), _cached_python_names())
    allowed, _why = EXCEPTIONS.get(rel, (frozenset(), ""))
    left = [h for h in hits if allowed is not None and h[1] not in allowed]
    assert not left, f"{rel}: bare term strings (use graphkit.terms C/P/R/IRI): {left[:12]}"


_NAMES: set[str] = set()


def _cached_python_names() -> set[str]:
    if not _NAMES:
        _NAMES.update(_python_names())
    return _NAMES


@pytest.mark.parametrize(("text", "slug"), [
    ("Lao PDR", "lao-pdr"),
    ("Hà Nội", "ha-noi"),                                                   # accents go
    ("Remarks by Đỗ Hùng Việt", "remarks-by-do-hung-viet"),                 # was "remarks-by-o-hung-viet"
    ("Øresund Straße, Łódź", "oresund-strasse-lodz"),                       # was "resund-strae-odz"
    ("Chairman’s Statement of the 46th ASEAN Summit", "chairmans-statement-of-the-46th-asean-summit"),
    ("ประชุม ASEAN", "asean"),                                              # other scripts are dropped, as before
])
def test_slugify_writes_every_latin_letter_in_ascii(text: str, slug: str) -> None:
    """An id minted from a name keeps the name's letters: a Latin letter without a separable accent
    ("Đ", "Ø", "ß", "Ł") is written in ASCII instead of being dropped, while punctuation (the curly
    apostrophe too) is dropped as before, so ids without such letters stay what they were."""
    from graphkit.vocab import slugify

    assert slugify(text) == slug
