"""At most 10,000 Spark ads that are not deleted per ad account (rule 6), under any concurrency.

The near-cap scenario's ad group holds 9,995 Spark ads (all through one linked creator post)
and one non-Spark ad.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from mockads.domain.enums import IdentityType, OperationStatus
from mockads.domain.errors import SparkAdLimitReached
from mockads.domain.library import LibraryVideo
from mockads.services import ads as ad_service
from mockads.services.sandboxes import create_sandbox, delete_sandbox
from mockads.store import create_store
from mockads.store.tables import spark_ad_counts
from mockads.testing import Sandbox
from tests.api.ads_helpers import (
    create,
    created,
    library_creative,
    set_status,
    spark_creative,
    total,
)
from tests.api.lifecycle_helpers import spark_refusal

pytestmark = pytest.mark.mockads(scenario="near-cap")

CAP = 10_000
SCENARIO_SPARK_ADS = 9_995
THREADS = 16
POSTGRES_URL = os.environ.get("MOCKADS_TEST_POSTGRES_URL")
RACE_FREED = 19  # scenario ads deleted before a race: 24 free slots to fight for


def _spark(sandbox):
    """The scenario's ad group and a creative like its Spark ads: the linked post by AUTH_CODE."""
    adv = sandbox.advertiser_id
    (adgroup,) = sandbox.get("adgroup/get/", advertiser_id=adv)["data"]["list"]
    (identity,) = sandbox.get("identity/get/", advertiser_id=adv, identity_type="AUTH_CODE")[
        "data"
    ]["identity_list"]
    (post,) = sandbox.get("tt_video/list/", advertiser_id=adv)["data"]["list"]
    creative = spark_creative("AUTH_CODE", identity["identity_id"], post["item_info"]["item_id"])
    return adgroup["adgroup_id"], creative


def _counts(sandbox):
    """Ads that are not deleted, and Spark ads among them, as the store counts them."""
    store = sandbox.client.application.extensions["mockads"].store
    with store.unit_of_work(read_only=True) as uow:
        world = uow.world(sandbox.sandbox_id)
        return (
            world.count_ads(advertiser_id=sandbox.advertiser_id),
            world.count_ads(advertiser_id=sandbox.advertiser_id, spark_only=True),
        )


def _spark_count(sandbox):
    """Spark ads that are not deleted."""
    return _counts(sandbox)[1]


def _library(sandbox):
    """A non-Spark creative: the custom identity and the library video of the scenario."""
    store = sandbox.client.application.extensions["mockads"].store
    with store.unit_of_work(read_only=True) as uow:
        (video,) = uow.world(sandbox.sandbox_id).owned(LibraryVideo, sandbox.advertiser_id)
    (identity,) = [
        i for i in sandbox.summary["identities"] if i["identity_type"] == "CUSTOMIZED_USER"
    ]
    return library_creative(sandbox, identity_id=identity["identity_id"], video_id=video.video_id)


def _state(sandbox):
    """`ad/get/` total of every ad (deleted too), and the store's counts."""
    return total(sandbox, "STATUS_ALL"), *_counts(sandbox)


def _fill(sandbox):
    """Create Spark ads up to the cap (5, in one call)."""
    adgroup_id, creative = _spark(sandbox)
    missing = CAP - _spark_count(sandbox)
    return created(sandbox, adgroup_id, *[dict(creative) for _ in range(missing)])


def _refused_at_cap(body):
    message = spark_refusal(body, "SPARK_AD_LIMIT_REACHED", "creatives")
    assert f"at most {CAP} Spark ads" in message
    return message


def _free(sandbox, slots):
    """Delete `slots` of the scenario's Spark ads; their ids."""
    body = sandbox.get("ad/get/", advertiser_id=sandbox.advertiser_id, page_size=slots + 1)
    listed = body["data"]["list"]
    ids = [a["ad_id"] for a in listed if a["identity_type"] != "CUSTOMIZED_USER"][:slots]
    assert set_status(sandbox, ids, "DELETE")["code"] == 0
    return ids


# -- one writer -------------------------------------------------------------------------------


def test_five_more_spark_ads_fit_one_by_one_and_the_sixth_is_refused(mockads_sandbox):
    assert total(mockads_sandbox) == SCENARIO_SPARK_ADS + 1  # and one non-Spark ad
    assert _counts(mockads_sandbox) == (SCENARIO_SPARK_ADS + 1, SCENARIO_SPARK_ADS)
    adgroup_id, creative = _spark(mockads_sandbox)
    for _ in range(5):
        created(mockads_sandbox, adgroup_id, dict(creative))
    assert total(mockads_sandbox) == CAP + 1
    assert _spark_count(mockads_sandbox) == CAP
    before = _state(mockads_sandbox)
    message = _refused_at_cap(create(mockads_sandbox, adgroup_id, dict(creative)))
    assert f"this one has {CAP};" in message
    assert _state(mockads_sandbox) == before


