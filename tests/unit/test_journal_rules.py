"""Journal queries: which entries a filter selects, and parameters matched as a subset."""

from __future__ import annotations

import pytest

from mockads.domain.faults import PathPattern
from mockads.domain.journal import JournalEntry, JournalQuery, params_contain


def entry(**fields) -> JournalEntry:
    values = {
        "seq": 1,
        "request_id": "2026",
        "time": 1_000.0,
        "real_time": 5.0,
        "method": "GET",
        "path": "tt_video/info/",
        "params": {},
        "code": 0,
        "message": "OK",
        "http_status": 200,
        "fault_id": None,
        **fields,
    }
    return JournalEntry(**values)


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ({"a": "1", "b": "2"}, {"a": "1"}),
        ({"a": {"x": 1, "y": 2}}, {"a": {"x": 1}}),
        ({"advertiser_ids": '["1"]'}, {"advertiser_ids": ["1"]}),
        ({"advertiser_ids": ["1"]}, {"advertiser_ids": '["1"]'}),
        ({"filtering": '{"campaign_ids": ["7"], "x": 1}'}, {"filtering": {"campaign_ids": ["7"]}}),
        ({"page": "2"}, {"page": 2}),
        ({"advertiser_id": 7}, {"advertiser_id": "7"}),
        ({"creatives": [{"ad_name": "a", "x": 1}]}, {"creatives": [{"ad_name": "a"}]}),
        ({"a": 1.0}, {"a": 1}),
        ({"a": None}, {"a": None}),
        ({"a": 1}, {}),
    ],
)
def test_params_hold_a_subset_compared_after_json_decoding(actual, expected):
    assert params_contain(actual, expected)


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ({"a": "1"}, {"b": "1"}),
        ({"a": "1"}, {"a": "2"}),
        ({"a": ["1", "2"]}, {"a": ["1"]}),
        ({"a": '["1","2"]'}, {"a": ["2", "1"]}),
        ({"a": True}, {"a": 1}),
        ({"a": "true"}, {"a": 1}),
        ({"a": 0}, {"a": False}),
        ({"a": "not json"}, {"a": ["not json"]}),
        ({"a": {"x": 1}}, {"a": {"x": 1, "y": 2}}),
        (None, {"a": 1}),
    ],
)
def test_params_that_differ_do_not_match(actual, expected):
    assert not params_contain(actual, expected)


def test_a_query_selects_by_path_pattern_method_and_code():
    call = entry(path="ad/get/", method="GET", code=40002)
    assert JournalQuery(path=PathPattern.parse("ad/*")).matches(call)
    assert JournalQuery(path=PathPattern.parse("/open_api/v1.3/ad/get")).matches(call)
    assert not JournalQuery(path=PathPattern.parse("adgroup/*")).matches(call)
    assert not JournalQuery(method="POST").matches(call)
    assert JournalQuery(code=40002).matches(call) and not JournalQuery(code=0).matches(call)


def test_since_and_until_bound_the_sandbox_time_inclusively():
    call = entry(time=1_000.0)
    assert JournalQuery(since=1_000.0, until=1_000.0).matches(call)
    assert not JournalQuery(since=1_001.0).matches(call)
    assert not JournalQuery(until=999.0).matches(call)
    assert JournalQuery(until=1_000.0).matches(entry(time=1_000.9))


def test_an_entry_whose_params_were_not_kept_matches_no_params_query():
    call = entry(params=None)
    assert JournalQuery().matches(call)
    assert not JournalQuery(params={"a": "1"}).matches(call)


def test_a_numbered_entry_is_the_same_entry_with_its_number():
    call = entry(seq=0, fault_id="fault_2", size=12)
    numbered = call.numbered(7)
    assert numbered.seq == 7 and numbered.size == 12
    assert numbered == entry(seq=7, fault_id="fault_2")
