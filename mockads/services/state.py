"""Sandbox state: a whole sandbox (world, clock, review policy, uploaded media) out and back in.

A state is everything of a sandbox but its id, access token and creation time, which belong to
the sandbox it is imported into. Its rows are the store's tables as JSON (`Store.load_rows`
checks them); its media are the files kept for its library videos, images and posts, by MD5, so
that a state restores uploads on another server. Importing replaces the sandbox's world, clock
and policy in one unit of work, or creates the sandbox; a state that is wrong anywhere changes
nothing.
"""

from __future__ import annotations

import hashlib
import io
import random
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mockads.domain import errors
from mockads.domain.clock import Clock, check_sandbox_time
from mockads.domain.ids import new_access_token
from mockads.domain.images import IMAGE_FORMATS
from mockads.domain.library import MAX_VIDEO_BYTES
from mockads.domain.model import Sandbox
from mockads.domain.review import ReviewPolicy
from mockads.scenarios import load_scenario
from mockads.services.access import real_time
from mockads.services.ports import Instruments, MediaStore, Store, UnitOfWork
from mockads.services.reports import warm_deliveries
from mockads.services.sandboxes import SandboxSummary, require_sandbox, summarize

__all__ = ["FORMAT_VERSION", "SandboxState", "export_state", "import_state"]

#: The version of the state document this mockads writes and reads.
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class SandboxState:
    """Everything of a sandbox but its id, token and creation time."""

    name: str
    scenario: str
    seed: int
    clock: Clock
    review_policy: ReviewPolicy
    #: Table name -> rows (column -> JSON value); as sent until `Store.load_rows` checks them.
    tables: Any
    #: The video files kept for the state's rows, by MD5.
    media: dict[str, bytes]


def export_state(store: Store, media: MediaStore, sandbox_id: str) -> SandboxState:
    """The whole sandbox: rows in primary-key order, and the media files it keeps."""
    with store.unit_of_work(read_only=True) as uow:
        sandbox = require_sandbox(uow, sandbox_id)
        tables = uow.world(sandbox_id).dump_rows()
    kept: dict[str, bytes] = {}
    for signature, video_format in sorted(_media_of(tables)):
        data = media.kept(signature, video_format)
        if data is not None:
            kept.setdefault(signature, data)
    return SandboxState(
        name=sandbox.name,
        scenario=sandbox.scenario,
        seed=sandbox.seed,
        clock=sandbox.clock,
        review_policy=sandbox.review_policy,
        tables=tables,
        media=kept,
    )


def import_state(
    store: Store,
    media: MediaStore,
    sandbox_id: str,
    state: SandboxState,
    *,
    access_token: str | None = None,
    instruments: Instruments | None = None,
) -> tuple[SandboxSummary, bool]:
    """Replace the sandbox's world, clock and policy with `state`, or create the sandbox (a new
    token unless `access_token` is given); the summary, and whether it was created. Like a
    reset, an import empties the sandbox's faults and journal.

    Everything is checked before anything is written: rows, scenario, clock, media.
    """
    rows = store.load_rows(state.tables)
    _check_scenario(state.scenario)
    check_sandbox_time(state.clock.now(real_time()), "sandbox.clock")
    _keep_media(media, state)
    with store.unit_of_work() as uow:
        existing = uow.sandboxes.get(sandbox_id)
        token = access_token or (existing.access_token if existing else _new_token())
        holder = uow.sandboxes.by_token(token)
        if holder is not None and holder[0].sandbox_id != sandbox_id:
            raise errors.Conflict("access_token: already used by another sandbox.")
        _check_app_tokens(uow, sandbox_id, rows.get("oauth_grants", []))
        sandbox = Sandbox(
            sandbox_id=sandbox_id,
            name=state.name,
            scenario=state.scenario,
            seed=state.seed,
            access_token=token,
            created_at=existing.created_at if existing else real_time(),
            clock=state.clock,
            review_policy=state.review_policy,
        )
        if existing is None:
            uow.sandboxes.add(sandbox)
        else:
            uow.sandboxes.update(sandbox)
        uow.world(sandbox_id).replace_rows(rows)
        summary = summarize(uow, sandbox)
    warm_deliveries(store, sandbox_id, sandbox.seed, sandbox.clock.now(real_time()))
    if instruments is not None:
        instruments.forget(sandbox_id)  # its seed may have changed: the cached token goes too
    return summary, existing is None


def _check_app_tokens(uow: UnitOfWork, sandbox_id: str, grants: list[dict[str, Any]]) -> None:
    """An app's token opens one sandbox: a state holding a token of another is refused (import
    it once, or delete the token's row)."""
    for index, grant in enumerate(grants):
        token = grant["access_token"]
        holder = uow.sandboxes.by_token(token)
        if holder is not None and holder[0].sandbox_id != sandbox_id:
            raise errors.Conflict(
                f"tables.oauth_grants[{index}].access_token: already a token of another sandbox."
            )


def _new_token() -> str:
    return new_access_token(random.Random(secrets.randbits(64)))


def _check_scenario(name: str) -> None:
    """A sandbox resets to its scenario: the state's must exist here."""
    try:
        load_scenario(name)
    except errors.NotFound:
        raise errors.InvalidParameter("sandbox.scenario", f"no scenario called {name!r}.") from None


def _media_of(tables: Mapping[str, Any]) -> set[tuple[str, str]]:
    """(MD5, format) of every row that names a media file (library videos and images, posts)."""
    return {
        (row["signature"], row["format"])
        for rows in tables.values()
        for row in rows
        if isinstance(row.get("signature"), str) and isinstance(row.get("format"), str)
    }


def _keep_media(media: MediaStore, state: SandboxState) -> None:
    """Check every media file (named by a row, its MD5, a video of the rows' format), then
    keep them all; kept files are content-addressed, so keeping changes no sandbox."""
    formats: dict[str, set[str]] = {}
    for signature, video_format in _media_of(state.tables):
        formats.setdefault(signature, set()).add(video_format)
    for md5, data in sorted(state.media.items()):
        where = f"media.{md5}"
        if md5 not in formats:
            raise errors.InvalidParameter(where, "no row has this signature.")
        actual = hashlib.md5(data, usedforsecurity=False).hexdigest()
        if actual != md5:
            raise errors.InvalidParameter(where, f"the data's MD5 is {actual}.")
    for md5, data in sorted(state.media.items()):
        where = f"media.{md5}"
        try:
            with media.stage(io.BytesIO(data), MAX_VIDEO_BYTES) as staged:
                if formats[md5] <= set(IMAGE_FORMATS):
                    image = media.probe_image(staged)
                    _check_format(where, image.format, formats[md5])
                    media.keep_image(staged, image)
                else:
                    facts = media.probe(staged)
                    _check_format(where, facts.format, formats[md5])
                    media.keep(staged, facts)
        except (errors.VideoRejected, errors.ImageRejected) as refusal:
            raise errors.InvalidParameter(where, refusal.message) from None


def _check_format(where: str, actual: str, said: set[str]) -> None:
    """The file is of the format every row naming it says."""
    if said != {actual}:
        raise errors.InvalidParameter(where, f"the file is {actual}; its rows say {sorted(said)}.")
