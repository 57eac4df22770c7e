"""Fault rules: paths as users write them, the answer a rule gives, and when it applies
(the next N calls, or seeded draws that repeat exactly)."""

from __future__ import annotations

import pytest

from mockads.domain.errors import InvalidParameter
from mockads.domain.faults import (
    FAULT_MESSAGES,
    ArmedFault,
    PathPattern,
    build_rule,
    mirror_path,
    rate_limit_message,
)

SEED = 7


def rule(path: str = "tt_video/authorize/", fault_id: str = "fault_1", **spec):
    return build_rule(fault_id, path=PathPattern.parse(path), sandbox_seed=SEED, **spec)


@pytest.mark.parametrize(
    "written",
    [
        "tt_video/authorize/",
        "tt_video/authorize",
        "/open_api/v1.3/tt_video/authorize/",
        "/open_api/v1.3/tt_video/authorize",
        "open_api/v1.3/tt_video/authorize",
        " tt_video/authorize/ ",
    ],
)
def test_a_path_is_normalised_with_or_without_the_prefix_and_final_slash(written):
    assert PathPattern.parse(written).text == "tt_video/authorize/"


@pytest.mark.parametrize("written", ["ad/*", "/open_api/v1.3/ad/*", "*", "smart_plus/*", "ad*"])
def test_a_trailing_star_is_kept_as_a_prefix(written):
    pattern = PathPattern.parse(written)
    assert pattern.text.endswith("*") and pattern.prefix == pattern.text[:-1]


@pytest.mark.parametrize(
    "written", ["", "/", "ad/*/get/", "*ad", "Ad/get/", "ad//get/", "ad/get?x=1", "../ad/", "a d/"]
)
def test_a_pattern_that_is_no_mirror_path_is_refused(written):
    with pytest.raises(InvalidParameter) as refused:
        PathPattern.parse(written)
    assert refused.value.field == "path"


def test_a_prefix_matches_the_paths_under_it_only():
    pattern = PathPattern.parse("ad/*")
    assert pattern.matches("ad/get/") and pattern.matches("ad/status/update/")
    assert not pattern.matches("adgroup/get/")
    assert PathPattern.parse("*").matches("tt_video/info/")


def test_an_exact_path_matches_itself_only():
    pattern = PathPattern.parse("ad/get")
    assert pattern.matches("ad/get/")
    assert not pattern.matches("ad/get/more/") and not pattern.matches("smart_plus/ad/get/")


def test_request_paths_are_named_without_prefix_and_with_the_final_slash():
    assert mirror_path("/open_api/v1.3/tt_video/info") == "tt_video/info/"
    assert mirror_path("/open_api/v1.3/tt_video/info/") == "tt_video/info/"


def test_names_any_tells_a_pattern_that_names_no_known_path():
    known = frozenset({"ad/get/", "tt_video/info/"})
    assert PathPattern.parse("ad/*").names_any(known)
    assert PathPattern.parse("tt_video/info").names_any(known)
    assert not PathPattern.parse("tt_video/infoo").names_any(known)
    assert not PathPattern.parse("campaign/*").names_any(known)


def test_the_rate_limit_code_answers_tiktoks_qps_message_naming_an_app_of_the_sandbox():
    limited = rule(code=40100)
    assert limited.message == rate_limit_message(SEED)
    assert limited.message.startswith("App 7") and "reaches the QPS limit" in limited.message
    assert rate_limit_message(SEED) != rate_limit_message(SEED + 1)


@pytest.mark.parametrize(
    ("status", "code"), [(429, 40100), (503, 50002), (500, 50000), (502, 50000), (401, 40105)]
)
def test_an_http_status_alone_answers_a_fitting_code(status, code):
    faulted = rule(http_status=status)
    assert (faulted.code, faulted.http_status) == (code, status)
    assert faulted.message


def test_a_known_code_answers_its_message_with_http_200():
    faulted = rule(code=50002)
    assert (faulted.message, faulted.http_status) == (FAULT_MESSAGES[50002], 200)


def test_a_code_mockads_has_no_message_for_needs_one():
    with pytest.raises(InvalidParameter, match="required for code 41234") as refused:
        rule(code=41234)
    assert refused.value.field == "message"
    assert rule(code=41234, message="Something else.").message == "Something else."


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        ({}, "_schema"),
        ({"latency_ms": 0}, "_schema"),
        ({"times": 3}, "_schema"),
        ({"drop_connection": True, "code": 50000}, "drop_connection"),
        ({"drop_connection": True, "http_status": 503}, "drop_connection"),
        ({"message": "alone", "latency_ms": 5}, "message"),
        ({"http_status": 200}, "http_status"),
        ({"code": 40100, "seed": 3}, "seed"),
    ],
)
def test_a_rule_that_contradicts_itself_or_does_nothing_is_refused(spec, field):
    with pytest.raises(InvalidParameter) as refused:
        rule(**spec)
    assert refused.value.field == field


def test_a_delay_only_rule_answers_nothing_itself():
    slow = rule(latency_ms=250)
    assert not slow.answers and slow.code is None and slow.http_status is None


def test_draws_use_the_sandbox_seed_unless_the_rule_gives_one():
    assert rule(code=40100, probability=0.5).seed == SEED
    assert rule(code=40100, probability=0.5, seed=99).seed == 99


def test_times_applies_to_the_next_n_matching_calls_then_the_rule_is_spent():
    armed = ArmedFault(rule(code=40100, times=2))
    outcomes = [armed.consider("POST", "tt_video/authorize/") for _ in range(4)]
    assert outcomes == [True, True, False, False]
    assert (armed.matched, armed.applied, armed.remaining) == (2, 2, 0)


def test_calls_of_another_path_or_method_are_not_counted():
    armed = ArmedFault(rule(code=40100, method="POST", times=1))
    assert not armed.consider("GET", "tt_video/authorize/")
    assert not armed.consider("POST", "tt_video/info/")
    assert armed.matched == 0
    assert armed.consider("POST", "tt_video/authorize/")


def draws(fault_rule, calls=200):
    armed = ArmedFault(fault_rule)
    return [armed.consider("GET", "tt_video/info/") for _ in range(calls)]


def test_seeded_draws_fault_exactly_the_same_calls_every_run():
    first = draws(rule("tt_video/info/", code=50000, probability=0.3))
    again = draws(rule("tt_video/info/", code=50000, probability=0.3))
    assert first == again
    assert 30 < sum(first) < 90  # about 60 of 200


def test_another_seed_or_rule_id_draws_other_calls():
    base = draws(rule("tt_video/info/", code=50000, probability=0.3))
    assert draws(rule("tt_video/info/", code=50000, probability=0.3, seed=8)) != base
    assert draws(rule("tt_video/info/", "fault_2", code=50000, probability=0.3)) != base


def test_a_call_is_decided_by_its_index_alone():
    fault_rule = rule("tt_video/info/", code=50000, probability=0.5)
    assert [fault_rule.fires(k) for k in range(50)] == draws(fault_rule, 50)


def test_probability_one_faults_every_call():
    assert all(draws(rule("tt_video/info/", code=50000, probability=1.0)))


def test_times_with_probability_counts_faulted_calls():
    armed = ArmedFault(rule("tt_video/info/", code=50000, probability=0.5, times=3))
    outcomes = [armed.consider("GET", "tt_video/info/") for _ in range(100)]
    assert sum(outcomes) == 3 and armed.remaining == 0
    third = [index for index, faulted in enumerate(outcomes) if faulted][2]
    assert armed.matched == third + 1  # spent: later calls are not even counted
