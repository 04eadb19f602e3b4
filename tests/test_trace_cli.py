"""`graphkit trace` as a user meets it: formats, names, windows, pictures, saved lineage queries, exit codes.

Most tests run on the lineage records fixture; the last ones run the issue's example end to end on
the shipped records after ingesting the 29th APSC Council opening remarks (skipped while
`graphkit ingest` is not available).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import COMMANDS, _available, cli
from graphkit.queries import load_catalogue

FIXTURES = Path(__file__).parent / "fixtures"
REMARKS = [FIXTURES / "texts" / "apsc29-opening-remarks.txt",
           Path(__file__).resolve().parents[2] / "shared" / "corpus" / "apsc29-opening-remarks.txt"]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("trace") / "store"
    result = run("build", "--store", str(path), "--records", str(FIXTURES / "lineage"), "--no-shipped")
    assert result.exit_code == 0, result.output
    return str(path)


def trace_json(store: str, *args: str) -> list[dict]:
    result = run("trace", *args, "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ------------------------------------------------------------------------------- data on stdout

def test_json_lists_the_chain_with_dates_places_relations_and_sources(store: str) -> None:
    rows = trace_json(store, "EP Blueprint 2025", "--to", "2045")
    assert [r["step"] for r in rows] == list(range(1, len(rows) + 1))
    by_key = {r["key"]: r for r in rows}
    c8 = by_key["meeting/council-8"]
    assert {k: c8[k] for k in ("date", "place", "relation", "previous")} == {
        "date": "2024-10-08", "place": "Vientiane", "relation": "reviews",
        "previous": "Example Political Blueprint 2025"}
    assert by_key["meeting/summit-3"]["relation"] == "adopted"
    assert all(r["sources"] for r in rows)
    assert "document/plan-2065" not in by_key
    assert {lk["relation"] for lk in by_key["document/plan-2045"]["links"]} >= {"succeeds", "informs", "implements"}


def test_messages_go_to_stderr(store: str) -> None:
    result = run("trace", "EP Blueprint 2025", "--store", store, "--format", "json")
    assert "Example Political Blueprint 2025 (Blueprint, document/plan-2025)" in result.stderr
    json.loads(result.stdout)


def test_table_and_csv(store: str) -> None:
    table = run("trace", "EP Blueprint 2025", "--to", "2045", "--store", store)
    assert table.exit_code == 0
    header = table.stdout.splitlines()[0].split()
    assert header == ["step", "date", "name", "kind", "place", "relation", "previous", "sources"]
    out = run("trace", "EP Blueprint 2025", "--to", "2045", "--store", store, "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["relation"] == "start" and rows[0]["key"] == "document/plan-2025"
    assert any(r["series_previous"] == "7th Example Political Council Meeting" for r in rows)


def test_from_and_to_bound_the_years(store: str) -> None:
    rows = trace_json(store, "EP Blueprint 2025", "--from", "2024", "--to", "2045")
    dates = [r["date"] for r in rows[1:] if r["date"]]
    assert dates and all("2024" <= d[:4] <= "2045" for d in dates)
    assert rows[0]["relation"] == "start"
    result = run("trace", "EP Blueprint 2025", "--from", "2030", "--to", "2020", "--store", store)
    assert result.exit_code == 2


def test_topic_trace(store: str) -> None:
    rows = trace_json(store, "--topic", "trafficking in persons", "--from", "2024")
    assert [r["key"] for r in rows] == ["meeting/council-9", "document/remarks-9"]
    assert rows[0]["speakers"] == ["Ben Speaker"] and rows[0]["chairs"] == ["Anna Chair"]
    assert rows[1]["topics"] == ["forced labour"]


def test_a_topic_name_without_the_option_traces_the_topic(store: str) -> None:
    rows = trace_json(store, "human trafficking")
    assert "meeting/council-9" in [r["key"] for r in rows] and "topics" in rows[0]


# ------------------------------------------------------------------------------- names and exit codes

def test_misspelt_names_resolve(store: str) -> None:
    assert trace_json(store, "Example Politcal Blueprint 2025")[0]["key"] == "document/plan-2025"


def test_nothing_found_exits_3_with_suggestions(store: str) -> None:
    result = run("trace", "Zzyzx Qwerty Declaration", "--store", store)
    assert result.exit_code == 3
    result = run("trace", "--topic", "zzzz qqqq", "--store", store)
    assert result.exit_code == 3


def test_usage_errors_exit_2(store: str) -> None:
    assert run("trace", "--store", store).exit_code == 2
    assert run("trace", "EP Blueprint 2025", "--topic", "scams", "--store", store).exit_code == 2


def test_a_missing_store_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    from graphkit.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["trace", "anything", "--store", str(tmp_path / "none")])
    assert exc.value.code == 1


def test_help_has_an_example() -> None:
    result = run("trace", "--help")
    assert result.exit_code == 0 and "graphkit trace" in result.output and "--plot" in result.output
    assert COMMANDS["trace"] == "trace:trace_cmd" and _available(COMMANDS["trace"])


# ------------------------------------------------------------------------------- pictures

def test_plot_png_and_svg(store: str, tmp_path: Path) -> None:
    png, svg = tmp_path / "lineage.png", tmp_path / "lineage.svg"
    result = run("trace", "EP Blueprint 2025", "--to", "2045", "--store", store, "--plot", str(png))
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"wrote {png}" in result.stderr
    assert run("trace", "--topic", "trafficking in persons", "--store", store, "--plot", str(svg)).exit_code == 0
    text = svg.read_text()
    assert "<svg" in text and "2045" in text


def test_plot_refuses_other_suffixes(store: str, tmp_path: Path) -> None:
    result = run("trace", "EP Blueprint 2025", "--store", store, "--plot", str(tmp_path / "x.gif"))
    assert result.exit_code == 1


def test_html_is_self_contained_and_carries_the_sources(store: str, tmp_path: Path) -> None:
    page = tmp_path / "lineage.html"
    assert run("trace", "EP Blueprint 2025", "--to", "2045", "--store", store, "--html", str(page)).exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert "<svg" in text and "addEventListener(\"click\"" in text
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", text)   # nothing fetched from anywhere
    data = json.loads(re.search(r'<script id="steps" type="application/json">(.*?)</script>', text, re.DOTALL).group(1))
    assert data[0]["key"] == "document/plan-2025" and all(d["sources"] for d in data)
    assert text.count('class="mark"') == len(data)


def test_layout_spans_2024_2045_and_labels_do_not_overlap(store: str) -> None:
    from graphkit.engines import open_engine
    from graphkit.lineage import trace_document
    from graphkit.plot import _label_span, axis_years, layout

    eng = open_engine("embedded", store)
    try:
        trace = trace_document(eng, "https://w3id.org/asean-graphkit/id/document/plan-2025", to_year=2045)
        late = trace_document(eng, "https://w3id.org/asean-graphkit/id/document/plan-2025", from_year=2024)
    finally:
        eng.close()
    assert axis_years(trace) == (2015, 2045)     # widened to the start, to 2045 at least
    assert axis_years(late)[0] == 2024           # the years asked for; the start sits at the edge
    lay = layout(late)
    assert lay.marks[0].clipped == "<"
    lay = layout(trace)
    boxes = [(m.label_y, *_label_span(m)) for m in lay.marks]
    for i, (y1, l1, r1) in enumerate(boxes):
        for y2, l2, r2 in boxes[i + 1:]:
            assert abs(y1 - y2) > 0.1 or r1 < l2 or r2 < l1, "two labels overlap"


# ------------------------------------------------------------------------------- saved lineage queries

LINEAGE = sorted(n for n in load_catalogue() if n.startswith("lineage_"))


def test_there_are_cypher_and_sparql_lineage_queries() -> None:
    cat = load_catalogue()
    langs = {cat[n].language for n in LINEAGE}
    assert langs == {"cypher", "sparql"}
    for n in LINEAGE:
        assert cat[n].description and cat[n].params, n


@pytest.mark.parametrize("name", LINEAGE)
def test_saved_lineage_queries_run_on_the_fixture(store: str, name: str) -> None:
    q = load_catalogue()[name]
    fixture_params = {"document": "EP Blueprint 2025", "topic": "trafficking in persons", "body": "EPC"}
    args = ["query", name, "--store", store, "--format", "json"]
    for k in q.params:
        args += ["--param", f"{k}={fixture_params[k]}"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout), name


def test_the_sparql_chain_gives_the_trace_steps(store: str) -> None:
    trace = {r["name"] for r in trace_json(store, "EP Blueprint 2025", "--to", "2045")}
    result = run("query", "lineage_document", "--param", "document=EP Blueprint 2025", "--store", store,
                 "--format", "json")
    assert result.exit_code == 0, result.output
    chain = {r["step"] for r in json.loads(result.stdout)}
    assert {"8th Example Political Council Meeting", "Example Political Strategic Plan 2045",
            "Example Community Vision 2045", "3rd Example Summit"} <= chain
    assert chain <= trace | {"Example Political Strategic Plan 2065", "4th Example Summit"}


# ------------------------------------------------------------------------------- the example

@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not _available(COMMANDS.get("ingest", "ingest:ingest_cmd")):
        pytest.skip("`graphkit ingest` is not available yet")
    remarks = next((p for p in REMARKS if p.is_file()), None)
    if remarks is None:
        pytest.skip("the 29th APSC Council opening remarks are not in tests/fixtures/texts or ../shared/corpus")
    path = str(tmp_path_factory.mktemp("e2e") / "store")
    assert run("build", "--store", path).exit_code == 0
    result = run("ingest", str(remarks), "--store", path)
    assert result.exit_code == 0, result.output
    return path


def test_blueprint_to_2045_after_ingest(ingested: str, tmp_path: Path) -> None:
    png = tmp_path / "lineage.png"
    result = run("trace", "APSC Blueprint 2025", "--to", "2045", "--format", "json", "--store", ingested,
                 "--plot", str(png))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    order = [r["key"] for r in rows]
    wanted = ["meeting/apsc-council-28", "meeting/apsc-council-29", "document/apsc-strategic-plan-2045",
              "document/asean-community-vision-2045", "meeting/asean-summit-46"]
    assert all(k in order for k in wanted)
    assert [k for k in order if k in wanted] == wanted          # in time order
    by_key = {r["key"]: r for r in rows}
    assert (by_key["meeting/apsc-council-28"]["place"], by_key["meeting/apsc-council-28"]["date"]) == \
        ("Vientiane", "2024-10-08")
    assert by_key["meeting/apsc-council-28"]["relation"] == "reviews"
    assert by_key["meeting/apsc-council-29"]["place"] == "Kuala Lumpur"
    for key in ("document/apsc-strategic-plan-2045", "document/asean-community-vision-2045"):
        assert by_key[key]["at"] == "46th ASEAN Summit"
    assert all(by_key[k]["sources"] for k in wanted)
    evidence = by_key["meeting/apsc-council-29"]["evidence"]
    assert any("review progress under the APSC Blueprint 2025" in q for q in evidence)
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_trafficking_topic_after_ingest(ingested: str) -> None:
    rows = trace_json(ingested, "--topic", "trafficking in persons", "--from", "2024", "--to", "2045")
    c29 = next(r for r in rows if r["key"] == "meeting/apsc-council-29")
    assert "Mohamad Hasan" in c29["speakers"] and c29["sources"]


# ------------------------------------------------------------------------------- backwards (issue 14)

def test_back_from_vision_2045_reaches_the_blueprint_and_the_28th_council(built_store: Path,
                                                                           tmp_path: Path) -> None:
    result = run("trace", "--back", "ASEAN Community Vision 2045", "--store", str(built_store), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "what led to ASEAN Community Vision 2045" in result.stderr
    rows = json.loads(result.stdout)
    by_key = {r["key"]: r for r in rows}
    assert {"document/apsc-blueprint-2025", "meeting/apsc-council-28", "document/asean-community-vision-2025"} \
        <= set(by_key)
    assert by_key["meeting/apsc-council-28"]["relation"] == "reviews"
    assert by_key["meeting/apsc-council-28"]["leads_to"] == "ASEAN Political-Security Community Blueprint 2025"
    assert rows[-1]["key"] == "document/asean-community-vision-2045" and rows[-1]["relation"] == "start"
    start = rows[-1]["date"]
    assert all(r["date"] is None or r["date"] <= start for r in rows)  # nothing after the start
    assert all(r["sources"] for r in rows)
    svg, page = tmp_path / "back.svg", tmp_path / "back.html"
    result = run("trace", "--back", "ASEAN Community Vision 2045", "--store", str(built_store),
                 "--plot", str(svg), "--html", str(page), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert svg.read_text().lstrip().startswith(("<?xml", "<svg"))
    assert "What led to ASEAN Community Vision 2045" in page.read_text(encoding="utf-8")


def test_back_refuses_a_topic(store: str) -> None:
    assert run("trace", "--back", "--topic", "trafficking in persons", "--store", store).exit_code == 2


def test_topic_trace_and_the_saved_topic_query_agree(built_store: Path) -> None:
    traced = run("trace", "--topic", "trafficking in persons", "--store", str(built_store), "--format", "json")
    assert traced.exit_code == 0 and "narrower topics included" in traced.stderr
    saved = run("query", "lineage_topic", "--param", "topic=trafficking in persons", "--store", str(built_store),
                "--format", "json")
    assert saved.exit_code == 0, saved.output
    assert {r["name"] for r in json.loads(traced.stdout)} == {r["step"] for r in json.loads(saved.stdout)}


def test_a_hostile_name_does_not_break_the_html_page(tmp_path: Path) -> None:
    from html.parser import HTMLParser

    records = tmp_path / "records.yaml"
    hostile = "Plan <!--<script>alert(1)</script> 2030"
    records.write_text(
        "- id: document/hostile-plan\n  type: StrategicPlan\n  source: https://example.org/p\n"
        f"  name: '{hostile}'\n  adoptedOn: 2025-01-01\n", encoding="utf-8")
    path = tmp_path / "store"
    assert run("build", "--store", str(path), "--records", str(records), "--no-shipped").exit_code == 0
    page = tmp_path / "t.html"
    result = run("trace", "document/hostile-plan", "--store", str(path), "--html", str(page))
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")

    class Scripts(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.inside: str | None = None
            self.scripts: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "script":
                self.inside = ""

        def handle_data(self, data: str) -> None:
            if self.inside is not None:
                self.inside += data

        def handle_endtag(self, tag: str) -> None:
            if tag == "script" and self.inside is not None:
                self.scripts.append(self.inside)
                self.inside = None

    parser = Scripts()
    parser.feed(text)
    assert len(parser.scripts) == 2  # the data block and the page's own script, each closed where it should be
    assert "<" not in parser.scripts[0] and json.loads(parser.scripts[0])[0]["name"] == hostile
    assert text.rstrip().endswith("</html>") and "<!--" not in text
