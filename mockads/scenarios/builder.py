"""Build a scenario's world from a seed: same seed, same world, byte for byte.

Times are relative to 0 ("the moment the sandbox starts"); the sandbox service shifts a built
world to its start time, so one cached build serves every sandbox of that scenario and seed.
"""

from __future__ import annotations

import random
import threading
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from mockads.domain import creator_app, ids
from mockads.domain.ads import Ad
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.enums import (
    IdentityType,
    Privacy,
)
from mockads.domain.library import LibraryVideo
from mockads.domain.model import (
    Advertiser,
    BusinessCenter,
    Creator,
    Identity,
    LinkedPost,
    Post,
    SparkCode,
    World,
)
from mockads.domain.oauth import scenario_app
from mockads.scenarios.assets_world import AssetsWorldMixin
from mockads.scenarios.campaign_world import CampaignWorldMixin
from mockads.scenarios.catalog import Market, ScenarioSpec
from mockads.scenarios.templates import load_template, save_template

if TYPE_CHECKING:  # Faker is imported by a build only: a template needs none
    from faker import Faker

__all__ = ["build_world", "warm_up_faker"]

DAY = 86_400
#: How much earlier than a fresh code a linked code began: its ads have a history to report.
LINKED_DAYS_AGO = 35
AVATAR_URL = "https://mockads.invalid/avatar/{}.jpeg"
_faker_lock = threading.Lock()


def build_world(spec: ScenarioSpec, seed: int, *, keep: bool = False) -> World:
    """The world of `spec` for `seed`, anchored at time 0: from memory, else from its template
    on disk, else built. `keep` writes the template a build lacked (the worlds a server starts
    with; not every seed a test suite makes). Worlds are immutable."""
    world, from_template = _world(spec, seed)
    if keep and not from_template:
        save_template(spec, seed, world)
    return world


@lru_cache(maxsize=64)
def _world(spec: ScenarioSpec, seed: int) -> tuple[World, bool]:
    world = load_template(spec, seed)
    if world is not None:
        return world, True
    return build_fresh(spec, seed), False


def build_fresh(spec: ScenarioSpec, seed: int) -> World:
    """The world of `spec` for `seed` built with Faker, whatever any template holds."""
    with _faker_lock:
        world = _WorldBuilder(spec, random.Random(seed), _seeded_faker(seed)).build()
    return replace(world, oauth_apps=(scenario_app(seed),))


@lru_cache(maxsize=1)
def _faker() -> Faker:
    from faker import Faker

    return Faker("en_US")


def warm_up_faker() -> None:
    """Import Faker and make the instance builds use, which the first world built from scratch
    (a sandbox of a new seed) would otherwise wait for: about 100 ms, mostly Faker listing
    its providers and locales. A started server calls it in the background."""
    with _faker_lock:
        _faker()


def _seeded_faker(seed: int) -> Faker:
    fake = _faker()
    fake.seed_instance(seed)
    return fake


