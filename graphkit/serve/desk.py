"""The web desk: search, entity pages, lineage, links and downloads, as server-rendered HTML.

Pages are rendered from the same data ``/api`` returns (:mod:`graphkit.api`), with Jinja2
templates shipped in the package (autoescaped); the only script is the lineage view's own
inline one, so the desk needs no network at run time.

=================================  =============================================================
/?q=TEXT                           search hits: entities and sentences
/e/KEY                             an entity's page (``/e/meeting/apsc-council-29``)
/go?name=NAME                      resolve a name and go to its page (or list the candidates)
/trace?name=NAME[&back=1]          the interactive lineage view (or ?topic=TOPIC)
/links?name=NAME[&depth=2]         an entity's links as a table
/download/FORMAT?around=KEY        GEXF, GraphML or Turtle of an entity's neighbourhood
/sparql-form                       a query form for the /sparql endpoint
=================================  =============================================================
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from graphkit.errors import EntityNotFoundError, GraphkitError

DOWNLOADS = [("gexf", "GEXF (Gephi)"), ("graphml", "GraphML"), ("turtle", "Turtle")]
MEDIA = {"gexf": "application/gexf+xml", "graphml": "application/graphml+xml", "turtle": "text/turtle"}
SUFFIX = {"gexf": ".gexf", "graphml": ".graphml", "turtle": ".ttl"}


def entity_url(key: str) -> str:
    """The desk page of an entity key (ids keep their slashes; other characters are quoted)."""
    return "/e/" + quote(key or "", safe="/:")


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_show(v) for v in value)
    return str(value)


def environment() -> Environment:
    """The Jinja2 environment with the desk's templates and helpers."""
    env = Environment(loader=PackageLoader("graphkit.serve", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.globals.update(entity_url=entity_url, show=_show)
    return env


def link_groups(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An entity's links grouped by relationship and direction, titled for a reader."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for link in links:
        groups.setdefault((link["relationship"], link["direction"]), []).append(link)
    out = []
    for (rel, direction), rows in sorted(groups.items()):
        words = rel.replace("_", " ").lower()
        title = f"{words} →" if direction == "out" else f"← {words}"
        out.append({"relationship": rel, "direction": direction, "title": title, "rows": rows})
    return out


def timeline_svg(moments: list[dict[str, Any]]) -> str:
    """A small horizontal timeline: one mark per dated moment, labelled, in date order."""
    dated = sorted((m for m in moments if m.get("date")), key=lambda m: str(m["date"]))
    if not dated:
        return ""
    years = [int(str(m["date"])[:4]) for m in dated]
    low, high = min(years), max(years) + 1
    width, row = 760, 22
    height = 40 + row * len(dated)

    def x(date: str) -> float:
        year = int(date[:4])
        month = int(date[5:7]) if len(date) >= 7 else 1
        return 20 + (width - 40) * ((year - low) + (month - 1) / 12) / max(high - low, 1)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="timeline">',
             f'<line x1="20" y1="20" x2="{width - 20}" y2="20" stroke="#5b6776"/>',
             f'<text x="20" y="14" font-size="11" fill="#5b6776">{low}</text>',
             f'<text x="{width - 20}" y="14" font-size="11" fill="#5b6776" text-anchor="end">{high}</text>']
    for i, m in enumerate(dated):
        cx = x(str(m["date"]))
        y = 40 + row * i
        label = html.escape(f"{m['date']} · {m.get('name', '')}")
        anchor = "end" if cx > width * 0.6 else "start"
        dx = -8 if anchor == "end" else 8
        parts.append(f'<line x1="{cx:.1f}" y1="20" x2="{cx:.1f}" y2="{y - 4}" stroke="#d8dee6"/>')
        parts.append(f'<circle cx="{cx:.1f}" cy="{y - 4}" r="4" fill="#1f5f9e"/>')
        parts.append(f'<text x="{cx + dx:.1f}" y="{y}" font-size="12" text-anchor="{anchor}">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)


def routes(store_path: Path) -> list[BaseRoute]:
    """The desk's routes for one store."""
    from graphkit.api import GraphkitStore

    env = environment()
    g = GraphkitStore(store_path)

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=status)

    def failure(exc: GraphkitError, title: str) -> HTMLResponse:
        rows = getattr(exc, "rows", None) or []
        status = 404 if isinstance(exc, EntityNotFoundError) else 400
        return page("message.html", status, title=title, message=str(exc), candidates=rows)

    async def run(work: Callable[[], Any]) -> Any:
        return await run_in_threadpool(work)

    async def home(request: Request) -> Response:
        q = request.query_params.get("q", "").strip()
        if not q:
            return page("home.html", q="")
        try:
            hits = await run(lambda: g.search(q, limit=60))
        except GraphkitError as exc:
            return page("home.html", q=q, error=str(exc), hits=[])
        return page("home.html", q=q, hits=hits, names=[h for h in hits if h["what"] == "name"],
                    sentences=[h for h in hits if h["what"] == "sentence"])

    async def entity(request: Request) -> Response:
        key = request.path_params["key"]
        try:
            data = await run(lambda: g.show(key))
        except GraphkitError as exc:
            return failure(exc, key)
        numbers = {s: i for i, s in enumerate(data["sources"], 1)}
        return page("entity.html", page=data, groups=link_groups(data["links"]), source_number=numbers,
                    timeline_svg=timeline_svg(data["timeline"]), downloads=DOWNLOADS, q="")

    async def go(request: Request) -> Response:
        name = request.query_params.get("name", "").strip()
        try:
            found = await run(lambda: g.lookup(name))
        except GraphkitError as exc:
            return failure(exc, name)
        if found.best is None:
            return page("message.html", 404 if not found.candidates else 300, title=name,
                        message=f"{name!r} names {len(found.candidates)} entities" if found.candidates
                        else f"nothing is called {name!r}", candidates=found.rows())
        return RedirectResponse(entity_url(found.best.key), status_code=303)

    async def trace(request: Request) -> Response:
        params = request.query_params
        topic = params.get("topic") or None
        name = None if topic else params.get("name", "")
        back = params.get("back", "") in ("1", "true", "yes")
        try:
            result = await run(lambda: g.trace(name, topic=topic, back=back))
        except GraphkitError as exc:
            return failure(exc, str(topic or name))
        from graphkit.plot import write_html

        buf = io.StringIO()
        write_html(result, buf)
        return HTMLResponse(buf.getvalue())

    async def links(request: Request) -> Response:
        name = request.query_params.get("name", "")
        try:
            depth = max(1, min(4, int(request.query_params.get("depth", "1"))))
            entity_row, rows = await run(lambda: g.links(name, depth=depth))
        except ValueError:
            return page("message.html", 400, title=name, message="depth must be 1 to 4", candidates=[])
        except GraphkitError as exc:
            return failure(exc, name)
        columns = ["relationship", "direction", "name", "kind", "date", "sources"]
        return page("table.html", title=f"Links of {entity_row.get('name')}", columns=columns, rows=rows,
                    linked={"name": "key"}, note=f"{len(rows)} links, {depth} hop(s)")

    async def download(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in MEDIA:
            return page("message.html", 404, title=fmt, message=f"no download as {fmt}", candidates=[])
        around = request.query_params.get("around", "")
        try:
            depth = max(1, min(4, int(request.query_params.get("depth", "1"))))
        except ValueError:
            depth = 1

        def work() -> bytes:
            from graphkit.export import Filters, check_filters, export

            buf = io.BytesIO()
            with g.rdf() as store:
                export(store, fmt, buf, check_filters(Filters(around=around or None, depth=depth)))
            return buf.getvalue()

        try:
            body = await run(work)
        except GraphkitError as exc:
            return failure(exc, around)
        name = (around.replace("/", "-") or "graph") + SUFFIX[fmt]
        return Response(body, media_type=MEDIA[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})

    async def sparql_form(request: Request) -> Response:
        return page("sparql.html", q="")

    return [
        Route("/", home, methods=["GET"]),
        Route("/e/{key:path}", entity, methods=["GET"]),
        Route("/go", go, methods=["GET"]),
        Route("/trace", trace, methods=["GET"]),
        Route("/links", links, methods=["GET"]),
        Route("/download/{fmt}", download, methods=["GET"]),
        Route("/sparql-form", sparql_form, methods=["GET"]),
    ]
