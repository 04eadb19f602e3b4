"""Partial dates, the ontology's date keys and "valid at" (docs/time.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphkit.errors import GraphkitError
from graphkit.terms import C, P
from graphkit.timeline import (
    PartialDate,
    Validity,
    date_keys,
    edge_validity,
    node_validity,
    own_date,
    parse_day,
    time_keys,
)
from graphkit.vocab import XSD, vocabulary

D = dt.date


def test_partial_dates_cover_every_day_they_name() -> None:
    assert PartialDate.parse(2019).last == D(2019, 12, 31)
    assert PartialDate.parse("2018-02").last == D(2018, 2, 28)
    assert PartialDate.parse("2020-02").last == D(2020, 2, 29)
    assert PartialDate.parse("2018-04-30") == PartialDate(D(2018, 4, 30), "day")
    assert str(PartialDate.parse("2018-04")) == "2018-04" and str(PartialDate.parse(2018)) == "2018"
    assert PartialDate.from_literal("2018", XSD + "gYear").precision == "year"
    with pytest.raises(ValueError):
        PartialDate.from_literal("2018", XSD + "gYearMonth")
    with pytest.raises(ValueError):
        PartialDate.parse("yesterday")


@given(st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)), st.sampled_from(["day", "month", "year"]))
def test_text_round_trips_at_every_precision(day: dt.date, precision: str) -> None:
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]
    parsed = PartialDate.parse(text)
    assert str(parsed) == text and parsed.precision == precision
    assert parsed.first <= day <= parsed.last


def test_valid_at_reads_partial_dates_inclusively() -> None:
    held = Validity(PartialDate.parse("2018"), PartialDate.parse("2019-03"))
    assert held.valid_at(D(2018, 1, 1)) and held.valid_at(D(2018, 6, 1)) and held.valid_at(D(2019, 3, 31))
    assert not held.valid_at(D(2017, 12, 31)) and not held.valid_at(D(2019, 4, 1))
    assert Validity().valid_at(D(1900, 1, 1))
    assert Validity(None, PartialDate.parse("2000")).valid_at(D(1, 1, 1))


def test_occurrences_exist_from_their_date_for_good_and_periods_end() -> None:
    meeting = {P.startDate: D(2016, 5, 1), P.endDate: D(2016, 5, 2)}
    assert node_validity(C.Meeting, meeting).valid_at(D(2030, 1, 1))
    assert not node_validity(C.Meeting, meeting).valid_at(D(2016, 4, 30))
    doc = {P.adoptedOn: D(2015, 1, 1), P.adoptedOn + "Precision": "year"}
    assert own_date(doc) == PartialDate(D(2015, 1, 1), "year")
    assert node_validity(C.Declaration, doc).valid_at(D(2015, 1, 1))
    membership = {P.startDate: D(2025, 10, 26)}
    assert not node_validity(C.Membership, membership).valid_at(D(2020, 1, 1))
    assert node_validity(C.Membership, membership).valid_at(D(2025, 10, 26))
    body = {P.foundingDate: D(2009, 1, 1), P.endDate: D(2015, 12, 31)}
    assert not node_validity(C.Body, body).valid_at(D(2016, 1, 1))
    chair = {P.year: 2016}
    assert node_validity(C.Chairmanship, chair).valid_at(D(2016, 12, 31))
    assert not node_validity(C.Chairmanship, chair).valid_at(D(2017, 1, 1))
    assert edge_validity({P.startDate: D(2023, 12, 12)}).valid_at(D(2024, 1, 1))
    assert not edge_validity({P.startDate: D(2023, 12, 12)}).valid_at(D(2016, 6, 1))


def test_date_keys_come_from_the_ontology_in_rank_order() -> None:
    v = vocabulary()
    keys = date_keys()
    assert keys[0] == P.startDate and keys.index(P.adoptedOn) < keys.index(P.issued)
    assert all(v.properties[k].time_role for k in time_keys())
    assert set(time_keys()) - set(keys) == {P.endDate, P.periodEnd}
    # every property whose range is a date carries a time role, so none is left out of filters
    assert {p.key for p in v.properties.values() if p.datatype == XSD + "date"} <= set(time_keys())


def test_parse_day_explains_the_expected_forms() -> None:
    assert parse_day("2016-06") == D(2016, 6, 1)
    with pytest.raises(GraphkitError, match="2016-06-01"):
        parse_day("June")