class _WorldBuilder(CampaignWorldMixin, AssetsWorldMixin):
    """One build; holds the random sources and what has been made so far."""

    def __init__(self, spec: ScenarioSpec, rng: random.Random, fake: Faker) -> None:
        self.spec = spec
        self.rng = rng
        self.fake = fake
        self.creators: list[Creator] = []
        self.posts: dict[str, Post] = {}
        self.codes: list[SparkCode] = []
        self.identities: list[Identity] = []
        self.linked: list[LinkedPost] = []
        self.business_center_id = ids.new_numeric_id(rng)
        self.library: list[LibraryVideo] = []
        self.campaigns: list[Campaign] = []
        self.adgroups: list[AdGroup] = []
        self.ads: list[Ad] = []

    def build(self) -> World:
        markets = self.spec.markets
        advertisers = [
            self._advertiser(markets[index % len(markets)])
            for index in range(self.spec.advertisers)
        ]
        for advertiser in advertisers:
            self._brand_account(advertiser)
            for _ in range(self.spec.custom_identities):
                self._custom_identity(advertiser)
        for _ in range(self.spec.bc_accounts):
            self._bc_account(advertisers)
        creator_posts = [self._creator_with_posts() for _ in range(self.spec.creators)]
        self._make_some_private([item_id for posts in creator_posts for item_id in posts])
        public = [
            item_id
            for posts in creator_posts
            for item_id in posts
            if self.posts[item_id].privacy is Privacy.PUBLIC
        ]
        self._generate_codes(public, advertisers)
        for _ in range(self.spec.duets):
            self._duet(creator_posts)
        if self.spec.edge_cases and advertisers:
            self._edge_cases(advertisers[0])
        for advertiser in advertisers:
            for _ in range(self.spec.library_videos):
                self._library_video(advertiser)
        for index, advertiser in enumerate(advertisers[: self.spec.campaigns]):
            self._campaign(advertiser, markets[index % len(markets)])
        # Made last, so adding it left every other entity of older scenarios as it was.
        business_centers = self._business_center(advertisers)
        assets = self._assets(advertisers)  # after the Business Center, for the same reason
        return World(
            advertisers=tuple(advertisers),
            creators=tuple(self.creators),
            posts=tuple(self.posts.values()),
            spark_codes=tuple(self.codes),
            identities=tuple(self.identities),
            linked_posts=tuple(self.linked),
            library_videos=tuple(self.library),
            campaigns=tuple(self.campaigns),
            adgroups=tuple(self.adgroups),
            ads=tuple(self.ads),
            business_centers=business_centers,
            **assets,
        )

    # -- accounts ---------------------------------------------------------------------------

    def _advertiser(self, market: Market) -> Advertiser:
        company = self.fake.company()
        return Advertiser(
            advertiser_id=ids.new_numeric_id(self.rng),
            name=f"{company} Ads",
            company=company,
            country=market.country,
            currency=market.currency,
            timezone=market.timezone,
            display_timezone=market.timezone,
            status="STATUS_ENABLE",
            role="ROLE_ADVERTISER",
            balance=round(self.rng.uniform(500, 50_000), 2),
            email=self.fake.company_email(),
            industry="290101",
            language="en",
            description=self.fake.catch_phrase(),
            address=self.fake.address().replace("\n", ", "),
            contacter=self.fake.name(),
            telephone_number=f"+1 *** *** {self.rng.randint(1000, 9999)}",
            cellphone_number=f"+1 *** *** {self.rng.randint(1000, 9999)}",
            license_no="",
            license_url="",
            promotion_area="0",
            rejection_reason="",
            advertiser_account_type="AUCTION",
            create_time=-self.rng.randint(200, 900) * DAY,
        )

    def _creator(self, *, brand_name: str | None = None) -> Creator:
        creator_id = ids.new_numeric_id(self.rng)
        handle = (brand_name or self.fake.user_name()).lower().replace(" ", "").replace(",", "")
        creator = Creator(
            creator_id=creator_id,
            identity_id=ids.new_identity_id(self.rng),
            handle=handle[:24],
            display_name=brand_name or self.fake.name(),
            profile_image=AVATAR_URL.format(creator_id),
            follower_count=self.rng.randint(200, 2_000_000),
            allow_authorized_posts=brand_name is None,
            accepted_ad_terms=brand_name is None,
            create_time=-self.rng.randint(400, 2_000) * DAY,
        )
        self.creators.append(creator)
        return creator

    def _brand_account(self, advertiser: Advertiser) -> None:
        brand = self._creator(brand_name=advertiser.company)
        self.identities.append(
            Identity(
                identity_id=brand.identity_id,
                advertiser_id=advertiser.advertiser_id,
                identity_type=IdentityType.TT_USER,
                display_name=brand.display_name,
                profile_image=brand.profile_image,
                creator_id=brand.creator_id,
                identity_authorized_bc_id=None,
                can_push_video=True,
                can_pull_video=True,
                can_use_live_ads=True,
                create_time=advertiser.create_time + DAY,
            )
        )
        for index in range(self.spec.brand_posts):
            privacy = Privacy.PRIVATE if index == self.spec.brand_posts - 1 else Privacy.PUBLIC
            self._post(brand, privacy=privacy)

    def _bc_account(self, advertisers: list[Advertiser]) -> None:
        """A creator's account authorized to the Business Center (BC_AUTH_TT): an identity of
        every ad account the Business Center owns."""
        creator = self._creator()
        for advertiser in advertisers:
            self.identities.append(
                Identity(
                    identity_id=creator.identity_id,
                    advertiser_id=advertiser.advertiser_id,
                    identity_type=IdentityType.BC_AUTH_TT,
                    display_name=creator.display_name,
                    profile_image=creator.profile_image,
                    creator_id=creator.creator_id,
                    identity_authorized_bc_id=self.business_center_id,
                    can_push_video=True,
                    can_pull_video=True,
                    can_use_live_ads=False,
                    create_time=advertiser.create_time + 3 * DAY,
                )
            )
        for _ in range(2):
            self._post(creator)

    def _business_center(self, advertisers: list[Advertiser]) -> tuple[BusinessCenter, ...]:
        """The Business Center owning every ad account, if the scenario has one."""
        spec = self.spec.business_center
        if spec is None:
            return ()
        company = self.fake.company()
        return (
            BusinessCenter(
                bc_id=self.business_center_id,
                name=f"{company} Business Center",
                company=company,
                currency=spec.currency,
                timezone=spec.timezone,
                registered_area=spec.registered_area,
                status="ENABLE",
                type=spec.type,
                user_role=spec.user_role,
                finance_role=spec.finance_role,
                advertiser_ids=tuple(a.advertiser_id for a in advertisers),
            ),
        )

    def _custom_identity(self, advertiser: Advertiser) -> None:
        identity_id = ids.new_numeric_id(self.rng)
        self.identities.append(
            Identity(
                identity_id=identity_id,
                advertiser_id=advertiser.advertiser_id,
                identity_type=IdentityType.CUSTOMIZED_USER,
                display_name=advertiser.company,
                profile_image=AVATAR_URL.format(identity_id),
                creator_id=None,
                identity_authorized_bc_id=None,
                can_push_video=False,
                can_pull_video=False,
                can_use_live_ads=False,
                create_time=advertiser.create_time + 2 * DAY,
            )
        )

    # -- posts ------------------------------------------------------------------------------

    def _creator_with_posts(self) -> list[str]:
        creator = self._creator()
        low, high = self.spec.posts_per_creator
        return [self._post(creator).item_id for _ in range(self.rng.randint(low, high))]

    def _post(self, creator: Creator, *, privacy: Privacy = Privacy.PUBLIC, **remix: str) -> Post:
        """A post as the app would make it, backdated, with organic engagement."""
        rng = self.rng
        created = -rng.randint(1, 120) * DAY - rng.randint(0, DAY)
        post = creator_app.new_post(
            rng,
            creator,
            created,
            caption=self._caption(),
            privacy=privacy,
            duet_of=self.posts.get(remix.get("duet_original_item_id", "")),
            stitch_of=self.posts.get(remix.get("stitch_original_item_id", "")),
        )
        post = replace(
            post,
            file_name=f"{self.fake.slug()}.mp4",
            views=rng.randint(1_000, 5_000_000),
            likes=rng.randint(50, 400_000),
            comments=rng.randint(0, 20_000),
            shares=rng.randint(0, 30_000),
            follows=rng.randint(0, 5_000),
        )
        self.posts[post.item_id] = post
        return post

    def _make_some_private(self, item_ids: list[str]) -> None:
        for item_id in self.rng.sample(item_ids, min(self.spec.private_posts, len(item_ids))):
            privacy = self.rng.choice([Privacy.PRIVATE, Privacy.FRIENDS])
            self._change_post(item_id, privacy=privacy)

    def _change_post(self, item_id: str, **changes: object) -> None:
        self.posts[item_id] = replace(self.posts[item_id], **changes)  # type: ignore[arg-type]

    # -- codes ------------------------------------------------------------------------------

    def _generate_codes(self, public_posts: list[str], advertisers: list[Advertiser]) -> None:
        counts = self.spec.codes
        wanted = counts.ready + counts.linked + counts.expired + counts.revoked
        chosen = self.rng.sample(public_posts, min(wanted, len(public_posts)))
        kinds = ["ready"] * counts.ready + ["linked"] * counts.linked
        kinds += ["expired"] * counts.expired + ["revoked"] * counts.revoked
        links = 0
        for item_id, kind in zip(chosen, kinds, strict=False):
            code = self._code(item_id, kind)
            if kind == "linked" and advertisers:  # to each ad account in turn
                self._link(advertisers[links % len(advertisers)], code)
                links += 1

    def _code(self, item_id: str, kind: str) -> SparkCode:
        rng = self.rng
        if kind == "expired":
            days = 7
            start = -rng.randint(10, 40) * DAY
        else:
            days = rng.choice([30, 60, 365])
            start = -rng.randint(1, 5) * DAY - rng.randint(0, DAY)
        if kind == "linked":  # linked weeks ago, so the ads promoting it have delivered since
            days, start = max(days, 60), start - LINKED_DAYS_AGO * DAY
        code = SparkCode(
            auth_code=ids.new_auth_code(rng),
            item_id=item_id,
            days=days,
            auth_start_time=start,
            auth_end_time=start + days * DAY,
            revoked_at=start + DAY // 2 if kind == "revoked" else None,
        )
        self.codes.append(code)
        self._change_post(item_id, ad_authorization=kind != "revoked")
        return code

    def _duet(self, creator_posts: list[list[str]]) -> None:
        """A duet by one creator of another's public post; both creators generate codes."""
        candidates = [posts for posts in creator_posts if posts]
        if len(candidates) < 2:
            return
        first, second = self.rng.sample(candidates, 2)
        public = [i for i in first if self.posts[i].privacy is Privacy.PUBLIC]
        if not public:
            return
        original = public[0]
        duet_creator = next(
            c for c in self.creators if c.creator_id == self.posts[second[0]].creator_id
        )
        duet = self._post(duet_creator, duet_original_item_id=original)
        if not any(code.item_id == original for code in self.codes):
            self._code(original, "ready")
        self._code(duet.item_id, "ready")

    # -- edge cases: one code for every way linking can fail ------------------------------

    def _edge_cases(self, advertiser: Advertiser) -> None:
        """Codes in every state of design rules 2-3, each on a post of its own."""
        creator = self._creator()
        for kind in ("ready", "linked", "expired", "revoked"):
            item_id = self._post(creator).item_id
            code = self._code(item_id, kind)
            if kind == "linked":
                self._link(advertiser, code)
        invalidated = self._code(self._post(creator).item_id, "revoked")
        self._change_code(invalidated, invalidated_at=invalidated.auth_start_time + DAY)
        self._change_post(invalidated.item_id, caption=self._caption(), modify_time=-DAY)
        deleted = self._code(self._post(creator).item_id, "ready")
        self._change_post(deleted.item_id, deleted=True)
        for privacy in (Privacy.PRIVATE, Privacy.FRIENDS):
            hidden = self._code(self._post(creator).item_id, "ready")
            self._change_post(hidden.item_id, privacy=privacy)
        ineligible = self._code(self._post(creator).item_id, "ready")
        self._change_post(
            ineligible.item_id, ineligible_reason="it uses commercial music not licensed for ads"
        )
        original = self._post(creator)
        self._code(original.item_id, "ready")
        remixer = self._creator()
        self._code(self._post(remixer, duet_original_item_id=original.item_id).item_id, "ready")
        self._code(self._post(remixer, stitch_original_item_id=original.item_id).item_id, "ready")

    def _link(self, advertiser: Advertiser, code: SparkCode) -> None:
        self.linked.append(
            LinkedPost(
                advertiser_id=advertiser.advertiser_id,
                item_id=code.item_id,
                auth_code=code.auth_code,
                linked_at=code.auth_start_time + 3_600,
            )
        )

    def _change_code(self, code: SparkCode, **changes: object) -> None:
        index = self.codes.index(code)
        self.codes[index] = replace(code, **changes)  # type: ignore[arg-type]

    def _caption(self) -> str:
        tags = " ".join(f"#{self.fake.word()}" for _ in range(self.rng.randint(1, 3)))
        return f"{self.fake.sentence(nb_words=8).rstrip('.')} {tags}"
