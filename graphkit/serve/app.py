"""`graphkit serve`: the store over HTTP, read-only.

Three faces on one Starlette application:

* ``/sparql`` — the SPARQL 1.1 Protocol (see :mod:`graphkit.serve.sparql`);
* ``/api/...`` — JSON for the analyst's commands, the same rows ``--format json`` prints, from the
  same functions (:mod:`graphkit.api`);
* ``/`` — the web desk: search, entity pages, lineage, links and downloads (:mod:`graphkit.serve.desk`).

Every request opens the store read-only (a consistent snapshot), so the server never blocks a
``build`` or ``ingest`` and answers from the newest published data.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from graphkit.serve.sparql import answer

FORM = "application/x-www-form-urlencoded"
MAX_BODY = 1_000_000


async def _query_from(request: Request) -> tuple[str | None, str | None]:
    """(query, refusal): the query text of a protocol request, or why it is refused."""
    params = request.query_params
    if params.get("default-graph-uri") or params.get("named-graph-uri"):
        return None, ("default-graph-uri and named-graph-uri are not supported: the default graph is "
                      "the union of all named graphs; use GRAPH in the query")
    if request.method == "GET":
        return params.get("query"), None
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if len(body) > MAX_BODY:
        return None, f"request body over {MAX_BODY:,} bytes"
    if ctype == "application/sparql-update":
        return None, "this endpoint is read-only: SPARQL Update is refused"
    if ctype == "application/sparql-query":
        return body.decode("utf-8", errors="replace"), None
    if ctype == FORM:
        form = parse_qs(body.decode("utf-8", errors="replace"))
        if "update" in form:
            return None, "this endpoint is read-only: SPARQL Update is refused"
        if form.get("default-graph-uri") or form.get("named-graph-uri"):
            return None, "default-graph-uri and named-graph-uri are not supported"
        values = form.get("query") or []
        return (values[0] if len(values) == 1 else None), None
    return None, f"unsupported content type {ctype or '(none)'}: send a form or application/sparql-query"


def create_app(store_path: Path) -> Starlette:
    """The ASGI application serving one store."""

    async def sparql(request: Request) -> Response:
        query, refusal = await _query_from(request)
        if refusal:
            status = 403 if "read-only" in refusal else 400
            return PlainTextResponse(refusal + "\n", status_code=status)
        if not query:
            return PlainTextResponse("no query: pass ?query=... or POST one\n", status_code=400)
        # ?format= lets a plain browser form ask for a results type without an Accept header.
        accept = request.query_params.get("format") or request.headers.get("accept")
        result = await run_in_threadpool(answer, store_path, query, accept)
        return Response(result.body, status_code=result.status, media_type=result.media_type,
                        headers={"Vary": "Accept"})

    routes: list[BaseRoute] = [Route("/sparql", sparql, methods=["GET", "POST"])]
    from graphkit.serve import api_routes, desk

    routes += api_routes.routes(store_path)
    routes += desk.routes(store_path)
    return Starlette(routes=routes)
