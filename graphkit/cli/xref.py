"""`graphkit xref`: candidate duplicates, and the analyst's same / different / unsure decisions."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import click

from graphkit.cli.options import format_option, store_option
from graphkit.cli.output import info, nothing_found, render

DECISION_COLUMNS = ["verdict", "left", "right", "source", "decided", "note", "file"]


@click.command("xref")
@store_option
@click.option("--records", "records", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Your records folder: decisions are kept in its decisions.xref (and `graphkit build "
                   "--records DIR` applies them).")
@click.option("--decisions", "decisions", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The decisions file itself (instead of DIR/decisions.xref); keep it in a records folder.")
@click.option("--same", "same", nargs=2, metavar="A B", default=None, help="Record that A and B are one entity.")
@click.option("--different", "different", nargs=2, metavar="A B", default=None,
              help="Record that A and B are two entities (xref stops listing them).")
@click.option("--unsure", "unsure", nargs=2, metavar="A B", default=None,
              help="Record that you looked and could not tell (xref stops listing them).")
@click.option("--forget", "forget_pair", nargs=2, metavar="A B", default=None,
              help="Remove the decision about A and B (a merge splits again on the next build).")
@click.option("--source", "source", default=None, metavar="URL",
              help="The public address that justifies the decision (required with --same/--different/--unsure).")
@click.option("--note", default="", help="A short note kept with the decision.")
@click.option("--min-score", type=click.FloatRange(0, 100), default=70, show_default=True,
              help="List pairs scoring at least this much.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only entities of this kind (Person, Meeting, Document, Body ...; repeatable).")
@click.option("--all", "include_decided", is_flag=True, help="Also list pairs that already have a decision.")
@format_option
def xref_cmd(store: str, records: Path | None, decisions: Path | None, same: tuple[str, str] | None,
             different: tuple[str, str] | None, unsure: tuple[str, str] | None,
             forget_pair: tuple[str, str] | None, source: str | None, note: str, min_score: float,
             kinds: tuple[str, ...], include_decided: bool, fmt: str, output: TextIO) -> None:
    """List likely duplicate entities, or record a decision about two of them.

    Without a decision option, lists candidate pairs across the whole graph (curated and
    extracted), best first, with a score, the evidence and both sides' sources; exit 3 when there
    are none. A decision (A and B are ids or names) is written to the decisions file in your
    records folder; the next `graphkit build --records DIR` merges (--same) the two into one node
    for Cypher, Neo4j and exports, keeping every source's statements. Removing the decision
    (--forget) splits them again on the next build. See docs/resolution.md.

    \b
    Examples:
      graphkit xref --kind Person
      graphkit xref --records my-records --same person/khaled-nordin person/mohamed-khaled-nordin \\
          --source https://www.example.org/profile
      graphkit build --records my-records
      graphkit xref --records my-records --forget person/khaled-nordin person/mohamed-khaled-nordin
    """
    from graphkit import xref
    from graphkit.store import opened

    chosen = [(v, pair) for v, pair in (("same", same), ("different", different), ("unsure", unsure),
                                         ("forget", forget_pair)) if pair]
    if len(chosen) > 1:
        raise click.UsageError("give one of --same, --different, --unsure, --forget")
    path = xref.decisions_path(records, decisions)
    if not chosen:
        with opened(Path(store), read_only=True) as s:
            rows = xref.review(s, path, min_score, kinds or None, include_decided)
        if not rows:
            nothing_found(f"no candidate duplicates scoring {min_score:g} or more")
        render(rows, xref.CANDIDATE_COLUMNS, fmt, output)
        info(f"{len(rows)} candidate pairs" + (f" (decisions: {path})" if path else ""))
        return
    verdict, (left, right) = chosen[0]
    if path is None:
        raise click.UsageError("give --records DIR (your records folder) or --decisions FILE to record decisions")
    with opened(Path(store), read_only=True) as s:
        if verdict == "forget":
            d = xref.forget(s, path, left, right)
            info(f"removed the decision about {d.left} and {d.right} from {path}; the next build splits them")
        else:
            if not source:
                raise click.UsageError(f"--{verdict} needs --source URL (the address that justifies it)")
            d = xref.decide(s, path, verdict, left, right, source, note)  # type: ignore[arg-type]
            info(f"recorded in {path}; run `graphkit build --records {path.parent}` to apply it")
    render([{"verdict": d.verdict, "left": d.left, "right": d.right, "source": d.source, "decided": d.decided,
             "note": d.note, "file": str(path)}], DECISION_COLUMNS, fmt, output)
