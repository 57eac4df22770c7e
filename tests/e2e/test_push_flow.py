"""Push Spark ads against a real `mockads serve` process, over HTTP.

The advertiser uploads the sample video as a real multipart form (as the official SDK does),
fetches its cover and preview from the links in the answer, runs it as a TT_USER ad, and the
video appears under the brand's account as a PRIVATE post only once review passes; the creator
makes it public in the app and the ad's engagement lands on it.
"""

from __future__ import annotations

import hashlib
import json
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Server, ok, run_readme_script

pytestmark = pytest.mark.e2e

MIRROR = "/open_api/v1.3"
SAMPLE = Path(__file__).resolve().parents[2] / "mockads" / "fixtures" / "media" / "sample.mp4"


def _multipart(fields: dict[str, str], file_field: str, path: Path) -> tuple[bytes, str]:
    """A multipart/form-data body with text fields and one file, and its content type."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f"--{boundary}\r\nContent-Disposition: form-data; "
        f'name="{file_field}"; filename="{path.name}"\r\n'
        "Content-Type: video/mp4\r\n\r\n".encode()
        + path.read_bytes()
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _upload(server: Server, token: str, advertiser_id: str) -> dict[str, Any]:
    body, content_type = _multipart(
        {
            "advertiser_id": advertiser_id,
            "upload_type": "UPLOAD_BY_FILE",
            "video_signature": hashlib.md5(SAMPLE.read_bytes()).hexdigest(),
            "flaw_detect": "false",
        },
        "video_file",
        SAMPLE,
    )
    request = urllib.request.Request(
        f"{server.base_url}{MIRROR}/file/video/ad/upload/", data=body, method="POST"
    )
    request.add_header("Content-Type", content_type)
    request.add_header("Access-Token", token)
    with urllib.request.urlopen(request, timeout=10) as response:
        answer = json.loads(response.read())
    assert (answer["code"], answer["message"]) == (0, "OK"), answer
    (video,) = answer["data"]
    return video


def _fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get_content_type(), response.read()


def test_an_uploaded_video_is_served_back_and_published_privately_once_its_ad_passes_review(
    server: Server,
) -> None:
    sandbox = ok(server.call("POST", "/_mockads/v1/sandboxes", {"seed": 21}), 201)
    sid, adv = sandbox["sandbox_id"], sandbox["advertiser_ids"][0]
    control = f"/_mockads/v1/sandboxes/{sid}"
    server.token = sandbox["access_token"]
    try:
        # Upload the sample; its cover and preview load from the links in the answer.
        video = _upload(server, sandbox["access_token"], adv)
        assert (video["width"], video["height"], video["duration"]) == (540, 960, 6.0)
        assert video["file_name"] == "sample.mp4"
        assert video["video_cover_url"].startswith(server.base_url + "/media/poster/")
        kind, cover = _fetch(video["video_cover_url"])
        assert kind == "image/jpeg" and cover.startswith(b"\xff\xd8")
        kind, preview = _fetch(video["preview_url"])
        assert (kind, preview) == ("video/mp4", SAMPLE.read_bytes())

        # info and search find it.
        found = ok(
            server.call(
                "GET",
                f"{MIRROR}/file/video/ad/info/",
                advertiser_id=adv,
                video_ids=[video["video_id"]],
            )
        )["list"]
        assert [v["signature"] for v in found] == [video["signature"]]
        page = ok(
            server.call(
                "GET",
                f"{MIRROR}/file/video/ad/search/",
                advertiser_id=adv,
                filtering={"video_name": "SAMPLE"},
            )
        )
        assert [v["video_id"] for v in page["list"]] == [video["video_id"]]

        # Run it as the brand account's ad: nothing is published while the ad is in review.
        ok(server.call("POST", f"{control}/clock", {"freeze": True}))
        (brand,) = ok(
            server.call(
                "GET", f"{MIRROR}/identity/get/", advertiser_id=adv, identity_type="TT_USER"
            )
        )["identity_list"]
        assert brand["can_push_video"] is True
        adgroup = ok(server.call("GET", f"{MIRROR}/adgroup/get/", advertiser_id=adv))["list"][0]

        def brand_posts() -> list[dict[str, Any]]:
            return ok(
                server.call(
                    "GET",
                    f"{MIRROR}/identity/video/get/",
                    advertiser_id=adv,
                    identity_type="TT_USER",
                    identity_id=brand["identity_id"],
                )
            )["video_list"]

        before = {p["item_id"] for p in brand_posts()}
        (ad_id,) = ok(
            server.call(
                "POST",
                f"{MIRROR}/ad/create/",
                {
                    "advertiser_id": adv,
                    "adgroup_id": adgroup["adgroup_id"],
                    "creatives": [
                        {
                            "ad_name": "Pushed sample",
                            "identity_type": "TT_USER",
                            "identity_id": brand["identity_id"],
                            "video_id": video["video_id"],
                            "ad_text": "Fresh from the library #push",
                        }
                    ],
                },
            )
        )["ad_ids"]

        def ad() -> dict[str, Any]:
            (found,) = ok(
                server.call(
                    "GET", f"{MIRROR}/ad/get/", advertiser_id=adv, filtering={"ad_ids": [ad_id]}
                )
            )["list"]
            return found

        assert (ad()["secondary_status"], ad()["tiktok_item_id"]) == ("AD_STATUS_REVIEW", None)
        assert {p["item_id"] for p in brand_posts()} == before

        # Review passes: exactly one new PRIVATE post, captioned with the ad text.
        ok(server.call("POST", f"{control}/clock", {"advance_seconds": 61}))
        published = ad()
        assert published["secondary_status"] == "AD_STATUS_DELIVERY_OK"
        new = [p for p in brand_posts() if p["item_id"] not in before]
        assert [(p["item_id"], p["privacy"], p["text"]) for p in new] == [
            (published["tiktok_item_id"], "PRIVATE", "Fresh from the library #push")
        ]
        kind, poster = _fetch(new[0]["video_info"]["poster_url"])
        assert (kind, poster) == ("image/jpeg", cover)

        # The creator makes it public in the app; the ad's engagement lands on it.
        item_path = f"{control}/posts/{published['tiktok_item_id']}"
        assert ok(server.call("PATCH", item_path, {"privacy": "PUBLIC"}))["privacy"] == "PUBLIC"
        credited = ok(
            server.call("POST", f"{control}/ads/{ad_id}/engagement", {"views": 1200, "likes": 90})
        )
        assert credited["item_id"] == published["tiktok_item_id"]
        assert ok(server.call("GET", item_path))["engagement"]["likes"] == 90
    finally:
        server.token = None
        server.call("DELETE", f"/_mockads/v1/sandboxes/{sid}")


def test_the_readme_push_flow_in_5_curl_calls_publishes_a_private_post(server: Server) -> None:
    answers = run_readme_script(
        "## Push Spark Ads in 5 curl calls", server.base_url, cwd=SAMPLE.parents[3]
    )
    created, newest = answers[0], answers[-1]
    assert created["code"] == 0, created
    (post,) = newest["data"]["video_list"]
    assert (post["privacy"], post["text"]) == ("PRIVATE", "Straight from the library")
    kind, _ = _fetch(post["video_info"]["poster_url"])
    assert kind == "image/jpeg"
