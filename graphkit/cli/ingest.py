"""Commands on documents: ingest, evaluate (explain is in graphkit.cli.explain).

The document ingester lives in the ``ingest`` package and is found through the entry point group
``graphkit.ingesters`` (graphkit never imports ``ingest``).
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, TextIO

import click

from graphkit.cli.build import wait_option
from graphkit.cli.output import format_option, info, progress_enabled, render, store_option
from graphkit.errors import GraphkitError, IngestError

INGEST_COLUMNS = ["file", "status", "document", "kind", "facts", "entities", "new", "held", "note"]
EVALUATE_COLUMNS = ["text", "split", "entity_p", "entity_r", "entity_f1", "relation_p", "relation_r",
                    "relation_r_all", "relation_f1", "entities", "relations"]
NER_HELP = ("Also find persons with the pretrained NER layer (spaCy's small English model, installed with "
            "graphkit): a little more recall at about 0.6-0.7x the documents a second. On by default; "
            "--no-ner runs the rules alone, and a document ingested again with the other setting is extracted "
            "again.")
RELATION_COLUMNS = ["split", "predicate", "precision", "recall", "recall_all", "found", "gold", "gold_core"]


def _ingester(name: str) -> Any:
    """The function registered as ``name`` in the entry point group ``graphkit.ingesters``."""
    found = {ep.name: ep for ep in entry_points(group="graphkit.ingesters")}
    if name not in found:
        raise GraphkitError(f"no document ingester is installed (entry point graphkit.ingesters:{name}); "
                            "reinstall graphkit")
    return found[name].load()


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@store_option
@click.option("--max-size", "max_mb", type=click.IntRange(1), default=None, metavar="MB",
              help="Refuse files larger than this many megabytes [default: 50, env GRAPHKIT_INGEST_MAX_MB].")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no per-file lines on stderr.")
@click.option("--ner/--no-ner", default=True, show_default=True, help=NER_HELP)
@wait_option
@format_option
def ingest_cmd(paths: tuple[Path, ...], store: str, max_mb: int | None, quiet: bool, ner: bool, wait: float | None,
               fmt: str, output: TextIO) -> None:
    """Extract sourced facts from documents (.txt, .md, .html, .pdf) into the store.

    PATHS are files or folders (read recursively). Each document becomes one named graph;
    an unchanged document is not written again, a changed one replaces only its own graph.
    Metadata (title, publisher, date, url, kind, id) comes from Markdown front matter or a
    NAME.meta.yaml file beside the document. Prints one line per file on stderr and a table on
    stdout; exits 1 when no file could be ingested.

    \b
    Example:
      graphkit ingest statements/ remarks.txt --store ./asean.graphkit
    """
    from graphkit.cli.derived import keep_derived
    from graphkit.store import writing

    ingest_paths = _ingester("documents")
    kwargs: dict[str, Any] = {"max_bytes": max_mb * 1024 * 1024} if max_mb else {}
    results = []
    with writing(Path(store), timeout=wait) as s:  # one writer at a time; readers use the last snapshot
        run = ingest_paths(s, list(paths), ner=ner, **kwargs)
        show_bar = progress_enabled(quiet) and len(run) > 1
        with click.progressbar(length=len(run), label="ingesting", file=sys.stderr, hidden=not show_bar) as bar:
            for result in run:
                results.append(result)
                if not quiet:
                    # on a terminal, clear the bar's line first so each file gets a line of its own
                    info(("\r\x1b[K" if show_bar else "") + result.line())
                bar.update(1)
        changes = run.finish()  # published: which graphs changed, for the refresh below
    render([r.as_row() for r in results], INGEST_COLUMNS, fmt, output)
    done = [r for r in results if r.ok]
    if done:
        # the projection, the Cypher copy and the indexes ready for the first query: only what changed
        keep_derived(Path(store), None if quiet else info, changes=changes)
    if not quiet:
        counts = {st: sum(r.status == st for r in results)
                  for st in ("added", "updated", "unchanged", "duplicate", "skipped")}
        info(", ".join(f"{n} {st}" for st, n in counts.items()) + f" ({len(results)} files)")
    if not results:
        raise IngestError("no documents found in " + ", ".join(map(str, paths)))
    if not done:
        raise IngestError(f"nothing could be ingested ({len(results)} files skipped)")


@click.command("evaluate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@store_option
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A corpus manifest (texts/ID.txt and gold/ID.json beside it) instead of PATHS.")
@click.option("--split", type=click.Choice(["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5",
                                              "heldout6", "heldout7", "heldout8", "heldout9", "heldout10",
                                              "heldout11", "heldout12", "heldout13", "heldout14",
                                              "heldout15", "heldout16", "heldout17", "heldout18", "heldout19",
                                              "heldout20", "all"]),
              default="dev", show_default=True,
              help="Which texts of the manifest to score; 'all' prints a total per split and overall.")
@click.option("--show-errors", is_flag=True, help="List missed and extra entities and relations on stderr.")
@click.option("--as-ingested", is_flag=True,
              help="Score only what `graphkit ingest` keeps: without the entities it holds back (a new meeting "
                   "with neither a date nor a number, ...) and their facts; the number held back goes to stderr.")
@click.option("--ner/--no-ner", default=True, show_default=True,
              help="Score with the pretrained NER layer, as `graphkit ingest` extracts by default; --no-ner "
                   "scores the rules alone.")
@format_option
def evaluate_cmd(paths: tuple[Path, ...], store: str, manifest: Path | None, split: str, show_errors: bool,
                 as_ingested: bool, ner: bool, fmt: str, output: TextIO) -> None:
    """Score the extractor against annotated texts: precision, recall and F1.

    With --manifest, scores a corpus in the annotation guide's JSON format (docs/ingest.md):
    entity precision/recall/F1, relation precision (core+lenient), recall on core and on
    core+lenient (relation_r_all), per text, per split and per relation. Otherwise PATHS are
    fixture texts with NAME.gold.yaml beside them (entity ids and id triples). The store gives
    the gazetteer; nothing is written. Prints the texts table, then the per-relation table
    (with --format json, one object with "texts" and "relations"). The extractor's output is
    scored as it comes; --as-ingested scores what ingest would store (it holds back what the
    shapes would refuse), the figure of what a user's store gets.

    \b
    Examples:
      graphkit evaluate --manifest tests/realtexts/manifest.yaml --split dev
      graphkit evaluate tests/fixtures/texts --store ./test.graphkit
    """
    from graphkit.store import opened

    if not paths and manifest is None:
        raise click.UsageError("give annotated PATHS or --manifest FILE")
    with opened(Path(store), read_only=True) as s:
        result = _ingester("corpus")(s, manifest if manifest is not None else list(paths), split,
                                     as_ingested=as_ingested, ner=ner)
    if as_ingested:
        info(f"held back as ingest would: {result.get('held', 0)} entities and facts (not scored)")
    if show_errors:
        for row in result["texts"]:
            for item in row["missed"]:
                info(f"{row['text']}: missed {item}")
            for item in row["extra"]:
                info(f"{row['text']}: extra  {item}")
    if fmt == "json":
        json.dump({"texts": [{c: r[c] for c in EVALUATE_COLUMNS} for r in result["texts"]],
                   "relations": result["relations"]}, output, indent=2)
        output.write("\n")
        return
    render(result["texts"], EVALUATE_COLUMNS, fmt, output)
    output.write("\n")
    render(result["relations"], RELATION_COLUMNS, fmt, output)
