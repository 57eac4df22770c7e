"""Rules of the ETL assets (issue 15): images, portfolios, audiences, completing old sandboxes."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace

import pytest

from mockads.domain import errors
from mockads.domain.assets import CustomAudience, new_portfolio
from mockads.domain.images import (
    ImageFacts,
    check_image,
    check_image_name_free,
    check_image_signature,
    default_image_name,
    new_library_image,
)
from mockads.domain.model import Sandbox
from mockads.scenarios import build_world, load_scenario
from mockads.services.assets import complete_assets
from mockads.store.sql import SqlStore, create_store

DAY = 86_400
FACTS = ImageFacts(format="png", width=640, height=480, size=1000, signature="a" * 32)


def _image(**changes):
    image = new_library_image(random.Random(1), "7", FACTS, "cover.png", 100)
    return replace(image, **changes)


def test_an_image_must_be_jpeg_or_png():
    check_image(FACTS)
    with pytest.raises(errors.ImageFormatUnsupported):
        check_image(replace(FACTS, format="gif"))


def test_an_image_signature_is_its_md5_in_any_case():
    check_image_signature("A" * 32, "a" * 32)
    with pytest.raises(errors.ImageSignatureMismatch):
        check_image_signature("b" * 32, "a" * 32)


def test_two_images_of_one_advertiser_may_not_share_a_name():
    check_image_name_free("other.png", [_image()])
    with pytest.raises(errors.ImageNameDuplicated):
        check_image_name_free("cover.png", [_image()])


def test_an_image_without_a_name_takes_the_files_own_without_nul():
    assert default_image_name("a\x00b.png") == "ab.png"
    assert default_image_name(None) == "image.jpeg"
    assert len(default_image_name("x" * 300)) == 100


def test_a_carousel_takes_images_of_at_least_100_pixels_a_side():
    assert _image(width=100, height=100).is_carousel_usable
    assert not _image(width=1080, height=99).is_carousel_usable


def test_a_new_image_has_a_storage_key_id_and_its_facts():
    image = _image()
    assert image.image_id.startswith("ad-site-i18n-sg/") and len(image.image_id) <= 64
    assert (image.width, image.create_time, image.modify_time) == (640, 100, 100)


@pytest.mark.parametrize(
    ("kind", "content", "field"),
    [("BANNER", [{}], "creative_portfolio_type"), ("CTA", [], "portfolio_content")],
)
def test_a_portfolio_needs_a_known_type_and_1_to_20_items(kind, content, field):
    with pytest.raises(errors.InvalidParameter) as raised:
        new_portfolio(random.Random(1), "7", kind, content, 0)
    assert raised.value.field == field


def test_an_audience_is_valid_until_it_expires_and_expiring_in_its_last_30_days():
    audience = CustomAudience(
        "1", "7", "a", "Customer File Audience", "EMAIL_SHA256", 1, True, False, 0, 100 * DAY
    )
    assert audience.is_valid_at(0) and not audience.is_expiring_at(0)
    assert audience.is_expiring_at(70 * DAY)
    assert not audience.is_valid_at(100 * DAY) and not audience.is_expiring_at(100 * DAY)


# -- sandboxes kept from before the assets ------------------------------------------------------


@pytest.fixture
def store() -> Iterator[SqlStore]:
    store = create_store("sqlite://")
    yield store
    store.dispose()


def test_a_kept_sandbox_without_a_user_gets_its_scenarios_assets_once(store):
    built = build_world(load_scenario("default"), 1)
    old = replace(
        built, users=(), library_images=(), musics=(), creative_portfolios=(), custom_audiences=()
    )
    with store.unit_of_work() as uow:
        uow.sandboxes.add(Sandbox("old", "old", "default", 1, "token-old", 1000.0))
        uow.world("old").load(old)
    assert complete_assets(store) == ["old"]
    with store.unit_of_work(read_only=True) as uow:
        kept = uow.world("old").export()
    assert kept.users == tuple(u.shifted(1000) for u in built.users)
    by_id = {a.audience_id: a for a in kept.custom_audiences}
    assert by_id == {a.audience_id: a.shifted(1000) for a in built.custom_audiences}
    assert complete_assets(store) == []  # once only
