"""The one lookup (graphkit.lookup): ids, names, acronyms, aliases, misspellings, every script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from graphkit.cli import cli
from graphkit.errors import EntityNotFoundError, InvalidDataError
from graphkit.lookup import (
    CANDIDATE_COLUMNS,
    Label,
    NameEntry,
    NameNotFoundError,
    acronym_words,
    lookup,
    normalise,
    resolve_name,
    row_entries,
    translit_key,
)
from graphkit.store import opened
from graphkit.vocab import ID_BASE
from ingest.native_names import NAMES_DIR, name_files, parse_names


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def entry(key: str, name: str, kind: str = "MemberState", alt: tuple[tuple[str, str], ...] = (),
          acronym: tuple[str, ...] = ()) -> NameEntry:
    labels = [Label(name, "name")] + [Label(t, "altNames", lang) for t, lang in alt]
    labels += [Label(a, "acronym") for a in acronym]
    return NameEntry.make(ID_BASE + key, name, kind, labels)


ENTRIES = [
    entry("state/thailand", "Thailand", alt=(("ราชอาณาจักรไทย", "th"), ("ประเทศไทย", "th"))),
    entry("state/viet-nam", "Viet Nam", alt=(("Cộng hòa Xã hội chủ nghĩa Việt Nam", "vi"),)),
    entry("state/cambodia", "Cambodia", alt=(("ព្រះរាជាណាចក្រកម្ពុជា", "km"),)),
    entry("state/myanmar", "Myanmar", alt=(("မြန်မာ", "my"),)),
    entry("state/lao-pdr", "Lao PDR", alt=(("ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ", "lo"),)),
    entry("body/apsc-council", "ASEAN Political-Security Community Council", "Body", acronym=("APSC Council",)),
    entry("body/apsc", "ASEAN Political-Security Community", "Body", acronym=("APSC",)),
    entry("person/mohamad-hasan", "Mohamad Hasan", "Person"),
    entry("person/mohamad-hassan-other", "Mohamad Hassan Other", "Person"),
]


# ------------------------------------------------------------------------------------------- keys

def test_normalise_keeps_every_script_and_drops_latin_accents() -> None:
    assert normalise("The ASEAN Ministers’ Meeting") == "asean ministers meeting"
    assert normalise("Hà Nội") == "ha noi"
    assert normalise("ประเทศไทย") == "ประเทศไทย"  # Thai vowel signs are kept, not dropped as accents
    assert normalise("ភ្នំពេញ") == "ភ្នំពេញ"
    assert normalise("မြန်မာ") == "မြန်မာ"
    assert normalise("ສາທາລະນະລັດ  ປະຊາທິປະໄຕ") == "ສາທາລະນະລັດ ປະຊາທິປະໄຕ"


def test_transliteration_key_is_latin_for_every_asean_script() -> None:
    for text in ("ประเทศไทย", "ວຽງຈັນ", "ភ្នំពេញ", "မြန်မာ", "Cộng hòa Xã hội chủ nghĩa Việt Nam"):
        key = translit_key(text)
        assert key and key.isascii(), (text, key)
    assert translit_key("Việt Nam") == translit_key("Viet Nam") == "viet nam"


@given(st.text())
def test_keys_never_fail_and_are_normal(text: str) -> None:
    n = normalise(text)
    assert n == n.strip() and "  " not in n
    assert translit_key(text).isascii()


# ------------------------------------------------------------------------------------------- policy

@pytest.mark.parametrize(("text", "key", "how"), [
    ("ประเทศไทย", "state/thailand", "altNames"),                # own script
    ("ราชอาณาจักรไทย", "state/thailand", "altNames"),
    ("praethsaithy", "state/thailand", "translit"),           # through the transliteration key
    ("Cong hoa Xa hoi Chu nghia Viet Nam", "state/viet-nam", "altNames"),  # Latin accents drop
    ("ព្រះរាជាណាចក្រកម្ពុជា", "state/cambodia", "altNames"),
    ("မြန်မာ", "state/myanmar", "altNames"),
    ("STATE/Thailand", "state/thailand", "key"),               # ids in any case
    ("apsc", "body/apsc", "acronym"),                          # acronyms case-insensitively
    ("Mohamad Hasan", "person/mohamad-hasan", "name"),
])
def test_a_name_in_any_form_finds_its_entity(text: str, key: str, how: str) -> None:
    found = resolve_name(ENTRIES, text)
    assert found.status == "match" and found.best is not None
    assert (found.best.key, found.best.how) == (key, how)


def test_a_misspelling_finds_the_nearest_when_it_clearly_leads() -> None:
    found = resolve_name(ENTRIES, "Cambodja")
    assert found.best is not None and found.best.key == "state/cambodia" and found.best.how == "fuzzy"


def test_an_ambiguous_name_gives_candidates_as_rows_and_exit_3() -> None:
    found = resolve_name(ENTRIES, "Mohamad Hassan")
    assert found.status == "ambiguous" and found.best is None
    rows = found.rows()
    assert {r["key"] for r in rows} >= {"person/mohamad-hasan", "person/mohamad-hassan-other"}
    assert all(list(r) == CANDIDATE_COLUMNS for r in rows)
    with pytest.raises(NameNotFoundError) as err:
        found.require()
    assert isinstance(err.value, EntityNotFoundError) and err.value.exit_code == 3
    assert err.value.rows == rows and "person/mohamad-hasan" in " ".join(err.value.suggestions)


def test_nothing_near_gives_suggestions() -> None:
    found = resolve_name(ENTRIES, "Thailandd Zzyzx Qwerty")
    assert found.status == "none" and found.candidates == []
    assert found.suggestions and found.suggestions[0].key == "state/thailand"
    assert found.rows() == [c.as_row() for c in found.suggestions]


def test_kinds_narrow_the_pool() -> None:
    assert resolve_name(ENTRIES, "APSC", kinds=["Person"]).status == "none"
    found = resolve_name(ENTRIES, "APSC", kinds=["Body"])
    assert found.best is not None and found.best.key == "body/apsc"


def test_engine_rows_and_store_entries_are_the_same_lookup() -> None:
    rows = [{"id": ID_BASE + "state/thailand", "key": "state/thailand", "name": "Thailand", "kind": "MemberState",
             "altNames": ["ประเทศไทย"], "acronym": None, "misspellings": None}]
    found = resolve_name(row_entries(rows), "ประเทศไทย")
    assert found.best is not None and found.best.row["key"] == "state/thailand"


# ------------------------------------------------------------------------------------------- names files

def test_shipped_native_names_parse_with_language_tags_and_sources() -> None:
    files = name_files([NAMES_DIR])
    assert files
    quads = [q for f in files for q in parse_names(f.read_text(encoding="utf-8"), str(f))]
    labels = [q for q in quads if q.predicate.value.endswith("altLabel")]
    langs = {q.object.language for q in labels}  # type: ignore[union-attr]
    assert {"th", "lo", "km", "my", "vi"} <= langs
    graphs = {q.graph_name.value for q in labels}
    described = {q.subject.value for q in quads if q.predicate.value.endswith("hadPrimarySource")}
    assert graphs <= described  # every name sits in a graph that names its source address


@pytest.mark.parametrize(("text", "line", "message"), [
    ("- entity: state/x\n  source: https://e.org\n  names:\n    - {name: X, lang: thai}\n", 4, "BCP 47"),
    ("- entity: state/x\n  source: not-a-url\n  names:\n    - {name: X, lang: th}\n", 2, "http(s)"),
    ("- entity: State X\n  source: https://e.org\n  names: []\n", 1, "kind/slug"),
    ("- entity: state/x\n  names:\n    - {name: X, lang: th}\n", 1, "missing source"),
])
def test_a_bad_names_file_is_one_error_with_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InvalidDataError) as err:
        parse_names(text, "names.yaml")
    assert err.value.line == line and message in str(err.value) and str(err.value).startswith("names.yaml:")


# ------------------------------------------------------------------------------------------- on a built store

def test_store_lookup_keeps_language_tags(built_store: Path) -> None:
    with opened(built_store, read_only=True) as s:
        found = lookup(s, "ประเทศไทย")
    assert found.best is not None and found.best.key == "state/thailand"
    assert any(lab.lang == "th" for lab in found.best.entry.labels)


@pytest.mark.parametrize("text", ["ประเทศไทย", "Prathet Thai", "praethsaithy"])
def test_links_finds_a_member_state_by_its_own_script_and_romanised(built_store: Path, text: str) -> None:
    result = run("links", text, "--store", built_store, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "state/thailand" in result.stderr
    assert json.loads(result.stdout)


def test_explain_shows_which_source_states_a_native_name(built_store: Path) -> None:
    result = run("explain", "ព្រះរាជាណាចក្រកម្ពុជា", "--relation", "altNames", "--store", built_store,
                 "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert any(r["object"] == "ព្រះរាជាណាចក្រកម្ពុជា" and r["source"].startswith("https://") for r in rows)


def test_a_plus_is_part_of_the_name() -> None:
    entries = [entry("body/admm", "ASEAN Defence Ministers' Meeting", "Body", acronym=("ADMM",)),
               entry("body/admm-plus", "ASEAN Defence Ministers' Meeting-Plus", "Body", alt=(("ADMM+", ""),))]
    found = resolve_name(entries, "ADMM+")
    assert found.best is not None and found.best.key == "body/admm-plus"


# ------------------------------------------------------------------------------------------- the gazetteer (ingest)

def test_the_gazetteer_finds_names_in_their_own_script_in_running_text() -> None:
    from ingest.gazetteer import Gazetteer, tokens

    gaz = Gazetteer()
    gaz.add("person/hun-manet", "Person", "Hun Manet", ["ហ៊ុន ម៉ាណែត"])
    gaz.add("state/thailand", "MemberState", "Thailand", ["ประเทศไทย"])
    gaz.add("state/viet-nam", "MemberState", "Viet Nam")
    assert tokens("ភ្នំពេញ") == [("ភ្នំពេញ", 0, 7)]  # vowel signs and the coeng stay inside the word
    text = "Samdech ហ៊ុន ម៉ាណែត met the ministers of ประเทศไทย and Việt Nam."
    found = {ids[0]: text[s:e] for s, e, ids in gaz.scan(text)}
    assert found == {"person/hun-manet": "ហ៊ុន ម៉ាណែត", "state/thailand": "ประเทศไทย", "state/viet-nam": "Việt Nam"}
    assert gaz.lookup("Việt Nam") == ["state/viet-nam"]  # through the transliteration key


def test_the_gazetteer_knows_a_person_by_a_variant_of_the_name_before_minting() -> None:
    from ingest.gazetteer import Gazetteer

    gaz = Gazetteer()
    gaz.add("person/mohamed-khaled-nordin", "Person", "Mohamed Khaled Nordin")
    gaz.add("person/mohamad-hasan", "Person", "Mohamad Hasan")
    gaz.add("post/malaysia-foreign-minister", "Post", "Minister of Foreign Affairs of Malaysia")
    gaz.holds["person/mohamad-hasan"] = {"post/malaysia-foreign-minister"}
    gaz.post_in["post/malaysia-foreign-minister"] = "state/malaysia"
    assert gaz.lookup("Datuk Seri Khaled Nordin", kinds=("Person",)) == ["person/mohamed-khaled-nordin"]
    assert gaz.lookup("Mohamad bin Haji Hasan", kinds=("Person",)) == ["person/mohamad-hasan"]
    assert gaz.lookup("Khaled Nordin") == []  # variants only when a person is wanted
    assert gaz.lookup("Mohamad Hassan", kinds=("Person",)) == []  # a spelling apart needs context ...
    assert gaz.lookup("Mohamad Hassan", kinds=("Person",), context=["state/malaysia"]) == ["person/mohamad-hasan"]
    assert gaz.lookup("Nordin", kinds=("Person",)) == []  # one word is never enough


@pytest.mark.parametrize(("text", "key"), [
    ("29th APSC Council", "meeting/apsc-council-29"),
    ("28th APSC Council Meeting", "meeting/apsc-council-28"),
    ("APSC Council", "body/apsc-council"),
    ("APSC", "body/apsc-council"),
    ("19th AMMTC", "meeting/ammtc-19"),
    ("58th AMM", "meeting/amm-58"),
])
def test_an_acronym_and_an_ordinal_name_one_meeting_of_a_series(built_store: Path, text: str, key: str) -> None:
    """'29th APSC Council' is the meeting, not a document whose title contains those words, nor the
    18th or 28th meeting; the acronym alone is still the body."""
    from graphkit.lookup import lookup

    with opened(built_store, read_only=True) as store:
        found = lookup(store, text)
    assert found.best is not None and found.best.key == key, found.rows()[:3]


def test_a_shared_acronym_reads_the_same_whatever_order_the_names_come_in() -> None:
    """Two bodies share "ADMM" (the meeting and its Plus): "the 12th ADMM" is read the same way
    in every process, though the engine lists names in another order each time."""
    admm = entry("body/admm", "ASEAN Defence Ministers' Meeting", kind="Body", acronym=("ADMM",))
    plus = entry("body/admm-plus", "ADMM-Plus Defence Ministers", kind="Body", acronym=("ADMM Plus",))
    for order in ([admm, plus], [plus, admm]):
        assert acronym_words(order)["admm"] == "asean defence ministers meeting"
