"""The Spark ad cap's kept count equals a real count of the ads, whatever clients do (Hypothesis).

`spark_ad_counts` keeps, per advertiser, the Spark ads that are not deleted, so `ad/create/`
need not count them (issue 16). Under random sequences of creates (Spark, pushed and non-Spark
creatives, several a call), status changes, ad group and campaign deletions, resets and state
imports, the kept count, whenever it exists, equals `COUNT(*)` over the ads, and the count a
writer reads (counted again from the ads when it was dropped) does too.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from mockads.store.tables import spark_ad_counts
from mockads.testing import CONTROL, Sandbox
from tests import generation
from tests.api.ads_helpers import library_creative, spark_creative
from tests.api.push_helpers import account, adgroup_id, push_creative

KINDS = st.lists(st.sampled_from(["auth_code", "push", "library"]), min_size=1, max_size=4)
STATUSES = st.sampled_from(["DISABLE", "ENABLE", "DELETE"])


class SparkAdCountMachine(RuleBasedStateMachine):
    """One sandbox of the default scenario; ads, ad groups and campaigns changed at random."""

    def __init__(self, app: Flask) -> None:
        super().__init__()
        self.app = app
        self.store = app.extensions["mockads"].store
        self.sandbox: Sandbox | None = None
        self.ad_ids: list[str] = []
        self.adgroup_ids: list[str] = []
        self.campaign_ids: list[str] = []

    @initialize()
    def open_sandbox(self) -> None:
        client = self.app.test_client()
        response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": 1})
        assert response.status_code == 201
        self.sandbox = sandbox = Sandbox(client, response.get_json())
        (linked, *_) = sandbox.get("tt_video/list/", advertiser_id=sandbox.advertiser_id)["data"][
            "list"
        ]
        self.creatives = {
            "auth_code": spark_creative(
                "AUTH_CODE", linked["user_info"]["identity_id"], linked["item_info"]["item_id"]
            ),
            "push": push_creative(sandbox, account(sandbox, "TT_USER")),
            "library": library_creative(sandbox),
        }
        self.adgroup_ids = [adgroup_id(sandbox)]

    def teardown(self) -> None:
        if self.sandbox is not None:
            self.sandbox.client.delete(f"{CONTROL}/sandboxes/{self.sandbox.sandbox_id}")

    @property
    def _sandbox(self) -> Sandbox:
        assert self.sandbox is not None
        return self.sandbox

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._sandbox.post(path, {"advertiser_id": self._sandbox.advertiser_id, **body})

    # -- what clients and the control plane do ----------------------------------------------------

    @rule(data=st.data(), kinds=KINDS)
    def create(self, data: st.DataObject, kinds: list[str]) -> None:
        adgroup = data.draw(st.sampled_from(self.adgroup_ids))
        creatives = [self.creatives[kind] for kind in kinds]
        body = self._post("ad/create/", {"adgroup_id": adgroup, "creatives": creatives})
        assert body["code"] in (0, 40700), body  # 40700: the ad group was deleted or reset away
        if body["code"] == 0:
            self.ad_ids.extend(body["data"]["ad_ids"])

    @rule(data=st.data(), status=STATUSES)
    def set_status(self, data: st.DataObject, status: str) -> None:
        if self.ad_ids:
            chosen = data.draw(st.lists(st.sampled_from(self.ad_ids), min_size=1, max_size=3))
            body = self._post("ad/status/update/", {"ad_ids": chosen, "operation_status": status})
            assert body["code"] in (0, 40700), body

    @rule(data=st.data(), kind=st.sampled_from(["adgroup", "campaign"]))
    def delete_parent(self, data: st.DataObject, kind: str) -> None:
        if kind == "adgroup":
            chosen = data.draw(st.sampled_from(self.adgroup_ids))
        else:
            campaigns = self.campaign_ids or [self._campaign_of(self.adgroup_ids[0])]
            chosen = data.draw(st.sampled_from(campaigns))
        body = self._post(
            f"{kind}/status/update/", {f"{kind}_ids": [chosen], "operation_status": "DELETE"}
        )
        assert body["code"] in (0, 40700), body

    @rule()
    def new_adgroup(self) -> None:
        number = len(self.campaign_ids) + 1
        campaign = self._post(
            "campaign/create/",
            {
                "campaign_name": f"Counted {number}",
                "objective_type": "TRAFFIC",
                "budget_mode": "BUDGET_MODE_INFINITE",
            },
        )
        assert campaign["code"] == 0, campaign
        campaign_id = campaign["data"]["campaign_id"]
        adgroup = self._post(
            "adgroup/create/",
            {
                "campaign_id": campaign_id,
                "adgroup_name": f"Counted {number}",
                "location_ids": ["6252001"],
                "schedule_start_time": "2026-01-01 00:00:00",
                "optimization_goal": "CLICK",
                "billing_event": "CPC",
            },
        )
        assert adgroup["code"] == 0, adgroup
        self.campaign_ids.append(campaign_id)
        self.adgroup_ids.append(adgroup["data"]["adgroup_id"])

    @rule()
    def reset(self) -> None:
        self._sandbox.step("POST", "/reset", {})

    @rule()
    def export_and_import(self) -> None:
        self._sandbox.import_state(self._sandbox.export_state())

    @rule()
    def writer_reads_the_count(self) -> None:
        kept = self._count_a_writer_reads()
        assert kept == self._real_count()
        assert self._kept_count() == kept

    # -- what must hold after every step ----------------------------------------------------------

    @invariant()
    def kept_count_is_the_real_count(self) -> None:
        if self.sandbox is not None:
            kept = self._kept_count()
            assert kept is None or kept == self._real_count()

    def _campaign_of(self, adgroup: str) -> str:
        listed = self._sandbox.get(
            "adgroup/get/",
            advertiser_id=self._sandbox.advertiser_id,
            filtering={"adgroup_ids": [adgroup], "primary_status": "STATUS_ALL"},
        )
        return str(listed["data"]["list"][0]["campaign_id"])

    def _kept_count(self) -> int | None:
        """The stored count, or None while it is dropped."""
        with self.store.engine.connect() as connection:
            return connection.execute(
                select(spark_ad_counts.c.spark_ads).where(
                    spark_ad_counts.c.sandbox_id == self._sandbox.sandbox_id,
                    spark_ad_counts.c.advertiser_id == self._sandbox.advertiser_id,
                )
            ).scalar_one_or_none()

    def _count_a_writer_reads(self) -> int:
        with self.store.unit_of_work() as uow:
            world = uow.world(self._sandbox.sandbox_id)
            return int(world.spark_ad_count(self._sandbox.advertiser_id))

    def _real_count(self) -> int:
        with self.store.unit_of_work(read_only=True) as uow:
            world = uow.world(self._sandbox.sandbox_id)
            return int(world.count_ads(advertiser_id=self._sandbox.advertiser_id, spark_only=True))


def test_the_kept_spark_ad_count_is_the_real_count_whatever_clients_do(mockads_app):
    run_state_machine_as_test(
        lambda: SparkAdCountMachine(mockads_app),
        settings=settings(
            max_examples=generation.examples(25),
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
