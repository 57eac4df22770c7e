"""The creator-app simulator: what a creator does in the TikTok app, refused where it refuses."""

from __future__ import annotations

import random
from dataclasses import dataclass

from mockads.domain import creator_app, errors
from mockads.domain.enums import ItemType, Privacy
from mockads.domain.model import Creator, Post, SparkCode
from mockads.scenarios import plausible
from mockads.services.access import open_sandbox, open_world
from mockads.services.delivery import with_earned_engagement
from mockads.services.ports import Store, WorldRepository

__all__ = [
    "PostView",
    "create_creator",
    "create_post",
    "delete_post",
    "generate_code",
    "get_creator",
    "get_post",
    "list_creators",
    "list_posts",
    "revoke_authorization",
    "update_creator",
    "update_post",
]

# Objects made at run time get unpredictable ids; seeded worlds come from scenarios.
_RNG = random.SystemRandom()


@dataclass(frozen=True, slots=True)
class PostView:
    """A post with its Ad settings as the app shows them: the toggle, the codes, their states."""

    post: Post
    codes: list[SparkCode]
    now: float

    @property
    def active_code(self) -> SparkCode | None:
        """The code that authorizes the post now, if any."""
        return creator_app.active_code(self.codes, self.now)


def _creator(world: WorldRepository, creator_id: str) -> Creator:
    creator = world.get(Creator, creator_id)
    if creator is None:
        raise errors.NotFound("creator", creator_id)
    return creator


def _post(world: WorldRepository, item_id: str, now: float, *, live: bool = True) -> Post:
    """A post that is up (a pushed post waits for its ad's review); live: not deleted."""
    post = world.get(Post, item_id)
    if post is None or not post.published_by(now) or (live and post.deleted):
        raise errors.NotFound("post", item_id)
    return post


def _original(world: WorldRepository, field: str, item_id: str | None, now: float) -> Post | None:
    """The post a Duet/Stitch remixes.

    An unknown one conflicts with the sandbox's state (409): the request is well formed, and
    the 404 of this route means its own path. Deleted originals are returned, so the app's own
    refusal (not public) is given.
    """
    if item_id is None:
        return None
    post = world.get(Post, item_id)
    if post is None or not post.published_by(now):
        raise errors.Conflict(f"{field}: post {item_id} does not exist in this sandbox.")
    return post


def _view(world: WorldRepository, post: Post, now: float, seed: int) -> PostView:
    """The post as the app shows it: its counters include what Spark ads earned it."""
    return PostView(
        with_earned_engagement(world, seed, post, now), world.codes_of(post.item_id), now
    )


def list_creators(store: Store, sandbox_id: str) -> list[Creator]:
    """Every creator of the sandbox."""
    with store.unit_of_work(read_only=True) as uow:
        world, _ = open_world(uow, sandbox_id)
        return world.creators()


def create_creator(
    store: Store,
    sandbox_id: str,
    *,
    handle: str | None = None,
    display_name: str | None = None,
    follower_count: int | None = None,
) -> Creator:
    """A new TikTok account (switch off, terms not agreed); what is left out is made up from
    the sandbox's seed, and what is given wins."""
    with store.unit_of_work() as uow:
        caller = open_sandbox(uow, sandbox_id)
        world, now = caller.world, caller.now
        taken = {c.handle for c in world.creators()}
        if handle in taken:
            raise errors.Conflict(f"handle: @{handle} is taken in this sandbox.")
        made_up = plausible.creator_profile(caller.sandbox.seed, len(taken), taken)
        creator = creator_app.new_creator(
            _RNG,
            handle or made_up[0],
            display_name or (handle if handle else made_up[1]),
            made_up[2] if follower_count is None else follower_count,
            now,
        )
        world.add(creator)
        return creator


def get_creator(store: Store, sandbox_id: str, creator_id: str) -> Creator:
    """One creator."""
    with store.unit_of_work(read_only=True) as uow:
        world, _ = open_world(uow, sandbox_id)
        return _creator(world, creator_id)


def update_creator(
    store: Store,
    sandbox_id: str,
    creator_id: str,
    *,
    allow_authorized_posts: bool | None = None,
    accepted_ad_terms: bool | None = None,
) -> Creator:
    """The profile switch for authorized posts; agreeing to the Advertising Content Terms."""
    with store.unit_of_work() as uow:
        world, _ = open_world(uow, sandbox_id)
        creator = creator_app.update_creator(
            _creator(world, creator_id),
            allow_authorized_posts=allow_authorized_posts,
            accepted_ad_terms=accepted_ad_terms,
        )
        world.replace(creator)
        return creator


