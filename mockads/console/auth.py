"""Signing in with a sandbox's access token, and the workspace every page is drawn for.

The session (a signed cookie, path `/console`) holds the token and the chosen advertiser; each
request opens the workspace again, so a token deleted with its sandbox signs its holder out.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, redirect, request, session, url_for
from werkzeug.wrappers import Response

from mockads.console.blueprint import console, page, store
from mockads.domain import errors
from mockads.services.workspace import Workspace, open_workspace

__all__ = ["signed_in", "workspace"]


def workspace() -> Workspace:
    """The signed-in user's workspace (set by `signed_in`)."""
    return g.workspace  # type: ignore[no-any-return]


def signed_in(view: Callable[..., Any]) -> Callable[..., Any]:
    """A page for signed-in users only; others go to the sign-in page."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            g.workspace = open_workspace(
                store(), session.get("access_token"), session.get("advertiser_id")
            )
        except errors.MockadsError:
            session.clear()
            return redirect(url_for("console.sign_in", next=request.full_path))
        return view(*args, **kwargs)

    return wrapper


@console.get("/")
def home() -> Response:
    """The console starts at the Spark ads posts of the creative library."""
    return redirect(url_for("console.spark_posts"))


@console.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> Any:
    """Sign in with the access token of a sandbox (the trainer hands them out)."""
    problem = None
    if request.method == "POST":
        token = request.form.get("access_token", "").strip()
        try:
            opened = open_workspace(store(), token)
        except errors.MockadsError:
            problem = "This access token opens no sandbox. Check it with your trainer."
        else:
            session.clear()
            session["access_token"] = opened.access_token
            session["advertiser_id"] = opened.advertiser.advertiser_id
            return redirect(_safe_next(request.args.get("next")))
    status = 200 if problem is None else 401
    return page("sign_in.html", problem=problem), status


@console.post("/sign-out")
def sign_out() -> Response:
    """Forget the token: the next page asks for one again."""
    session.clear()
    return redirect(url_for("console.sign_in"))


@console.post("/advertiser")
@signed_in
def choose_advertiser() -> Response:
    """Work as another of the sandbox's advertisers."""
    chosen = request.form.get("advertiser_id", "")
    if any(a.advertiser_id == chosen for a in workspace().advertisers):
        session["advertiser_id"] = chosen
    return redirect(url_for("console.spark_posts"))


def _safe_next(target: str | None) -> str:
    """Only a console path is a place to go back to (never another site)."""
    if target and target.startswith("/console/") and not target.startswith("/console//"):
        return target
    return url_for("console.spark_posts")
