"""The trainer's page: classes (one `training` sandbox per trainee, tokens on a printable sheet),
each trainee's progress, and the levers: reset, the sandbox clock, pending reviews. Off loopback
it needs the admin token, as the control plane does. And the trainee's own exercises page."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, redirect, request, session, url_for
from werkzeug.wrappers import Response

from mockads.console.auth import signed_in, workspace
from mockads.console.blueprint import console, page, store
from mockads.console.spark_posts import plain_words
from mockads.domain import errors
from mockads.domain.enums import ReviewOutcome
from mockads.services import reviews, sandboxes, training

__all__ = ["for_trainers"]

DAY = 86_400
CLOCK_STEPS = {"1": "1 day", "7": "7 days", "31": "31 days"}


def _admin_token() -> str | None:
    return current_app.extensions["mockads"].admin_token  # type: ignore[no-any-return]


def for_trainers(view: Callable[..., Any]) -> Callable[..., Any]:
    """A trainer's page: open on loopback; elsewhere after signing in with the admin token."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _admin_token() is not None and not session.get("trainer"):
            return redirect(url_for("console.trainer_sign_in"))
        return view(*args, **kwargs)

    return wrapper


@console.route("/trainer/sign-in", methods=["GET", "POST"])
def trainer_sign_in() -> Any:
    """The admin token the server printed at start (or `MOCKADS_ADMIN_TOKEN`)."""
    expected = _admin_token()
    if expected is None:
        return redirect(url_for("console.trainer"))
    problem = None
    if request.method == "POST":
        given = request.form.get("admin_token", "").strip()
        if hmac.compare_digest(given.encode(), expected.encode()):
            session["trainer"] = True
            return redirect(url_for("console.trainer"))
        problem = "That is not this server's admin token."
    return page("trainer_sign_in.html", problem=problem), 200 if problem is None else 401


@console.get("/trainer")
@for_trainers
def trainer() -> str:
    """Every class, each trainee's sandbox, progress, clock and pending reviews."""
    return _trainer_page(problem=None)


def _trainer_page(problem: str | None) -> str:
    """The classes with each trainee's progress and pending reviews, and the class form."""
    rows = {
        name: [
            (summary, _progress(summary.sandbox.sandbox_id), _pending(summary))
            for summary in members
        ]
        for name, members in training.classes(store()).items()
    }
    return page("trainer.html", classes=rows, steps=CLOCK_STEPS, form=request.form, problem=problem)


def _progress(sandbox_id: str) -> list[tuple[Any, bool]]:
    return training.trainee_progress(store(), sandbox_id)


def _pending(summary: sandboxes.SandboxSummary) -> int:
    found, _ = reviews.list_reviews(store(), summary.sandbox.sandbox_id, ReviewOutcome.IN_REVIEW)
    return len(found)


@console.post("/trainer/classes")
@for_trainers
def create_class() -> Any:
    """Names in, one sandbox per trainee out; then the sheet of tokens."""
    name = request.form.get("class_name", "")
    try:
        training.create_class(store(), name, request.form.get("names", "").splitlines())
    except errors.MockadsError as error:
        return _trainer_page(problem=plain_words(error)), 422
    return redirect(url_for("console.class_sheet", class_name=name.strip()))


@console.get("/trainer/classes/<class_name>/sheet")
@for_trainers
def class_sheet(class_name: str) -> str:
    """A page to print: each trainee's name, access token and where to sign in."""
    members = training.classes(store()).get(class_name)
    if members is None:
        raise errors.NotFound("class", class_name)
    sign_in = url_for("console.sign_in", _external=True)
    return page("class_sheet.html", class_name=class_name, members=members, sign_in=sign_in)


@console.post("/trainer/sandboxes/<sandbox_id>/reset")
@for_trainers
def reset(sandbox_id: str) -> Response:
    """Back to the scenario: the trainee starts over, with the same token."""
    sandbox_id = _trainee(sandbox_id)
    sandboxes.reset_sandbox(store(), sandbox_id, current_app.extensions["mockads"].instruments)
    return redirect(url_for("console.trainer"))


@console.post("/trainer/sandboxes/<sandbox_id>/clock")
@for_trainers
def move_clock(sandbox_id: str) -> Response:
    """Move the trainee's sandbox clock forward (codes expire, schedules start and end)."""
    days = request.form.get("days", "")
    if days not in CLOCK_STEPS:
        raise errors.InvalidParameter("days", f"one of {', '.join(CLOCK_STEPS)}.")
    sandboxes.set_clock(store(), _trainee(sandbox_id), advance_seconds=int(days) * DAY)
    return redirect(url_for("console.trainer"))


@console.post("/trainer/sandboxes/<sandbox_id>/open")
@for_trainers
def open_sandbox(sandbox_id: str) -> Response:
    """Work in a trainee's sandbox as they see it (the trainer stays signed in as trainer)."""
    summary = sandboxes.get_sandbox(store(), _trainee(sandbox_id))
    session["access_token"] = summary.sandbox.access_token
    session.pop("advertiser_id", None)
    return redirect(url_for("console.spark_posts"))


@console.get("/trainer/sandboxes/<sandbox_id>/reviews")
@for_trainers
def pending_reviews(sandbox_id: str) -> str:
    """The trainee's ads waiting for review, to approve or reject."""
    summary = sandboxes.get_sandbox(store(), _trainee(sandbox_id))
    found, now = reviews.list_reviews(store(), sandbox_id, ReviewOutcome.IN_REVIEW)
    return page("trainer_reviews.html", summary=summary, ads=found, now=now)


@console.post("/trainer/sandboxes/<sandbox_id>/reviews/<ad_id>")
@for_trainers
def decide(sandbox_id: str, ad_id: str) -> Response:
    """Approve, or reject with a reason the trainee will read."""
    decision = request.form.get("decision")
    if decision not in ("approve", "reject"):
        raise errors.InvalidParameter("decision", "approve or reject.")
    reason = request.form.get("reason", "").strip() or None
    reviews.decide_review(store(), _trainee(sandbox_id), ad_id, decision=decision, reason=reason)
    return redirect(url_for("console.pending_reviews", sandbox_id=sandbox_id))


def _trainee(sandbox_id: str) -> str:
    """A sandbox of a class (the trainer page touches no other sandbox)."""
    for members in training.classes(store()).values():
        if any(summary.sandbox.sandbox_id == sandbox_id for summary in members):
            return sandbox_id
    raise errors.NotFound("sandbox", sandbox_id)


@console.get("/exercises")
@signed_in
def exercises() -> str:
    """The trainee's exercises and which the sandbox shows done."""
    try:
        found = training.trainee_progress(store(), workspace().sandbox_id)
    except errors.InvalidParameter:
        found = []
    return page("exercises.html", progress=found)