def test_a_batch_of_six_is_refused_whole(mockads_sandbox):
    adgroup_id, creative = _spark(mockads_sandbox)
    before = _state(mockads_sandbox)
    body = create(mockads_sandbox, adgroup_id, *[dict(creative) for _ in range(6)])
    assert f"this one has {SCENARIO_SPARK_ADS};" in _refused_at_cap(body)
    assert _state(mockads_sandbox) == before


def test_non_spark_ads_are_not_counted(mockads_sandbox):
    _fill(mockads_sandbox)
    adgroup_id, creative = _spark(mockads_sandbox)
    library = [_library(mockads_sandbox) for _ in range(3)]
    created(mockads_sandbox, adgroup_id, *library)
    assert _counts(mockads_sandbox) == (CAP + 4, CAP)
    _refused_at_cap(create(mockads_sandbox, adgroup_id, dict(creative)))


def test_a_mixed_batch_of_the_five_free_slots_and_non_spark_ads_fits(mockads_sandbox):
    adgroup_id, creative = _spark(mockads_sandbox)
    batch = [dict(creative) for _ in range(5)] + [_library(mockads_sandbox)] * 3
    created(mockads_sandbox, adgroup_id, *batch)
    assert _spark_count(mockads_sandbox) == CAP


def test_a_spark_creative_over_the_cap_sinks_its_non_spark_companions(mockads_sandbox):
    _fill(mockads_sandbox)
    adgroup_id, creative = _spark(mockads_sandbox)
    before = _state(mockads_sandbox)
    body = create(mockads_sandbox, adgroup_id, _library(mockads_sandbox), creative)
    _refused_at_cap(body)
    assert _state(mockads_sandbox) == before


def test_deleting_one_spark_ad_frees_one_slot(mockads_sandbox):
    _fill(mockads_sandbox)
    adgroup_id, creative = _spark(mockads_sandbox)
    _free(mockads_sandbox, 1)
    assert _spark_count(mockads_sandbox) == CAP - 1
    created(mockads_sandbox, adgroup_id, dict(creative))
    _refused_at_cap(create(mockads_sandbox, adgroup_id, dict(creative)))
    assert _spark_count(mockads_sandbox) == CAP


def test_disabled_spark_ads_still_count(mockads_sandbox):
    _fill(mockads_sandbox)
    adgroup_id, creative = _spark(mockads_sandbox)
    body = mockads_sandbox.get("ad/get/", advertiser_id=mockads_sandbox.advertiser_id, page_size=3)
    spark_ids = [a["ad_id"] for a in body["data"]["list"] if a["tiktok_item_id"]]
    assert set_status(mockads_sandbox, spark_ids, "DISABLE")["code"] == 0
    _refused_at_cap(create(mockads_sandbox, adgroup_id, dict(creative)))


# -- many writers -----------------------------------------------------------------------------


def test_sixteen_threads_racing_for_the_last_slots_stop_at_exactly_ten_thousand(
    mockads_app, mockads_sandbox
):
    slots = 5 + len(_free(mockads_sandbox, RACE_FREED))
    adgroup_id, creative = _spark(mockads_sandbox)
    start = threading.Barrier(THREADS)
    made: list[int] = [0] * THREADS
    errors: list[BaseException] = []

    def writer(index: int) -> None:
        try:
            mine = Sandbox(mockads_app.test_client(), mockads_sandbox.summary)
            start.wait(timeout=10)
            while True:
                body = create(mine, adgroup_id, dict(creative))
                if body["code"] != 0:
                    _refused_at_cap(body)
                    return
                made[index] += 1
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert not any(thread.is_alive() for thread in threads)
    assert sum(made) == slots
    assert _spark_count(mockads_sandbox) == CAP
    assert total(mockads_sandbox) == CAP + 1  # and the non-Spark ad


