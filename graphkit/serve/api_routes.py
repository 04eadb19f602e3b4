"""``/api``: the analyst's commands as JSON, the same rows ``--format json`` prints.

=====================================  ==========================================================
GET /api/lookup?q=NAME                 the entities a name may mean (best first)
GET /api/show?name=NAME                one page about an entity (`graphkit show`)
GET /api/search?q=TEXT[&limit=N]       names and sentences (`graphkit search`)
GET /api/links?name=NAME[&depth=N]     an entity's links (`graphkit links`)
GET /api/trace?name=NAME[&back=1]      lineage forward or back (`graphkit trace`); or ?topic=TOPIC
GET /api/paths?from=A&to=B             shortest paths with sources (`graphkit paths`)
GET /api/queries                       the saved queries
GET /api/query/NAME?param=value        a saved query's rows, entity parameters by name
=====================================  ==========================================================

A name that matches nothing answers 404 and one that matches several entities about equally
answers 300, both with the candidates; a bad parameter answers 400.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from graphkit.errors import EntityNotFoundError, GraphkitError, QueryError, StoreError


def _int(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise QueryError(f"{name} must be a whole number, got {raw!r}") from None
    if not low <= value <= high:
        raise QueryError(f"{name} must be between {low} and {high}, got {value}")
    return value


def _year(request: Request, name: str) -> int | None:
    return _int(request, name, 0, 1900, 2200) or None if request.query_params.get(name) else None


def _required(request: Request, name: str) -> str:
    value = request.query_params.get(name, "").strip()
    if not value:
        raise QueryError(f"give ?{name}=...")
    return value


def error_response(exc: GraphkitError) -> JSONResponse:
    """A library error as JSON: 404/300 with candidates for names, 400 for bad input, 500 else."""
    if isinstance(exc, EntityNotFoundError):
        rows = getattr(exc, "rows", None) or []
        status = 300 if rows and "names" in str(exc) else 404
        return JSONResponse({"error": str(exc), "candidates": rows, "suggestions": exc.suggestions},
                            status_code=status)
    if isinstance(exc, StoreError):
        return JSONResponse({"error": str(exc)}, status_code=500)
    return JSONResponse({"error": str(exc)}, status_code=400)


def _endpoint(work: Callable[[Any, Request], Any], store_path: Path) -> Callable[[Request], Any]:
    async def handle(request: Request) -> Response:
        from graphkit.api import GraphkitStore

        try:
            data = await run_in_threadpool(work, GraphkitStore(store_path), request)
        except GraphkitError as exc:
            return error_response(exc)
        return JSONResponse(data)

    return handle


def _lookup(g: Any, r: Request) -> Any:
    return g.lookup(_required(r, "q")).rows()


def _show(g: Any, r: Request) -> Any:
    return g.show(_required(r, "name"))


def _search(g: Any, r: Request) -> Any:
    return g.search(_required(r, "q"), limit=_int(r, "limit", 20, 1, 500))


def _links(g: Any, r: Request) -> Any:
    entity, rows = g.links(_required(r, "name"), depth=_int(r, "depth", 1, 1, 4))
    return {"entity": entity, "links": rows}


def _trace(g: Any, r: Request) -> Any:
    topic = r.query_params.get("topic") or None
    name = None if topic else _required(r, "name")
    back = r.query_params.get("back", "") in ("1", "true", "yes")
    trace = g.trace(name, topic=topic, back=back, from_year=_year(r, "from"), to_year=_year(r, "to"),
                    depth=_int(r, "depth", 6, 1, 12))
    return {"mode": trace.mode, "subject": trace.subject, "steps": trace.rows()}


def _paths(g: Any, r: Request) -> Any:
    return g.paths(_required(r, "from"), _required(r, "to"), limit=_int(r, "limit", 5, 1, 50))


def _queries(g: Any, r: Request) -> Any:
    from graphkit.queries import describe_parameters, load_catalogue

    return [{"name": q.name, "language": q.language, "description": q.description,
             "parameters": describe_parameters(q)} for q in load_catalogue().values()]


def _query(g: Any, r: Request) -> Any:
    from graphkit.api import query_rows

    params = dict(r.query_params.items())
    columns, rows = query_rows(g, r.path_params["name"], params)
    return {"columns": columns, "rows": rows}


def routes(store_path: Path) -> list[BaseRoute]:
    """The ``/api`` routes for one store."""
    table: dict[str, Callable[[Any, Request], Any]] = {
        "/api/lookup": _lookup, "/api/show": _show, "/api/search": _search, "/api/links": _links,
        "/api/trace": _trace, "/api/paths": _paths, "/api/queries": _queries, "/api/query/{name}": _query,
    }
    return [Route(path, _endpoint(work, store_path), methods=["GET"]) for path, work in table.items()]
