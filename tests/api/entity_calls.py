"""The calls the campaign and ad group tests make: one helper per entity for its create, get,
update and status routes, the default bodies they create with, and the checks both share."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

#: `*/get/`'s filtering for every object, deleted ones too.
ALL = {"primary_status": "STATUS_ALL"}

_campaign_names = (f"Campaign {n}" for n in itertools.count(1))
_adgroup_names = (f"Ad group {n}" for n in itertools.count(1))
_seeded_campaigns: dict[str, str] = {}


@dataclass(frozen=True)
class EntityCalls:
    """`{entity}/create/`, `/get/`, `/update/` and `/status/update/` on a sandbox; `body` makes
    a valid create body from the fields a test gives."""

    entity: str
    body: Callable[..., dict[str, Any]]

    def create(self, sandbox, **fields):
        return sandbox.post(f"{self.entity}/create/", self.body(sandbox, **fields))

    def new_id(self, sandbox, **fields):
        """Create one, and its id (the create must succeed)."""
        body = self.create(sandbox, **fields)
        assert body["code"] == 0, body
        return body["data"][f"{self.entity}_id"]

    def get(self, sandbox, **params):
        return sandbox.get(f"{self.entity}/get/", advertiser_id=sandbox.advertiser_id, **params)

    def listed(self, sandbox, **filtering):
        """Every object the filtering selects (one page of 1,000)."""
        body = self.get(sandbox, filtering=filtering, page_size=1000)
        assert body["code"] == 0, body
        return body["data"]["list"]

    def one(self, sandbox, object_id):
        """The object with that id, deleted or not."""
        (found,) = self.listed(sandbox, **{f"{self.entity}_ids": [object_id]}, **ALL)
        return found

    def seeded(self, sandbox):
        """The only one the default scenario starts with."""
        (found,) = self.listed(sandbox)
        return found

    def update(self, sandbox, object_id, **fields):
        body = {"advertiser_id": sandbox.advertiser_id, f"{self.entity}_id": object_id, **fields}
        return sandbox.post(f"{self.entity}/update/", body)

    def set_status(self, sandbox, object_ids, status):
        body = {
            "advertiser_id": sandbox.advertiser_id,
            f"{self.entity}_ids": object_ids,
            "operation_status": status,
        }
        return sandbox.post(f"{self.entity}/status/update/", body)


def campaign_body(sandbox, **fields):
    """A TRAFFIC campaign with a new name, or what `fields` say."""
    return {
        "advertiser_id": sandbox.advertiser_id,
        "campaign_name": next(_campaign_names),
        "objective_type": "TRAFFIC",
        **fields,
    }


def seeded_campaign_id(sandbox):
    """The campaign the default scenario starts with (the oldest one)."""
    if sandbox.sandbox_id not in _seeded_campaigns:
        (oldest,) = CAMPAIGNS.get(sandbox, filtering=ALL, page_size=1)["data"]["list"]
        _seeded_campaigns[sandbox.sandbox_id] = oldest["campaign_id"]
    return _seeded_campaigns[sandbox.sandbox_id]


def adgroup_body(sandbox, **fields):
    """A CLICK/CPC ad group in the United States under the scenario's campaign, with a new
    name, or what `fields` say."""
    return {
        "advertiser_id": sandbox.advertiser_id,
        "campaign_id": fields.get("campaign_id") or seeded_campaign_id(sandbox),
        "adgroup_name": next(_adgroup_names),
        "location_ids": ["6252001"],
        "schedule_start_time": "2026-01-01 00:00:00",
        "optimization_goal": "CLICK",
        "billing_event": "CPC",
        **fields,
    }


CAMPAIGNS = EntityCalls("campaign", campaign_body)
ADGROUPS = EntityCalls("adgroup", adgroup_body)


def freeze(sandbox):
    """Stop the sandbox clock; its reading in Unix seconds."""
    return int(sandbox.control("POST", "/clock", {"frozen": True})["now_unix"])


def utc_text(seconds):
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M:%S")


def assert_error(body, code, field=None):
    """The envelope of a refusal: `code`, empty data, and the message naming `field`."""
    assert body["code"] == code, body
    assert body["data"] == {}
    if field is not None:
        assert body["message"].startswith(f"{field}: "), body["message"]


@contextmanager
def unchanged(sandbox) -> Iterator[None]:
    """Assert that the block changes no campaign or ad group, deleted ones included."""

    def everything():
        return CAMPAIGNS.listed(sandbox, **ALL), ADGROUPS.listed(sandbox, **ALL)

    before = everything()
    yield
    assert everything() == before
