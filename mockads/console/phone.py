"""The creator's phone: the TikTok app as a creator uses it for Spark Ads.

Profile → Settings and privacy → allow authorized posts; a post → Ad settings → the
Advertising Content Terms → the Ad authorization toggle → 7/30/60/365 days → Generate code →
Copy Code; privacy, caption and TikTok Ads Only Mode. Each step is refused where the app
refuses it, with the app's reason; nothing reaches past the signed-in sandbox.
"""

from __future__ import annotations

from typing import Any

from flask import flash, get_flashed_messages, redirect, request, url_for
from werkzeug.wrappers import Response

from mockads.console.auth import signed_in, workspace
from mockads.console.blueprint import console, page, store
from mockads.console.spark_posts import plain_words
from mockads.domain import errors
from mockads.domain.creator_app import CODE_DAYS
from mockads.domain.enums import Privacy
from mockads.services import creator_app

__all__: list[str] = []

_SWITCHES = {"on": True, "off": False}


def _sandbox() -> str:
    return workspace().sandbox_id


@console.get("/phone")
@signed_in
def phone() -> str:
    """The accounts on this phone: every creator (and brand account) of the sandbox."""
    return page("phone/accounts.html", creators=creator_app.list_creators(store(), _sandbox()))


@console.get("/phone/<creator_id>")
@signed_in
def profile(creator_id: str) -> str:
    """A creator's profile: Settings and privacy, and their posts."""
    creator = creator_app.get_creator(store(), _sandbox(), creator_id)
    posts = creator_app.list_posts(store(), _sandbox(), creator_id)
    return page("phone/profile.html", creator=creator, posts=posts)


@console.post("/phone/<creator_id>/settings")
@signed_in
def settings(creator_id: str) -> Response:
    """Settings and privacy → allow authorized posts (on/off); agree to the ad terms."""
    changes: dict[str, bool] = {}
    if (switch := request.form.get("allow_authorized_posts")) in _SWITCHES:
        changes["allow_authorized_posts"] = _SWITCHES[switch]
    if request.form.get("accepted_ad_terms") == "agree":
        changes["accepted_ad_terms"] = True
    try:
        creator_app.update_creator(store(), _sandbox(), creator_id, **changes)
    except errors.AppRefusal as refusal:
        return _back("console.profile", plain_words(refusal), creator_id=creator_id)
    next_post = request.form.get("item_id")
    if next_post:
        return redirect(url_for("console.post", item_id=next_post))
    return redirect(url_for("console.profile", creator_id=creator_id))


@console.get("/phone/posts/<item_id>")
@signed_in
def post(item_id: str) -> str:
    """A post and its Ad settings: the terms, the toggle, the period, the codes."""
    view = creator_app.get_post(store(), _sandbox(), item_id)
    creator = creator_app.get_creator(store(), _sandbox(), view.post.creator_id)
    return page(
        "phone/post.html",
        view=view,
        creator=creator,
        days=CODE_DAYS,
        privacies=[p.value for p in Privacy],
        new_code=next(iter(get_flashed_messages(category_filter=["code"])), None),
    )


@console.post("/phone/posts/<item_id>")
@signed_in
def edit_post(item_id: str) -> Response:
    """Edit the caption, privacy, Ads Only Mode or the Ad authorization toggle."""
    form = request.form
    changes: dict[str, Any] = {}
    if "caption" in form:
        changes["caption"] = form["caption"]
    if form.get("privacy") in Privacy.__members__:
        changes["privacy"] = Privacy(form["privacy"])
    if form.get("ads_only_mode") in _SWITCHES:
        changes["ads_only_mode"] = _SWITCHES[form["ads_only_mode"]]
    if form.get("ad_authorization") in _SWITCHES:
        changes["ad_authorization"] = _SWITCHES[form["ad_authorization"]]
    try:
        creator_app.update_post(store(), _sandbox(), item_id, **changes)
    except (errors.AppRefusal, errors.InvalidParameter) as refusal:
        return _back("console.post", plain_words(refusal), item_id=item_id)
    return redirect(url_for("console.post", item_id=item_id))


@console.post("/phone/posts/<item_id>/code")
@signed_in
def generate_code(item_id: str) -> Response:
    """Choose how long the code lasts, then Generate code."""
    chosen = request.form.get("days", "")
    days = int(chosen) if chosen.isdigit() else 0
    try:
        code = creator_app.generate_code(store(), _sandbox(), item_id, days)
    except (errors.AppRefusal, errors.InvalidParameter) as refusal:
        return _back("console.post", plain_words(refusal), item_id=item_id)
    flash(code.auth_code, "code")
    return redirect(url_for("console.post", item_id=item_id))


def _back(endpoint: str, problem: str, **args: str) -> Response:
    """Back to the screen the step was taken on, with the app's reason."""
    flash(problem, "problem")
    return redirect(url_for(endpoint, **args))