def list_posts(store: Store, sandbox_id: str, creator_id: str) -> list[PostView]:
    """A creator's posts, newest first, deleted ones included."""
    with store.unit_of_work(read_only=True) as uow:
        caller = open_sandbox(uow, sandbox_id)
        world, now, seed = caller.world, caller.now, caller.sandbox.seed
        _creator(world, creator_id)
        return [
            _view(world, post, now, seed)
            for post in world.posts_of(creator_id)
            if post.published_by(now)
        ]


def create_post(
    store: Store,
    sandbox_id: str,
    creator_id: str,
    *,
    caption: str | None = None,
    privacy: Privacy = Privacy.PUBLIC,
    item_type: ItemType = ItemType.VIDEO,
    duet_of: str | None = None,
    stitch_of: str | None = None,
) -> PostView:
    """Publish a post: a video or carousel, possibly a Duet or Stitch of another post; without
    a caption, one is made up from the sandbox's seed."""
    with store.unit_of_work() as uow:
        caller = open_sandbox(uow, sandbox_id)
        world, now = caller.world, caller.now
        creator = _creator(world, creator_id)
        if caption is None:
            made = sum(len(world.posts_of(c.creator_id)) for c in world.creators())
            caption = plausible.caption(caller.sandbox.seed, made)
        post = creator_app.new_post(
            _RNG,
            creator,
            now,
            caption=caption,
            privacy=privacy,
            item_type=item_type,
            duet_of=_original(world, "duet_of", duet_of, now),
            stitch_of=_original(world, "stitch_of", stitch_of, now),
        )
        world.add(post)
        return PostView(post, [], now)


def get_post(store: Store, sandbox_id: str, item_id: str) -> PostView:
    """One post with its Ad settings (a deleted post shows `deleted`)."""
    with store.unit_of_work(read_only=True) as uow:
        caller = open_sandbox(uow, sandbox_id)
        world, now = caller.world, caller.now
        return _view(world, _post(world, item_id, now, live=False), now, caller.sandbox.seed)


def update_post(
    store: Store,
    sandbox_id: str,
    item_id: str,
    *,
    caption: str | None = None,
    privacy: Privacy | None = None,
    ads_only_mode: bool | None = None,
    ad_authorization: bool | None = None,
) -> PostView:
    """Edit the caption, privacy, Ads Only Mode or the Ad authorization toggle."""
    with store.unit_of_work() as uow:
        caller = open_sandbox(uow, sandbox_id)
        world, now = caller.world, caller.now
        post = _post(world, item_id, now)
        codes = world.codes_of(item_id)
        post, changed = creator_app.edit_post(
            _creator(world, post.creator_id),
            post,
            codes,
            now,
            caption=caption,
            privacy=privacy,
            ads_only_mode=ads_only_mode,
            ad_authorization=ad_authorization,
            promoted=world.count_ads(item_id=item_id, enabled_only=True) > 0,
        )
        world.replace(post)
        for code in changed:
            world.replace(code)
        return _view(world, post, now, caller.sandbox.seed)


def delete_post(store: Store, sandbox_id: str, item_id: str) -> None:
    """Delete a post; its codes stay, and fail from now on."""
    with store.unit_of_work() as uow:
        world, now = open_world(uow, sandbox_id)
        world.replace(creator_app.delete_post(_post(world, item_id, now), now))


def generate_code(store: Store, sandbox_id: str, item_id: str, days: int) -> SparkCode:
    """Ad settings → choose the period → Generate code."""
    with store.unit_of_work() as uow:
        world, now = open_world(uow, sandbox_id)
        post = _post(world, item_id, now)
        code = creator_app.generate_code(
            _RNG, _creator(world, post.creator_id), post, world.codes_of(item_id), days, now
        )
        world.add(code)
        return code


def revoke_authorization(store: Store, sandbox_id: str, item_id: str) -> PostView:
    """Switch Ad authorization off: the valid code is cancelled at once."""
    return update_post(store, sandbox_id, item_id, ad_authorization=False)
