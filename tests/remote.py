"""Running saved SPARQL queries against a remote SPARQL endpoint the way graphkit runs them locally."""

from __future__ import annotations

import re


def substitute(query: str, bound: dict[str, object]) -> str:
    """The query with its parameters bound the way graphkit binds them locally (SPARQL 1.1
    substitution, SEP-0007: every use of the variable becomes the value, and a projected one
    becomes ``(value AS ?var)``), since the SPARQL protocol itself has no parameters. A trailing
    VALUES block (what SPARQL clients do with initBindings) would bind the variable only after
    the subqueries that use it."""
    from graphkit.store import to_term

    for name, value in bound.items():
        term = str(to_term(value))
        var = re.compile(rf"[?$]{re.escape(name)}\b")
        seen = [0]

        def projection(m: re.Match[str], var: re.Pattern[str] = var, seen: list[int] = seen) -> str:
            # The outermost SELECT keeps the variable, bound to the value; subqueries drop it.
            listed = var.sub("\x00" if not seen[0] else "", m.group(2))
            seen[0] += 1
            return m.group(1) + listed + m.group(3)

        marked = re.sub(r"(SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?)(.*?)(\s*(?:WHERE\b|\{))", projection, query,
                        flags=re.S | re.I)
        query = var.sub(term, marked).replace("\x00", f"({term} AS ?{name})")
    return query


def short(term: object) -> str:
    """A remote value as graphkit prints it locally (IRIs under its id base as short ids)."""
    import rdflib

    from graphkit.vocab import entity_id

    if term is None:
        return ""
    return entity_id(str(term)) if isinstance(term, rdflib.URIRef) else str(term)
