"""The creator-app simulator: `/sandboxes/{sid}/creators|posts/...`, as a creator uses the app."""

from __future__ import annotations

from flask import Response, jsonify

from mockads.control.blueprint import control
from mockads.control.responses import json_body, store
from mockads.schemas.creator_app import (
    AuthorizationCreateRequest,
    CreatorCreateRequest,
    CreatorUpdateRequest,
    PostCreateRequest,
    PostUpdateRequest,
    code_data,
    creator_data,
    post_data,
)
from mockads.services import creator_app

_CREATOR_CREATE = CreatorCreateRequest()
_CREATOR_UPDATE = CreatorUpdateRequest()
_POST_CREATE = PostCreateRequest()
_POST_UPDATE = PostUpdateRequest()
_AUTHORIZATION_CREATE = AuthorizationCreateRequest()


@control.get("/sandboxes/<sandbox_id>/creators")
def creator_list(sandbox_id: str) -> Response:
    """Every creator of the sandbox."""
    creators = creator_app.list_creators(store(), sandbox_id)
    return jsonify({"creators": [creator_data(sandbox_id, c) for c in creators]})


@control.post("/sandboxes/<sandbox_id>/creators")
def creator_create(sandbox_id: str) -> tuple[Response, int]:
    """A new TikTok account."""
    creator = creator_app.create_creator(store(), sandbox_id, **json_body(_CREATOR_CREATE))
    return jsonify(creator_data(sandbox_id, creator)), 201


@control.get("/sandboxes/<sandbox_id>/creators/<creator_id>")
def creator_get(sandbox_id: str, creator_id: str) -> Response:
    """One creator."""
    return jsonify(
        creator_data(sandbox_id, creator_app.get_creator(store(), sandbox_id, creator_id))
    )


@control.patch("/sandboxes/<sandbox_id>/creators/<creator_id>")
def creator_update(sandbox_id: str, creator_id: str) -> Response:
    """The authorized-posts switch; agreeing to the Advertising Content Terms."""
    changes = json_body(_CREATOR_UPDATE)
    return jsonify(
        creator_data(
            sandbox_id, creator_app.update_creator(store(), sandbox_id, creator_id, **changes)
        )
    )


@control.get("/sandboxes/<sandbox_id>/creators/<creator_id>/posts")
def post_list(sandbox_id: str, creator_id: str) -> Response:
    """A creator's posts with their Ad settings."""
    views = creator_app.list_posts(store(), sandbox_id, creator_id)
    return jsonify({"posts": [post_data(sandbox_id, v) for v in views]})


@control.post("/sandboxes/<sandbox_id>/creators/<creator_id>/posts")
def post_create(sandbox_id: str, creator_id: str) -> tuple[Response, int]:
    """Publish a video or carousel, possibly a Duet or Stitch."""
    view = creator_app.create_post(store(), sandbox_id, creator_id, **json_body(_POST_CREATE))
    return jsonify(post_data(sandbox_id, view)), 201


@control.get("/sandboxes/<sandbox_id>/posts/<item_id>")
def post_get(sandbox_id: str, item_id: str) -> Response:
    """One post with its Ad settings and codes."""
    return jsonify(post_data(sandbox_id, creator_app.get_post(store(), sandbox_id, item_id)))


@control.patch("/sandboxes/<sandbox_id>/posts/<item_id>")
def post_update(sandbox_id: str, item_id: str) -> Response:
    """Edit caption, privacy, Ads Only Mode or the Ad authorization toggle."""
    view = creator_app.update_post(store(), sandbox_id, item_id, **json_body(_POST_UPDATE))
    return jsonify(post_data(sandbox_id, view))


@control.delete("/sandboxes/<sandbox_id>/posts/<item_id>")
def post_delete(sandbox_id: str, item_id: str) -> tuple[str, int]:
    """Delete a post."""
    creator_app.delete_post(store(), sandbox_id, item_id)
    return "", 204


@control.post("/sandboxes/<sandbox_id>/posts/<item_id>/authorization")
def authorization_create(sandbox_id: str, item_id: str) -> tuple[Response, int]:
    """Ad settings: choose the period and generate the code."""
    days = json_body(_AUTHORIZATION_CREATE)["days"]
    code = creator_app.generate_code(store(), sandbox_id, item_id, days)
    return jsonify(code_data(code, code.auth_start_time)), 201


@control.delete("/sandboxes/<sandbox_id>/posts/<item_id>/authorization")
def authorization_delete(sandbox_id: str, item_id: str) -> Response:
    """Switch Ad authorization off: the valid code is cancelled."""
    return jsonify(
        post_data(sandbox_id, creator_app.revoke_authorization(store(), sandbox_id, item_id))
    )
