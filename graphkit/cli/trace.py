"""`graphkit trace`: follow a policy document, or a topic, through meetings and documents in time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, TextIO

import click

from graphkit.cli.options import as_of_option, engine_options, format_option, store_option
from graphkit.cli.output import info, render, render_candidates
from graphkit.terms import C

DOCUMENT_COLUMNS = {
    "table": ["step", "date", "name", "kind", "place", "relation", "previous", "sources"],
    "csv": ["step", "date", "name", "kind", "key", "place", "at", "relation", "previous", "body",
            "series_previous", "adopted", "sources", "evidence"],
    "json": ["step", "date", "name", "kind", "key", "place", "at", "relation", "previous", "body",
             "series_previous", "chairs", "adopted", "sources", "evidence", "links"],
}
TOPIC_COLUMNS = {
    "table": ["step", "date", "name", "kind", "place", "topics", "speakers", "adopted", "sources"],
    "csv": ["step", "date", "name", "kind", "key", "place", "at", "topics", "speakers", "chairs", "adopted",
            "sources", "evidence"],
    "json": ["step", "date", "name", "kind", "key", "place", "at", "relation", "previous", "topics", "speakers",
             "chairs", "adopted", "sources", "evidence"],
}
BACK_COLUMNS = {fmt: [("leads_to" if c == "previous" else c) for c in cols] for fmt, cols in DOCUMENT_COLUMNS.items()}
YEAR = click.IntRange(1900, 2200)


@click.command("trace")
@click.argument("name", required=False)
@click.option("--topic", help="Trace a topic (and narrower topics) instead of a document.")
@click.option("--back", is_flag=True,
              help="What led to NAME: follow the lineage backwards (succeeds, informed by, reviews, adopted at).")
@click.option("--from", "from_year", type=YEAR, help="List steps from this year on (inclusive).")
@click.option("--to", "to_year", type=YEAR, help="List steps up to this year (inclusive); later ones are not followed.")
@click.option("--depth", type=click.IntRange(1, 12), default=6, show_default=True,
              help="Most links between the document and a step.")
@click.option("--plot", "plot_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw the timeline to this .png or .svg file.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a self-contained interactive timeline (click a mark for its sources).")
@as_of_option
@store_option
@engine_options
@format_option
def trace_cmd(name: str | None, topic: str | None, back: bool, from_year: int | None, to_year: int | None,
              depth: int, plot_file: Path | None, html_file: Path | None, as_of: dt.date | None, store: str,
              engine: str, uri: str | None, user: str | None, password: str | None, database: str | None, fmt: str,
              output: TextIO) -> None:
    """Trace a policy document forward in time, or a topic across meetings and documents.

    NAME is a document or meeting (names resolve like `graphkit links`: aliases, acronyms,
    misspellings, keys); a topic name traces the topic. Each step has its date, place, the
    relation that links it to an earlier step and the sources (and evidence sentences) for it.
    The timeline picture spans 2024-2045, widened to cover every step.

    \b
    Examples:
      graphkit trace "APSC Blueprint 2025" --to 2045
      graphkit trace "APSC Blueprint 2025" --to 2045 --format json --plot lineage.png
      graphkit trace --topic "trafficking in persons" --from 2024 --to 2045
      graphkit trace --topic "human trafficking" --html tip.html
      graphkit trace --back "ASEAN Community Vision 2045"
      graphkit trace "APSC Blueprint 2025" --as-of 2020-01-01
    """
    from graphkit.lineage import find_start, trace_back, trace_document, trace_topic

    if (name is None) == (topic is None):
        raise click.UsageError("give a document NAME or --topic TOPIC (one of them)")
    if back and topic:
        raise click.UsageError("--back traces a document or meeting, not a --topic")
    if from_year is not None and to_year is not None and from_year > to_year:
        raise click.BadParameter(f"--from {from_year} is after --to {to_year}", param_hint="--from")
    text = str(topic or name)
    from graphkit.engines import open_engine

    eng = open_engine(engine, store, as_of=as_of, uri=uri, user=user, password=password, database=database)
    try:
        match = find_start(eng, text, "topic" if topic else "any")
        if match.best is None:
            render_candidates(match.rows(), text, fmt, output)
        best = match.best.row
        if best.get("kind") == C.Topic:
            if back:
                raise click.UsageError(f"--back traces a document or meeting; {best.get('name')!r} is a topic")
            trace = trace_topic(eng, best, from_year=from_year, to_year=to_year)
        elif back:
            trace = trace_back(eng, best, from_year=from_year, to_year=to_year, max_depth=depth)
        else:
            trace = trace_document(eng, best, from_year=from_year, to_year=to_year, max_depth=depth)
    finally:
        eng.close()
    _summary(trace)
    table = {"topic": TOPIC_COLUMNS, "back": BACK_COLUMNS}.get(trace.mode, DOCUMENT_COLUMNS)
    columns = table.get(fmt, table["table"])
    render(trace.rows(), columns, fmt, output)
    if plot_file is not None:
        from graphkit.plot import plot_trace

        plot_trace(trace, plot_file)
        info(f"wrote {plot_file}")
    if html_file is not None:
        from graphkit.plot import write_html

        with open(html_file, "w", encoding="utf-8") as handle:
            write_html(trace, handle)
        info(f"wrote {html_file}")


def _summary(trace: Any) -> None:
    s = trace.subject
    window = ""
    if trace.from_year or trace.to_year:
        window = f" ({trace.from_year or '…'}-{trace.to_year or '…'})"
    if trace.mode == "topic":
        under = (f"narrower topics included: {', '.join(trace.topics[1:])}" if len(trace.topics) > 1
                 else "it has no narrower topics")
        info(f"{s.get('name')} ({s.get('key')}; {under}): {len(trace.steps)} meetings and documents that "
             f"addressed or mentioned it{window} (the saved query lineage_topic gives the same)")
    elif trace.mode == "back":
        info(f"what led to {s.get('name')} ({s.get('kind')}, {s.get('key')}): {len(trace.steps) - 1} steps{window}")
    else:
        info(f"{s.get('name')} ({s.get('kind')}, {s.get('key')}): {len(trace.steps) - 1} steps{window}")
    if trace.left_out:
        info(f"{trace.left_out} more outside the years asked for")
