"""The campaign side of a scenario's world: library videos, a campaign, its ad group and ads."""

from __future__ import annotations

import hashlib
import random
from typing import TYPE_CHECKING, Any

from mockads.domain import ids
from mockads.domain.ads import Ad
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.catalogue import FieldValues
from mockads.domain.enums import (
    AdFormat,
    BudgetMode,
    IdentityType,
    ObjectiveType,
    OperationStatus,
    ReviewOutcome,
)
from mockads.domain.library import LibraryVideo
from mockads.domain.model import Advertiser, Creator, Identity, LinkedPost, Post
from mockads.scenarios.catalog import Market, ScenarioSpec

if TYPE_CHECKING:
    from faker import Faker

__all__ = ["CampaignWorldMixin"]

DAY = 86_400
#: Campaigns began this much earlier than a fresh one: reports have weeks of delivery.
HISTORY_DAYS = 40
#: The targeting of the scenario's ad group, as its name says: 18 and over, any gender.
ADULTS = {
    "age_groups": ["AGE_18_24", "AGE_25_34", "AGE_35_44", "AGE_45_54", "AGE_55_100"],
    "gender": "GENDER_UNLIMITED",
    "languages": ["en"],
    "pacing": "PACING_MODE_SMOOTH",
}


class CampaignWorldMixin:
    """Builds the campaign side; the world builder supplies the accounts, posts and links."""

    spec: ScenarioSpec
    rng: random.Random
    fake: Faker
    creators: list[Creator]
    posts: dict[str, Post]
    identities: list[Identity]
    linked: list[LinkedPost]
    library: list[LibraryVideo]
    campaigns: list[Campaign]
    adgroups: list[AdGroup]
    ads: list[Ad]

    def _campaign(self, advertiser: Advertiser, market: Market) -> None:
        """A running traffic campaign with one ad group in the account's market, ready for ads."""
        created = -(self.rng.randint(2, 20) + HISTORY_DAYS) * DAY
        campaign = Campaign(
            campaign_id=ids.new_numeric_id(self.rng),
            advertiser_id=advertiser.advertiser_id,
            campaign_name=f"{self.fake.catch_phrase()} - Traffic",
            objective_type=ObjectiveType.TRAFFIC,
            budget_mode=BudgetMode.BUDGET_MODE_DAY,
            budget=100.0,
            operation_status=OperationStatus.ENABLE,
            is_smart_plus=False,
            create_time=created,
            modify_time=created,
        )
        self.campaigns.append(campaign)
        adgroup = AdGroup(
            adgroup_id=ids.new_numeric_id(self.rng),
            advertiser_id=advertiser.advertiser_id,
            campaign_id=campaign.campaign_id,
            adgroup_name=f"{market.country} - 18+ - automatic placements",
            placement_type="PLACEMENT_TYPE_AUTOMATIC",
            placements=(),
            location_ids=(market.location_id,),
            budget_mode=BudgetMode.BUDGET_MODE_DAY,
            budget=50.0,
            schedule_type="SCHEDULE_FROM_NOW",
            schedule_start_time=created,
            schedule_end_time=None,
            optimization_goal="CLICK",
            billing_event="CPC",
            bid_type="BID_TYPE_NO_BID",
            bid_price=0.0,
            promotion_type="WEBSITE",
            operation_status=OperationStatus.ENABLE,
            create_time=created,
            modify_time=created,
            settings=FieldValues.of(ADULTS),
        )
        self.adgroups.append(adgroup)
        self._ads(advertiser, adgroup)

    def _library_video(self, advertiser: Advertiser) -> None:
        rng = self.rng
        duration = round(rng.uniform(9, 45), 1)
        bit_rate = rng.randint(1_500_000, 5_000_000)
        video_id = ids.new_video_id(rng)
        file_name = f"{self.fake.slug()}.mp4"
        signature = hashlib.md5(rng.randbytes(16), usedforsecurity=False).hexdigest()
        created = advertiser.create_time + rng.randint(5, 60) * DAY
        self.library.append(
            LibraryVideo(
                video_id=video_id,
                advertiser_id=advertiser.advertiser_id,
                file_name=file_name,
                format="mp4",
                duration=duration,
                width=1080,
                height=1920,
                size=int(bit_rate * duration / 8),
                bit_rate=bit_rate,
                signature=signature,
                create_time=created,
                material_id=ids.numeric_id_for(video_id),
                modify_time=created,
            )
        )

    def _ads(self, advertiser: Advertiser, adgroup: AdGroup) -> None:
        """A Spark ad of a linked post and a non-Spark ad of a library video, both approved."""
        linked = next((k for k in self.linked if k.advertiser_id == advertiser.advertiser_id), None)
        custom = next(
            (
                i
                for i in self.identities
                if i.advertiser_id == advertiser.advertiser_id
                and i.identity_type is IdentityType.CUSTOMIZED_USER
            ),
            None,
        )
        video = next((v for v in self.library if v.advertiser_id == advertiser.advertiser_id), None)
        created = adgroup.create_time + 600
        common: dict[str, Any] = {
            "advertiser_id": advertiser.advertiser_id,
            "campaign_id": adgroup.campaign_id,
            "adgroup_id": adgroup.adgroup_id,
            "ad_format": AdFormat.SINGLE_VIDEO,
            "call_to_action": "LEARN_MORE",
            "landing_page_url": "https://example.com/spring?utm_source=tiktok&utm_medium=paid",
            "dark_post_status": "OFF",
            "operation_status": OperationStatus.ENABLE,
            "review_outcome": ReviewOutcome.APPROVED,
            "review_reason": None,
            "review_due_at": created + 60,
            "create_time": created,
            "modify_time": created,
        }
        if linked is not None:
            post = self.posts[linked.item_id]
            creator = next(c for c in self.creators if c.creator_id == post.creator_id)
            spark = [
                Ad(
                    ad_id=ids.new_numeric_id(self.rng),
                    ad_name=f"Creator post - Spark {number}",
                    identity_type=IdentityType.AUTH_CODE,
                    identity_id=creator.identity_id,
                    identity_authorized_bc_id=None,
                    tiktok_item_id=post.item_id,
                    auth_code=linked.auth_code,
                    video_id=None,
                    ad_text=post.caption,
                    display_name=None,
                    **common,
                )
                for number in range(1, max(self.spec.spark_ads, 1) + 1)
            ]
            self.ads.extend(spark)
        if custom is not None and video is not None:
            self.ads.append(
                Ad(
                    ad_id=ids.new_numeric_id(self.rng),
                    ad_name="Library video - non-Spark",
                    identity_type=IdentityType.CUSTOMIZED_USER,
                    identity_id=custom.identity_id,
                    identity_authorized_bc_id=None,
                    tiktok_item_id=None,
                    auth_code=None,
                    video_id=video.video_id,
                    ad_text=f"{self.fake.catch_phrase()}. Shop now!",
                    display_name=custom.display_name,
                    **common,
                )
            )
