"""`graphkit serve`: the store over HTTP (SPARQL endpoint, JSON API, web desk), read-only."""

from __future__ import annotations

import click

from graphkit.cli.options import store_option
from graphkit.errors import GraphkitError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command("serve")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the store to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port.")
def serve_cmd(store: str, host: str, port: int) -> None:
    """Serve the store read-only: a SPARQL 1.1 endpoint, a JSON API and a web desk.

    \b
    Example:
      graphkit serve --port 8000
      open http://127.0.0.1:8000/                 # the web desk
      curl 'http://127.0.0.1:8000/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D'
      curl 'http://127.0.0.1:8000/api/lookup?q=APSC'

    Queries run under the same rules as `graphkit sparql` and `graphkit query`: no SERVICE, no
    writes, a time limit and a row limit (GRAPHKIT_QUERY_TIMEOUT, GRAPHKIT_QUERY_MAX_ROWS).
    """
    import uvicorn

    from graphkit.serve.app import create_app
    from graphkit.settings import store_path
    from graphkit.store import store_exists

    path = store_path(store)
    if not store_exists(path):
        raise GraphkitError(f"no store at {path}: run `graphkit build` first")
    if host not in LOOPBACK:
        click.echo(f"warning: listening on {host}: anyone who reaches this address can read the store", err=True)
    click.echo(f"serving {path} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(create_app(path), host=host, port=port, log_level="warning", access_log=False)
