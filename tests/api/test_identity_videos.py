"""Identities and their posts: `identity/create/`, `identity/get/`, `identity/video/get|info/`."""

from __future__ import annotations

import pytest

from tests.api.lifecycle_helpers import (
    call,
    make_post,
    new_code,
    ready_creator,
)

UNKNOWN_ID = "7000000000000000003"
IDENTITY_TYPES = {"TT_USER", "CUSTOMIZED_USER", "BC_AUTH_TT", "AUTH_CODE"}


def _identities(sandbox, **params):
    body = sandbox.get("identity/get/", advertiser_id=sandbox.advertiser_id, page_size=50, **params)
    assert body["code"] == 0, body
    return body["data"]["identity_list"]


def _identity(sandbox, identity_type):
    return next(i for i in _identities(sandbox) if i["identity_type"] == identity_type)


def _creator_of(sandbox, identity):
    """The creator (control plane) behind a TikTok identity."""
    _, body = call(sandbox, "GET", "/creators")
    return next(c for c in body["creators"] if c["identity_id"] == identity["identity_id"])


def _posts_of(sandbox, creator_id):
    """A creator's posts as the app lists them (newest first), deleted ones left out."""
    _, body = call(sandbox, "GET", f"/creators/{creator_id}/posts")
    return [p for p in body["posts"] if not p["deleted"]]


def _videos(sandbox, identity, **params):
    """`identity/video/get/` for an identity of identity/get."""
    query = {
        "advertiser_id": sandbox.advertiser_id,
        "identity_type": identity["identity_type"],
        "identity_id": identity["identity_id"],
        **params,
    }
    if identity.get("identity_authorized_bc_id") and "identity_authorized_bc_id" not in params:
        query["identity_authorized_bc_id"] = identity["identity_authorized_bc_id"]
    return sandbox.get("identity/video/get/", **query)


def _video_info(sandbox, identity, item_id, **params):
    query = {
        "advertiser_id": sandbox.advertiser_id,
        "identity_type": identity["identity_type"],
        "identity_id": identity["identity_id"],
        "item_id": item_id,
        **params,
    }
    if identity.get("identity_authorized_bc_id"):
        query["identity_authorized_bc_id"] = identity["identity_authorized_bc_id"]
    return sandbox.get("identity/video/info/", **query)


def _item_ids(body):
    assert body["code"] == 0, body
    return [v["item_id"] for v in body["data"]["video_list"]]


def _refused(body, code, field):
    assert (body["code"], body["data"]) == (code, {}), body
    assert body["message"].startswith(f"{field}: "), body["message"]


def _link(sandbox, auth_code):
    body = {"advertiser_id": sandbox.advertiser_id, "auth_code": auth_code}
    assert sandbox.post("tt_video/authorize/", body)["code"] == 0


def _linked_creator(sandbox, *captions):
    """A new creator with one linked post per caption; the creator and the codes."""
    creator = ready_creator(sandbox, display_name="Linked Creator")
    codes = [new_code(sandbox, creator["creator_id"], caption) for caption in captions]
    for code in codes:
        _link(sandbox, code["auth_code"])
    return creator, codes


def _auth_code_identity(creator):
    return {"identity_type": "AUTH_CODE", "identity_id": creator["identity_id"]}


# -- identity/create --------------------------------------------------------------------------


def test_identity_create_makes_a_customized_user_listed_by_identity_get(mockads_sandbox):
    body = mockads_sandbox.post(
        "identity/create/",
        {
            "advertiser_id": mockads_sandbox.advertiser_id,
            "display_name": "Summer Sale",
            "image_uri": "https://cdn.example/avatar.png",
        },
    )
    assert body["code"] == 0, body
    identity_id = body["data"]["identity_id"]
    assert identity_id.isdigit()
    listed = [
        i
        for i in _identities(mockads_sandbox, identity_type="CUSTOMIZED_USER")
        if i["identity_id"] == identity_id
    ]
    assert listed == [
        {
            "identity_id": identity_id,
            "identity_type": "CUSTOMIZED_USER",
            "display_name": "Summer Sale",
            "profile_image": "https://cdn.example/avatar.png",
            "can_push_video": False,
            "can_pull_video": False,
            "can_use_live_ads": False,
            "identity_authorized_bc_id": None,
        }
    ]


def test_identity_create_gives_a_default_avatar(mockads_sandbox):
    body = mockads_sandbox.post(
        "identity/create/", {"advertiser_id": mockads_sandbox.advertiser_id, "display_name": "X"}
    )
    identity_id = body["data"]["identity_id"]
    (made,) = [i for i in _identities(mockads_sandbox) if i["identity_id"] == identity_id]
    assert made["profile_image"].startswith("https://")


