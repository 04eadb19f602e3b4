"""The `graphkit` command: one click group; commands load lazily so lookups start fast.

Exit codes are mapped here and nowhere else: 0 ok, 1 a GraphkitError, 2 usage (click),
3 a lookup found nothing, 4 validation found problems.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import Any

import click

from graphkit import __version__
from graphkit.errors import EntityNotFoundError, GraphkitError

# command name -> "module:function" under graphkit.cli; imported only when used or listed in help.
COMMANDS = {
    "build": "build:build_cmd",
    "validate": "build:validate_cmd",
    "stats": "build:stats_cmd",
    "sparql": "build:sparql_cmd",
    "ingest": "ingest:ingest_cmd",
    "explain": "explain:explain_cmd",
    "xref": "xref:xref_cmd",
    "evaluate": "ingest:evaluate_cmd",
    "queries": "query:queries_cmd",
    "query": "query:query_cmd",
    "links": "query:links_cmd",
    "trace": "trace:trace_cmd",
    "export": "export:export_cmd",
    "push": "neo4j:push_cmd",
    "paths": "paths:paths_cmd",
    "show": "show:show_cmd",
    "search": "search:search_cmd",
    "documents": "documents:documents_cmd",
    "forget": "documents:forget_cmd",
    "diff": "release:diff_cmd",
    "release": "release:release_cmd",
    "serve": "serve:serve_cmd",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, target in COMMANDS.items() if _available(target))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None or not _available(target):
            return None
        module, attr = target.split(":")
        cmd = getattr(importlib.import_module(f"graphkit.cli.{module}"), attr)
        assert isinstance(cmd, click.Command)
        return cmd

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; expected errors become one line on stderr and an exit code."""
        try:
            return super().invoke(ctx)
        except EntityNotFoundError as exc:
            click.echo(f"not found: {exc}", err=True)
            if exc.suggestions:
                click.echo("did you mean: " + "; ".join(exc.suggestions), err=True)
            ctx.exit(exc.exit_code)
        except GraphkitError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            _silence_stdout()
            sys.stderr.close()
            ctx.exit(1)
        except UnicodeDecodeError as exc:  # an input file that is not UTF-8 text, read by a command
            click.echo(f"error: input is not UTF-8 text (byte {exc.object[exc.start]:#04x} at offset {exc.start})",
                       err=True)
            ctx.exit(1)
        except OSError as exc:  # the output refused: a full disk or stdout (/dev/full), a closed terminal
            if exc.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EPIPE):
                raise
            _silence_stdout()
            click.echo(f"error: cannot write the output: {exc.strerror}", err=True)
            ctx.exit(1)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of unwritable data is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _available(target: str) -> bool:
    from importlib.util import find_spec

    return find_spec(f"graphkit.cli.{target.split(':')[0]}") is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
def cli() -> None:
    """graphkit: a knowledge graph of ASEAN policy documents and institutions.

    \b
    Start with:
      graphkit build              # curated records -> the store in ./.graphkit
      graphkit stats              # what is in it
      graphkit validate           # SHACL and series checks
    Data goes to stdout, messages to stderr; every data command takes --format table|json|csv.
    """


def main(argv: list[str] | None = None) -> None:
    """Run the CLI (console script entry point)."""
    cli.main(args=argv, prog_name="graphkit")