_WRITER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from mockads.domain.enums import IdentityType
    from mockads.domain.errors import SparkAdLimitReached
    from mockads.services.ads import Creative, ad_create
    from mockads.store import create_store

    args = json.loads(sys.argv[1])
    store = create_store(args["url"])
    creative = Creative(
        ad_name="racer",
        identity_type=IdentityType.AUTH_CODE,
        identity_id=args["identity_id"],
        tiktok_item_id=args["item_id"],
    )
    Path(args["ready"]).touch()
    deadline = time.monotonic() + 30
    while not Path(args["go"]).exists():
        assert time.monotonic() < deadline, "never told to go"
        time.sleep(0.001)
    made = 0
    while True:
        try:
            ad_create(store, args["token"], args["advertiser_id"], args["adgroup_id"], [creative])
        except SparkAdLimitReached:
            break
        made += 1
    store.dispose()
    print(made)
    """
)


def _shared_database(backend: str, tmp_path) -> str:
    if backend == "sqlite-file":
        return f"sqlite:///{tmp_path / 'cap.db'}"
    if not POSTGRES_URL:
        pytest.skip("set MOCKADS_TEST_POSTGRES_URL to run against PostgreSQL")
    return POSTGRES_URL


@pytest.mark.parametrize(("backend", "processes"), [("sqlite-file", 2), ("postgresql", 4)])
def test_processes_sharing_a_database_stop_at_exactly_ten_thousand(tmp_path, backend, processes):
    url = _shared_database(backend, tmp_path)
    token = secrets.token_hex(20)
    sandbox_id = f"cap_{secrets.token_hex(4)}"
    store = create_store(url)
    try:
        summary = create_sandbox(
            store, scenario="near-cap", sandbox_id=sandbox_id, access_token=token
        )
        advertiser_id = summary.advertisers[0].advertiser_id
        page = ad_service.ad_get(store, token, advertiser_id, page_size=RACE_FREED + 2)
        spark = [v.ad for v in page.items if v.ad.identity_type is not IdentityType.CUSTOMIZED_USER]
        ad_service.ad_status_update(
            store,
            token,
            advertiser_id,
            [a.ad_id for a in spark[:RACE_FREED]],
            OperationStatus.DELETE,
        )
        slots = 5 + RACE_FREED
        template = spark[-1]
        go = tmp_path / "go"
        args = {
            "url": url,
            "token": token,
            "advertiser_id": advertiser_id,
            "adgroup_id": template.adgroup_id,
            "identity_id": template.identity_id,
            "item_id": template.tiktok_item_id,
            "go": str(go),
        }
        writers = []
        try:
            for n in range(processes):
                ready = tmp_path / f"ready-{n}"
                argv = [sys.executable, "-c", _WRITER, json.dumps({**args, "ready": str(ready)})]
                process = subprocess.Popen(
                    argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
                )
                writers.append((process, ready))
            _wait_for(lambda: all(ready.exists() for _, ready in writers), writers)
            go.touch()
            made = []
            for process, _ in writers:
                out, err = process.communicate(timeout=60)
                assert process.returncode == 0, err
                made.append(int(out))
        finally:
            for process, _ in writers:
                if process.poll() is None:
                    process.kill()
                    process.communicate()
        assert sum(made) == slots, made
        with store.unit_of_work() as uow:
            world = uow.world(sandbox_id)
            assert world.count_ads(advertiser_id=advertiser_id, spark_only=True) == CAP
            assert world.spark_ad_count(advertiser_id) == CAP
        assert ad_service.ad_get(store, token, advertiser_id).total_number == CAP + 1
    finally:
        delete_sandbox(store, sandbox_id)
        store.dispose()


def _wait_for(condition, writers, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not condition():
        for process, _ in writers:
            if process.poll() is not None:
                _, err = process.communicate()
                raise AssertionError(f"a writer exited early:\n{err}")
        assert time.monotonic() < deadline, "writers not ready in time"
        time.sleep(0.01)


def test_a_database_made_before_the_kept_count_counts_its_ads_once_on_first_use(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    token = secrets.token_hex(20)
    store = create_store(url)
    summary = create_sandbox(store, scenario="near-cap", sandbox_id="old", access_token=token)
    advertiser_id = summary.advertisers[0].advertiser_id
    page = ad_service.ad_get(store, token, advertiser_id, page_size=2)
    template = next(view.ad for view in page.items if view.ad.is_spark)
    spark_ad_counts.drop(store.engine)  # as a database of an older mockads has no such table
    store.dispose()
    store = create_store(url)
    creative = ad_service.Creative(
        ad_name="after the upgrade",
        identity_type=template.identity_type,
        identity_id=template.identity_id,
        tiktok_item_id=template.tiktok_item_id,
    )
    try:
        ad_service.ad_create(store, token, advertiser_id, template.adgroup_id, [creative] * 5)
        with pytest.raises(SparkAdLimitReached):
            ad_service.ad_create(store, token, advertiser_id, template.adgroup_id, [creative])
        with store.unit_of_work() as uow:
            assert uow.world("old").spark_ad_count(advertiser_id) == CAP
    finally:
        store.dispose()