@pytest.mark.parametrize(
    "extra", [{}, {"display_name": ""}, {"display_name": "x" * 101}, {"display_name": 5}]
)
def test_identity_create_refuses_a_missing_or_bad_display_name(mockads_sandbox, extra):
    before = _identities(mockads_sandbox)
    body = mockads_sandbox.post(
        "identity/create/", {"advertiser_id": mockads_sandbox.advertiser_id, **extra}
    )
    _refused(body, 40002, "display_name")
    assert _identities(mockads_sandbox) == before


def test_identity_create_refuses_an_advertiser_of_another_sandbox(mockads_sandbox, other_sandbox):
    before = _identities(other_sandbox)
    body = mockads_sandbox.post(
        "identity/create/", {"advertiser_id": other_sandbox.advertiser_id, "display_name": "X"}
    )
    _refused(body, 40001, "advertiser_id")
    assert _identities(other_sandbox) == before


# -- identity/get -----------------------------------------------------------------------------


def test_identity_get_shows_all_four_identity_types(mockads_sandbox):
    assert {i["identity_type"] for i in _identities(mockads_sandbox)} == IDENTITY_TYPES


def test_identity_get_shows_the_business_center_of_a_bc_auth_tt_account(mockads_sandbox):
    for identity in _identities(mockads_sandbox):
        bc_id = identity["identity_authorized_bc_id"]
        if identity["identity_type"] == "BC_AUTH_TT":
            assert bc_id is not None and bc_id.isdigit()
        else:
            assert bc_id is None


def test_identity_get_filters_by_business_center(mockads_sandbox):
    bc = _identity(mockads_sandbox, "BC_AUTH_TT")
    found = _identities(mockads_sandbox, identity_authorized_bc_id=bc["identity_authorized_bc_id"])
    assert found == [bc]


def test_identity_get_adds_an_auth_code_identity_once_a_creators_post_is_linked(mockads_sandbox):
    creator = ready_creator(mockads_sandbox, display_name="Fresh Face")
    code = new_code(mockads_sandbox, creator["creator_id"], "link me")
    ids = {i["identity_id"] for i in _identities(mockads_sandbox, identity_type="AUTH_CODE")}
    assert creator["identity_id"] not in ids
    _link(mockads_sandbox, code["auth_code"])
    (added,) = [
        i
        for i in _identities(mockads_sandbox, identity_type="AUTH_CODE")
        if i["identity_id"] == creator["identity_id"]
    ]
    assert (added["display_name"], added["profile_image"]) == (
        "Fresh Face",
        creator["profile_image"],
    )
    assert (added["can_pull_video"], added["can_push_video"]) == (True, False)


def test_identity_get_drops_the_auth_code_identity_once_its_post_is_unbound(mockads_sandbox):
    creator, (code,) = _linked_creator(mockads_sandbox, "one post")
    mockads_sandbox.post(
        "tt_video/unbind/",
        {"advertiser_id": mockads_sandbox.advertiser_id, "item_id": code["item_id"]},
    )
    ids = {i["identity_id"] for i in _identities(mockads_sandbox, identity_type="AUTH_CODE")}
    assert creator["identity_id"] not in ids


# -- identity/video/get: TT_USER --------------------------------------------------------------


