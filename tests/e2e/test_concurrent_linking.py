"""Linking under concurrency, against two real `mockads serve` processes on one database.

Advertisers race each other for one code, and the creator switching Ad authorization off races
the advertiser linking. Every race is lined up on a barrier, alternates between the processes
and is repeated a fixed number of rounds; the invariants hold for every interleaving. Runs on a
SQLite file and, when `MOCKADS_TEST_POSTGRES_URL` is set, on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ok
from tests.e2e.processes import BACKENDS, pretty, race
from tests.e2e.shared_database import (
    Sandbox,
    Shared,
    add_advertisers,
    authorize,
    linked_posts,
    new_code,
    new_sandbox,
    ready_creator,
    two_servers,
)

pytestmark = pytest.mark.e2e

ROUNDS = 8


@pytest.fixture(scope="module", params=BACKENDS)
def shared(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Shared]:
    with two_servers(request.param, Path(tmp_path_factory.mktemp(request.param))) as pair:
        yield pair


@pytest.fixture
def sandbox(shared: Shared) -> Iterator[Sandbox]:
    with new_sandbox(shared, seed=5) as made:
        yield made


# -- one code, one ad account -----------------------------------------------------------------


def test_advertisers_racing_to_link_one_code_exactly_one_wins(
    shared: Shared, sandbox: Sandbox
) -> None:
    """Four ad accounts link the same fresh code at once: one links it, the three others are
    told `[AUTH_CODE_USED_BY_ANOTHER_ACCOUNT]`, and only the winner lists the post."""
    advertisers = [sandbox.advertiser_id, *add_advertisers(shared, sandbox, 3)]
    creator_id = ready_creator(sandbox)
    for n in range(ROUNDS):
        item_id, auth_code = new_code(sandbox, creator_id)
        answers = race(
            *(
                partial(authorize, sandbox, adv, auth_code, via=i)
                for i, adv in enumerate(advertisers)
            )
        )
        winners = [
            adv for adv, answer in zip(advertisers, answers, strict=True) if answer["code"] == 0
        ]
        assert len(winners) == 1, f"round {n}: {pretty(answers)}"
        for answer in answers:
            if answer["code"] != 0:
                assert answer["message"].startswith(
                    "[AUTH_CODE_USED_BY_ANOTHER_ACCOUNT] auth_code: "
                ), answer
        for adv in advertisers:
            assert (item_id in linked_posts(sandbox, adv)) == (adv in winners)


def test_one_advertiser_linking_a_code_twice_at_once_links_it_once(sandbox: Sandbox) -> None:
    """A double click: the same link request twice at once links the post once; the other
    answer is `[POST_ALREADY_LINKED]`, never an error of the server."""
    creator_id = ready_creator(sandbox)
    for n in range(ROUNDS):
        item_id, auth_code = new_code(sandbox, creator_id)
        answers = race(
            *(
                partial(authorize, sandbox, sandbox.advertiser_id, auth_code, via=i)
                for i in range(3)
            )
        )
        codes = sorted(answer["code"] for answer in answers)
        assert codes == [0, 40002, 40002], f"round {n}: {pretty(answers)}"
        for answer in answers:
            assert answer["code"] == 0 or answer["message"].startswith(
                "[POST_ALREADY_LINKED] auth_code: "
            )
        assert (
            linked_posts(sandbox, sandbox.advertiser_id)[item_id]["item_info"]["auth_code"]
            == auth_code
        )


# -- linking racing the creator ---------------------------------------------------------------

BATCH_CODES = 6
REVOKED = range(0, BATCH_CODES, 2)  # the creator switches these posts off during the batch


def _revoke(sandbox: Sandbox, item_id: str, via: int) -> dict[str, Any]:
    """The creator switches Ad authorization off; the answer shows it off, with no valid code."""
    status, post = sandbox.control("DELETE", f"/posts/{item_id}/authorization", via=via)
    assert status == 200, post
    assert (post["ad_authorization"], post["auth_code"]) == (False, None), post
    return post


def _batch(sandbox: Sandbox, auth_codes: list[str], via: int) -> dict[str, Any]:
    path = f"/advertisers/{sandbox.advertiser_id}/spark-posts/batch"
    status, body = sandbox.control("POST", path, {"auth_codes": auth_codes}, via=via)
    assert status == 200, body
    return body


def _check_answers_match_the_final_state(
    sandbox: Sandbox, results: dict[str, dict[str, Any]], codes: dict[str, str], revoked: set[str]
) -> None:
    """`results`: what linking answered per code; `codes`: item_id -> code; `revoked`: items
    whose authorization the creator switched off (each revoke answered 200)."""
    linked = linked_posts(sandbox, sandbox.advertiser_id)
    for item_id, auth_code in codes.items():
        result, link = results[auth_code], linked.get(item_id)
        post = ok(sandbox.control("GET", f"/posts/{item_id}"))
        if item_id not in revoked:
            assert result["status"] == "LINKED", result
        if result["status"] == "LINKED":
            assert link is not None and link["item_info"]["auth_code"] == auth_code
            expected = "CANCELLED" if item_id in revoked else "AUTHORIZED"
            assert link["auth_info"]["ad_auth_status"] == expected, link
        else:
            assert result["reason"] == "AUTH_CODE_REVOKED", result
            assert link is None
        if item_id in revoked:
            assert (post["ad_authorization"], post["auth_code"]) == (False, None), post


def test_a_batch_racing_the_creator_switching_authorization_off_answers_the_final_state(
    sandbox: Sandbox,
) -> None:
    """Apply for Authorization with six codes while the creator switches three of the posts
    off, all at once. The batch is one transaction and each switch another, so each switched
    post was either off before the batch or after it. Every answer agrees with the end state:

    - a code whose post stayed on is reported LINKED and is linked, AUTHORIZED;
    - a switched-off code reported LINKED is linked, and shows CANCELLED (the switch came after);
    - a switched-off code reported FAILED says `AUTH_CODE_REVOKED` and is not linked (the
      switch came first);
    - every switch answered 200 showing the post off with no valid code, and so it stays.

    (Linking writes only the link, switching off only the post and its code, so without the
    sandbox lock these would not conflict either; the race checks the answers, not the lock.)
    """
    creator_id = ready_creator(sandbox)
    for _ in range(ROUNDS):
        codes = dict(new_code(sandbox, creator_id) for _ in range(BATCH_CODES))
        items = list(codes)
        revoked = {items[i] for i in REVOKED}
        answers = race(
            partial(_batch, sandbox, list(codes.values()), via=0),
            *(partial(_revoke, sandbox, item, via=i + 1) for i, item in enumerate(revoked)),
        )
        batch = answers[0]
        results = {r["auth_code"]: r for r in batch["results"]}
        assert batch["linked"] == sum(r["status"] == "LINKED" for r in results.values())
        _check_answers_match_the_final_state(sandbox, results, codes, revoked)


def test_a_link_racing_the_creator_switching_authorization_off_answers_the_final_state(
    sandbox: Sandbox,
) -> None:
    """`tt_video/authorize/` of one code while its creator switches the post off: linked and
    CANCELLED (the switch came after), or `[AUTH_CODE_REVOKED]` and not linked (it came first)."""
    creator_id = ready_creator(sandbox)
    for _ in range(ROUNDS):
        item_id, auth_code = new_code(sandbox, creator_id)
        answer, _ = race(
            partial(authorize, sandbox, sandbox.advertiser_id, auth_code, via=0),
            partial(_revoke, sandbox, item_id, via=1),
        )
        if answer["code"] == 0:
            result = {"status": "LINKED", "reason": None}
        else:
            reason = answer["message"].removeprefix("[").split("]", 1)[0]
            result = {"status": "FAILED", "reason": reason}
        _check_answers_match_the_final_state(
            sandbox, {auth_code: result}, {item_id: auth_code}, {item_id}
        )
