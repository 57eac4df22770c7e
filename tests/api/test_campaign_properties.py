"""Campaigns, ad groups and ads against a model, under random sequences of calls (Hypothesis).

The model is what a client was told: every create, rename and status change that answered code 0.
After every step, `*/get/` must show exactly that — names and statuses, deleted objects only
when asked for, delete cascading from campaign to ad groups to ads — and every change to a
deleted object must answer 40700 and change nothing.
"""

from __future__ import annotations

import itertools
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

from mockads.testing import CONTROL, Sandbox
from tests import generation
from tests.api.ads_helpers import ALL, library_creative

STATUSES = st.sampled_from(["ENABLE", "DISABLE", "DELETE"])
_names = (f"Model {n}" for n in itertools.count(1))


class CampaignsMachine(RuleBasedStateMachine):
    """One sandbox and a campaign → ad group → ad to start from; more made, renamed and
    switched at random, deleted ones included (changing those must fail)."""

    def __init__(self, app: Flask) -> None:
        super().__init__()
        self.app = app
        self.sandbox: Sandbox | None = None
        # kind -> object id -> {"name", "status", "parent"}: what clients were told.
        self.model: dict[str, dict[str, dict[str, Any]]] = {"campaign": {}, "adgroup": {}, "ad": {}}

    @initialize()
    def open_sandbox(self) -> None:
        client = self.app.test_client()
        response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": 1})
        assert response.status_code == 201
        self.sandbox = Sandbox(client, response.get_json())
        self.creative = library_creative(self.sandbox)
        self.create_ad(self.create_adgroup(self.create_campaign("BUDGET_MODE_INFINITE")))

    def teardown(self) -> None:
        if self.sandbox is not None:
            self.sandbox.client.delete(f"{CONTROL}/sandboxes/{self.sandbox.sandbox_id}")

    # -- creates ----------------------------------------------------------------------------------

    @rule(budget_mode=st.sampled_from(["BUDGET_MODE_INFINITE", "BUDGET_MODE_DAY"]))
    def new_campaign(self, budget_mode: str) -> None:
        self.create_campaign(budget_mode)

    def create_campaign(self, budget_mode: str) -> str:
        name = next(_names)
        body = {"campaign_name": name, "objective_type": "TRAFFIC", "budget_mode": budget_mode}
        if budget_mode == "BUDGET_MODE_DAY":
            body["budget"] = 100
        answer = self._post("campaign/create/", body)
        assert answer["code"] == 0, answer
        return self._made("campaign", answer["data"]["campaign_id"], name, None)

    @rule(data=st.data())
    def new_adgroup(self, data: st.DataObject) -> None:
        self.create_adgroup(self._pick(data, "campaign"))

    def create_adgroup(self, campaign_id: str) -> str:
        name = next(_names)
        answer = self._post(
            "adgroup/create/",
            {
                "campaign_id": campaign_id,
                "adgroup_name": name,
                "location_ids": ["6252001"],
                "schedule_start_time": "2026-01-01 00:00:00",
                "optimization_goal": "CLICK",
                "billing_event": "CPC",
            },
        )
        return self._made_unless_deleted("adgroup", answer, "adgroup_id", name, campaign_id)

    @rule(data=st.data())
    def new_ad(self, data: st.DataObject) -> None:
        self.create_ad(self._pick(data, "adgroup"))

    def create_ad(self, adgroup_id: str) -> str:
        name = next(_names)
        answer = self._post(
            "ad/create/",
            {"adgroup_id": adgroup_id, "creatives": [{**self.creative, "ad_name": name}]},
        )
        if answer["code"] == 0:
            answer["data"]["ad_id"] = answer["data"]["ad_ids"][0]
        return self._made_unless_deleted("ad", answer, "ad_id", name, adgroup_id)

    # -- changes ----------------------------------------------------------------------------------

    @rule(data=st.data(), kind=st.sampled_from(["campaign", "adgroup", "ad"]))
    def rename(self, data: st.DataObject, kind: str) -> None:
        object_id = self._pick(data, kind)
        name = next(_names)
        answer = self._post(f"{kind}/update/", {f"{kind}_id": object_id, f"{kind}_name": name})
        known = self.model[kind][object_id]
        if known["status"] == "DELETE":
            assert answer["code"] == 40700, answer
            return
        assert answer["code"] == 0, answer
        known["name"] = name

    @rule(data=st.data(), kind=st.sampled_from(["campaign", "adgroup", "ad"]), status=STATUSES)
    def switch(self, data: st.DataObject, kind: str, status: str) -> None:
        object_id = self._pick(data, kind)
        answer = self._post(
            f"{kind}/status/update/", {f"{kind}_ids": [object_id], "operation_status": status}
        )
        known = self.model[kind][object_id]
        if known["status"] == "DELETE":
            assert answer["code"] == 40700, answer
            return
        assert answer["code"] == 0, answer
        known["status"] = status
        if status == "DELETE":
            self._cascade(kind, object_id)

    # -- what must hold after every step ----------------------------------------------------------

    @invariant()
    def every_get_shows_what_clients_were_told(self) -> None:
        if self.sandbox is None:
            return
        for kind in ("campaign", "adgroup", "ad"):
            expected = self.model[kind]
            every = self._listed(kind, ALL)
            assert {i: (o["name"], o["status"]) for i, o in every.items()} == {
                i: (o["name"], o["status"]) for i, o in expected.items()
            }, kind
            live = self._listed(kind, {})
            assert set(live) == {i for i, o in expected.items() if o["status"] != "DELETE"}, kind

    # -- plumbing ---------------------------------------------------------------------------------

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        assert self.sandbox is not None
        return self.sandbox.post(path, {"advertiser_id": self.sandbox.advertiser_id, **body})

    def _made(self, kind: str, object_id: str, name: str, parent: str | None) -> str:
        self.model[kind][object_id] = {"name": name, "status": "ENABLE", "parent": parent}
        return object_id

    def _made_unless_deleted(
        self, kind: str, answer: dict[str, Any], id_field: str, name: str, parent: str
    ) -> str:
        if self.model["campaign" if kind == "adgroup" else "adgroup"][parent]["status"] == "DELETE":
            assert answer["code"] == 40700, answer
            return ""
        assert answer["code"] == 0, answer
        return self._made(kind, answer["data"][id_field], name, parent)

    def _pick(self, data: st.DataObject, kind: str) -> str:
        """One of this machine's objects of a kind, deleted ones included.

        Drawn in creation order, not by id: ids differ from run to run, and Hypothesis replays a
        run by its draws, so the same draw must name the same object.
        """
        return data.draw(st.sampled_from(list(self.model[kind])), label=kind)

    def _cascade(self, kind: str, object_id: str) -> None:
        child = {"campaign": "adgroup", "adgroup": "ad"}.get(kind)
        if child is None:
            return
        for child_id, known in self.model[child].items():
            if known["parent"] == object_id and known["status"] != "DELETE":
                known["status"] = "DELETE"
                self._cascade(child, child_id)

    def _listed(self, kind: str, filtering: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """This machine's objects of a kind as `*/get/` lists them (seeded ones left out)."""
        assert self.sandbox is not None
        body = self.sandbox.get(
            f"{kind}/get/",
            advertiser_id=self.sandbox.advertiser_id,
            filtering=filtering,
            page_size=1000,
        )
        assert body["code"] == 0, body
        assert body["data"]["page_info"]["total_number"] == len(body["data"]["list"])
        return {
            row[f"{kind}_id"]: {"name": row[f"{kind}_name"], "status": row["operation_status"]}
            for row in body["data"]["list"]
            if row[f"{kind}_id"] in self.model[kind]
        }


def test_gets_show_what_clients_were_told_whatever_the_order_of_calls(mockads_app):
    run_state_machine_as_test(
        lambda: CampaignsMachine(mockads_app),
        settings=settings(
            max_examples=generation.examples(25),
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
