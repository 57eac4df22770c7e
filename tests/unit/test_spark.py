"""Spark rules: the shape of a code, and when a post may be linked."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from mockads.domain import errors
from mockads.domain.enums import ItemType, Privacy
from mockads.domain.ids import new_auth_code
from mockads.domain.model import Creator, LinkedPost, Post, SparkCode
from mockads.domain.spark import SparkPost, check_auth_code_format, check_linkable

NOW = 10_000


@pytest.mark.parametrize("seed", range(20))
def test_check_auth_code_format_accepts_generated_codes(seed):
    check_auth_code_format(new_auth_code(random.Random(seed)))


def _code_with(char: str) -> str:
    for seed in range(1_000):
        code = new_auth_code(random.Random(seed))
        if char in code:
            return code
    raise AssertionError(f"no generated code holds {char!r}")


def test_check_auth_code_format_accepts_codes_with_plus_and_slash():
    check_auth_code_format(_code_with("+"))
    check_auth_code_format(_code_with("/"))


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda code: code.replace("+", " "), id="space-instead-of-plus"),
        pytest.param(lambda code: code[1:], id="missing-hash"),
        pytest.param(lambda code: code[:-1], id="truncated"),
        pytest.param(lambda code: code + "A", id="too-long"),
        pytest.param(lambda code: code + "\n", id="trailing-newline"),
        pytest.param(lambda code: "", id="empty"),
    ],
)
def test_check_auth_code_format_refuses_a_mangled_code(mangle):
    with pytest.raises(errors.AuthCodeMalformed):
        check_auth_code_format(mangle(_code_with("+")))


CREATOR = Creator(
    creator_id="7000000000000000009",
    identity_id="00000000-0000-4000-8000-000000000000",
    handle="creator",
    display_name="A Creator",
    profile_image="https://mockads.invalid/avatar/1.jpeg",
    follower_count=1_000,
    allow_authorized_posts=True,
    accepted_ad_terms=True,
    create_time=0,
)
POST = Post(
    item_id="7000000000000000001",
    creator_id=CREATOR.creator_id,
    item_type=ItemType.VIDEO,
    caption="a caption #tag",
    privacy=Privacy.PUBLIC,
    ads_only_mode=False,
    ad_authorization=True,
    deleted=False,
    duet_original_item_id=None,
    stitch_original_item_id=None,
    video_id="v10033g50000aaaaaaaaaaaaaaaaaaaa",
    file_name="a.mp4",
    format="mp4",
    duration=15.0,
    width=1080,
    height=1920,
    size=1_000_000,
    bit_rate=2_000_000,
    signature="0" * 32,
    views=1,
    likes=1,
    comments=1,
    shares=1,
    follows=1,
    create_time=0,
    modify_time=0,
)
CODE = SparkCode(
    auth_code="#" + "A" * 64,
    item_id=POST.item_id,
    days=30,
    auth_start_time=NOW - 86_400,
    auth_end_time=NOW - 86_400 + 30 * 86_400,
)


def _spark_post(*, post: Post = POST, code: SparkCode = CODE, linked: bool = False) -> SparkPost:
    link = LinkedPost("7100000000000000000", post.item_id, code.auth_code, NOW) if linked else None
    return SparkPost(post, CREATOR, code, NOW, link)


def test_check_linkable_passes_a_public_post_with_an_authorized_code():
    check_linkable(_spark_post())


def test_check_linkable_refuses_a_deleted_post():
    with pytest.raises(errors.PostDeleted):
        check_linkable(_spark_post(post=replace(POST, deleted=True)))


def test_check_linkable_refuses_an_invalidated_code():
    with pytest.raises(errors.AuthCodeInvalidated):
        check_linkable(_spark_post(code=replace(CODE, invalidated_at=NOW - 1)))


def test_check_linkable_refuses_a_revoked_code():
    with pytest.raises(errors.AuthCodeRevoked):
        check_linkable(_spark_post(code=replace(CODE, revoked_at=NOW - 1)))


def test_check_linkable_refuses_an_expired_code_naming_its_end_time():
    expired = replace(CODE, auth_start_time=0, auth_end_time=NOW)
    with pytest.raises(errors.AuthCodeExpired) as caught:
        check_linkable(_spark_post(code=expired))
    assert caught.value.expired_at == "1970-01-01 02:46:40"


@pytest.mark.parametrize("privacy", [Privacy.FRIENDS, Privacy.PRIVATE])
def test_check_linkable_refuses_a_post_that_is_not_public(privacy):
    with pytest.raises(errors.PostNotPublic) as caught:
        check_linkable(_spark_post(post=replace(POST, privacy=privacy)))
    assert caught.value.privacy == privacy.value


def test_check_linkable_refuses_a_post_already_linked():
    with pytest.raises(errors.PostAlreadyLinked) as caught:
        check_linkable(_spark_post(linked=True))
    assert caught.value.item_id == POST.item_id


def test_check_linkable_reports_a_deleted_post_before_a_bad_code():
    gone = replace(POST, deleted=True, privacy=Privacy.PRIVATE)
    with pytest.raises(errors.PostDeleted):
        check_linkable(_spark_post(post=gone, code=replace(CODE, revoked_at=0), linked=True))


def test_check_linkable_reports_a_bad_code_before_a_private_post():
    private = replace(POST, privacy=Privacy.PRIVATE)
    with pytest.raises(errors.AuthCodeRevoked):
        check_linkable(_spark_post(post=private, code=replace(CODE, revoked_at=0)))
