"""Tools → Creative library → Spark ads posts: the linked posts, and Apply for Authorization
(paste up to 20 video codes, Search, see each post, Confirm)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request, url_for

from mockads.console.auth import signed_in, workspace
from mockads.console.blueprint import console, page, store
from mockads.domain import errors
from mockads.domain.spark import MAX_BATCH_CODES, SparkPost, is_dual_creator
from mockads.services import spark

__all__ = ["Found", "plain_words"]


def plain_words(error: errors.MockadsError) -> str:
    """What went wrong, without the API's `[REASON] field:` prefix, as a sentence."""
    text = error.message.split(": ", 1)[-1]
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class Found:
    """One code of a search: its post, or why it cannot be used."""

    auth_code: str
    post: SparkPost | None
    problem: str | None

    @property
    def needs_original_code(self) -> bool:
        """A Duet or Stitch needs the code of the post it was made from (two creators)."""
        return self.post is not None and is_dual_creator(self.post.post, self.post.original)


def _codes(text: str) -> list[str]:
    """One code a line, in the order pasted, each once."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


@console.get("/spark-posts")
@signed_in
def spark_posts() -> str:
    """The posts linked to the advertiser, newest link first, with their authorization."""
    number = request.args.get("page", "1")
    current = int(number) if number.isdigit() and 0 < int(number) < 10_000 else 1
    listed = spark.tt_video_list(
        store(),
        workspace().access_token,
        workspace().advertiser.advertiser_id,
        page=current,
        page_size=20,
    )
    return page("spark_posts.html", listed=listed)


@console.get("/spark-posts/apply")
@signed_in
def apply_for_authorization() -> str:
    """Apply for Authorization: a box for up to 20 video codes."""
    return page("apply.html", codes="", problem=None, limit=MAX_BATCH_CODES)


@console.post("/spark-posts/search")
@signed_in
def search_codes() -> Any:
    """Search: each code's post, or why it cannot be linked, before anything is linked."""
    text = request.form.get("auth_codes", "")
    codes = _codes(text)
    problem = None
    if not codes:
        problem = "Paste at least one video code."
    elif len(codes) > MAX_BATCH_CODES:
        problem = f"At most {MAX_BATCH_CODES} codes at a time; you pasted {len(codes)}."
    if problem:
        return page("apply.html", codes=text, problem=problem, limit=MAX_BATCH_CODES), 422
    found = [_search(code) for code in codes]
    return page("search.html", found=found)


def _search(auth_code: str) -> Found:
    try:
        post = spark.preview_link(
            store(), workspace().access_token, workspace().advertiser.advertiser_id, auth_code
        )
    except errors.MockadsError as error:
        return Found(auth_code, None, plain_words(error))
    return Found(auth_code, post, None)


@console.post("/spark-posts/confirm")
@signed_in
def confirm_codes() -> Any:
    """Confirm: link each code's post (a Duet or Stitch with its original's code), or say why
    not; a refused code changes nothing."""
    codes = request.form.getlist("auth_code")[:MAX_BATCH_CODES]
    entries = [
        (code, request.form.get(f"original_for_{number}", "").strip() or None)
        for number, code in enumerate(codes)
    ]
    if not entries:
        return page("apply.html", codes="", problem="Search codes first.", limit=20), 422
    results = spark.batch_authorize(
        store(), workspace().sandbox_id, workspace().advertiser.advertiser_id, entries
    )
    rows = [
        (r.auth_code, r.linked is not None, plain_words(r.error) if r.error else None)
        for r in results
    ]
    return page("linked.html", rows=rows, listed_url=url_for("console.spark_posts"))