def test_video_get_lists_every_post_of_the_brand_account_private_ones_too(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    posts = _posts_of(mockads_sandbox, _creator_of(mockads_sandbox, brand)["creator_id"])
    body = _videos(mockads_sandbox, brand)
    assert _item_ids(body) == [p["item_id"] for p in posts]
    assert "PRIVATE" in {v["privacy"] for v in body["data"]["video_list"]}
    assert (body["data"]["cursor"], body["data"]["has_more"]) == (len(posts), False)


def test_video_get_shows_the_brand_posts_as_the_app_does(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    posts = _posts_of(mockads_sandbox, _creator_of(mockads_sandbox, brand)["creator_id"])
    videos = _videos(mockads_sandbox, brand)["data"]["video_list"]
    for post, video in zip(posts, videos, strict=True):
        assert (video["text"], video["privacy"], video["item_type"]) == (
            post["caption"],
            post["privacy"],
            post["item_type"],
        )
        assert video["auth_info"] == {
            "ad_auth_status": "AUTHORIZED",
            "auth_start_time": None,
            "auth_end_time": None,
        }


def test_video_get_pages_by_cursor_and_count(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    every = _item_ids(_videos(mockads_sandbox, brand))
    seen, cursor, pages = [], 0, []
    while True:
        data = _videos(mockads_sandbox, brand, cursor=cursor, count=1)["data"]
        seen += [v["item_id"] for v in data["video_list"]]
        pages.append((data["cursor"], data["has_more"]))
        cursor = data["cursor"]
        if not data["has_more"]:
            break
    assert seen == every
    assert pages == [(n, n < len(every)) for n in range(1, len(every) + 1)]


def test_video_get_past_the_end_is_empty(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    data = _videos(mockads_sandbox, brand, cursor=100, count=5)["data"]
    assert (data["video_list"], data["has_more"]) == ([], False)


def test_video_get_leaves_out_a_deleted_brand_post(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    before = _item_ids(_videos(mockads_sandbox, brand))
    call(mockads_sandbox, "DELETE", f"/posts/{before[0]}")
    assert _item_ids(_videos(mockads_sandbox, brand)) == before[1:]


def test_video_get_shows_a_new_brand_post(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    creator_id = _creator_of(mockads_sandbox, brand)["creator_id"]
    post = make_post(mockads_sandbox, creator_id, "new launch", privacy="PRIVATE")
    assert post["item_id"] in _item_ids(_videos(mockads_sandbox, brand))


@pytest.mark.parametrize("count", [0, 51])
def test_video_get_refuses_a_count_out_of_range(mockads_sandbox, count):
    brand = _identity(mockads_sandbox, "TT_USER")
    _refused(_videos(mockads_sandbox, brand, count=count), 40002, "count")


# -- identity/video/get: BC_AUTH_TT -----------------------------------------------------------


def test_video_get_of_a_bc_account_lists_its_posts(mockads_sandbox):
    bc = _identity(mockads_sandbox, "BC_AUTH_TT")
    posts = _posts_of(mockads_sandbox, _creator_of(mockads_sandbox, bc)["creator_id"])
    assert posts
    assert _item_ids(_videos(mockads_sandbox, bc)) == [p["item_id"] for p in posts]


def test_video_get_of_a_bc_account_needs_its_business_center(mockads_sandbox):
    bc = _identity(mockads_sandbox, "BC_AUTH_TT")
    query = {k: v for k, v in bc.items() if k != "identity_authorized_bc_id"}
    _refused(_videos(mockads_sandbox, query), 40002, "identity_authorized_bc_id")


def test_video_get_of_a_bc_account_refuses_another_business_center(mockads_sandbox):
    bc = _identity(mockads_sandbox, "BC_AUTH_TT")
    body = _videos(mockads_sandbox, bc, identity_authorized_bc_id=UNKNOWN_ID)
    _refused(body, 40002, "identity_authorized_bc_id")


# -- identity/video/get: AUTH_CODE, CUSTOMIZED_USER, unknown ----------------------------------


def test_video_get_of_an_auth_code_identity_lists_the_posts_linked_through_it(mockads_sandbox):
    creator, codes = _linked_creator(mockads_sandbox, "first", "second")
    new_code(mockads_sandbox, creator["creator_id"], "not linked")
    found = _item_ids(_videos(mockads_sandbox, _auth_code_identity(creator)))
    assert sorted(found) == sorted(c["item_id"] for c in codes)


def test_video_get_of_an_auth_code_identity_shows_each_authorization(mockads_sandbox):
    creator, (code,) = _linked_creator(mockads_sandbox, "only")
    (video,) = _videos(mockads_sandbox, _auth_code_identity(creator))["data"]["video_list"]
    assert video["auth_info"] == {
        "ad_auth_status": "AUTHORIZED",
        "auth_start_time": code["auth_start_time"],
        "auth_end_time": code["auth_end_time"],
    }


def test_video_get_of_the_scenarios_auth_code_identities(mockads_sandbox):
    linked = {c["item_id"] for c in mockads_sandbox.summary["sample_codes"] if c["linked"]}
    found = set()
    for identity in _identities(mockads_sandbox, identity_type="AUTH_CODE"):
        found.update(_item_ids(_videos(mockads_sandbox, identity)))
    assert found == linked


def test_video_get_of_a_creator_with_nothing_linked_is_refused(mockads_sandbox):
    creator = ready_creator(mockads_sandbox)
    new_code(mockads_sandbox, creator["creator_id"], "not linked")
    _refused(_videos(mockads_sandbox, _auth_code_identity(creator)), 40001, "identity_id")


def test_video_get_of_a_customized_user_is_refused(mockads_sandbox):
    custom = _identity(mockads_sandbox, "CUSTOMIZED_USER")
    _refused(_videos(mockads_sandbox, custom), 40002, "identity_type")


@pytest.mark.parametrize("identity_type", ["TT_USER", "BC_AUTH_TT", "AUTH_CODE"])
def test_video_get_of_an_unknown_identity_is_refused(mockads_sandbox, identity_type):
    unknown = {"identity_type": identity_type, "identity_id": UNKNOWN_ID}
    body = _videos(mockads_sandbox, unknown, identity_authorized_bc_id=UNKNOWN_ID)
    _refused(body, 40001, "identity_id")


def test_video_get_refuses_an_identity_under_another_type(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    as_bc = {**brand, "identity_type": "BC_AUTH_TT", "identity_authorized_bc_id": UNKNOWN_ID}
    _refused(_videos(mockads_sandbox, as_bc), 40001, "identity_id")


def test_video_get_refuses_an_unknown_identity_type(mockads_sandbox):
    body = _videos(mockads_sandbox, {"identity_type": "PAGE", "identity_id": UNKNOWN_ID})
    _refused(body, 40002, "identity_type")


def test_video_get_refuses_an_advertiser_of_another_sandbox(mockads_sandbox, other_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    body = _videos(mockads_sandbox, brand, advertiser_id=other_sandbox.advertiser_id)
    _refused(body, 40001, "advertiser_id")


# -- identity/video/info ----------------------------------------------------------------------


def test_video_info_returns_one_video_detail_with_its_counters(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    first = _videos(mockads_sandbox, brand)["data"]["video_list"][0]
    body = _video_info(mockads_sandbox, brand, first["item_id"])
    assert body["code"] == 0, body
    detail = body["data"]["video_detail"]
    statistics = detail.pop("statistics")
    assert body["data"] == {"video_detail": first}
    assert set(statistics) == {
        "view_count",
        "like_count",
        "comment_count",
        "share_count",
        "follow_count",
    }


def test_video_info_of_a_bc_account_post(mockads_sandbox):
    bc = _identity(mockads_sandbox, "BC_AUTH_TT")
    (item_id, *_) = _item_ids(_videos(mockads_sandbox, bc))
    assert _video_info(mockads_sandbox, bc, item_id)["data"]["video_detail"]["item_id"] == item_id


def test_video_info_of_a_linked_post_shows_its_authorization(mockads_sandbox):
    creator, (code,) = _linked_creator(mockads_sandbox, "linked")
    body = _video_info(mockads_sandbox, _auth_code_identity(creator), code["item_id"])
    detail = body["data"]["video_detail"]
    assert (detail["item_id"], detail["text"]) == (code["item_id"], "linked")
    assert detail["auth_info"]["auth_end_time"] == code["auth_end_time"]


def test_video_info_shows_the_images_of_a_carousel(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    creator_id = _creator_of(mockads_sandbox, brand)["creator_id"]
    post = make_post(mockads_sandbox, creator_id, "lookbook", item_type="CAROUSEL")
    detail = _video_info(mockads_sandbox, brand, post["item_id"])["data"]["video_detail"]
    assert detail["item_type"] == "CAROUSEL"
    assert detail["carousel_info"]["image_info"]


def test_video_info_of_a_video_has_no_carousel_info(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    first = _item_ids(_videos(mockads_sandbox, brand))[0]
    detail = _video_info(mockads_sandbox, brand, first)["data"]["video_detail"]
    assert detail["carousel_info"] is None


def test_video_info_refuses_an_unknown_item(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    _refused(_video_info(mockads_sandbox, brand, UNKNOWN_ID), 40001, "item_id")


def test_video_info_refuses_the_post_of_another_identity(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    bc = _identity(mockads_sandbox, "BC_AUTH_TT")
    (bc_item, *_) = _item_ids(_videos(mockads_sandbox, bc))
    _refused(_video_info(mockads_sandbox, brand, bc_item), 40001, "item_id")


def test_video_info_refuses_a_deleted_post(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    first = _item_ids(_videos(mockads_sandbox, brand))[0]
    call(mockads_sandbox, "DELETE", f"/posts/{first}")
    _refused(_video_info(mockads_sandbox, brand, first), 40001, "item_id")


def test_video_info_refuses_a_customized_user(mockads_sandbox):
    custom = _identity(mockads_sandbox, "CUSTOMIZED_USER")
    _refused(_video_info(mockads_sandbox, custom, UNKNOWN_ID), 40002, "identity_type")


def test_video_info_requires_item_id(mockads_sandbox):
    brand = _identity(mockads_sandbox, "TT_USER")
    body = mockads_sandbox.get(
        "identity/video/info/",
        advertiser_id=mockads_sandbox.advertiser_id,
        identity_type="TT_USER",
        identity_id=brand["identity_id"],
    )
    _refused(body, 40002, "item_id")
