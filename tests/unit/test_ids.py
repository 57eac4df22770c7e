"""Identifiers: shaped like TikTok's, and determined by the random source."""

from __future__ import annotations

import random
import re
import uuid

import pytest

from mockads.domain import ids

GENERATORS = [
    ids.new_numeric_id,
    ids.new_identity_id,
    ids.new_auth_code,
    ids.new_video_id,
    ids.new_access_token,
]


@pytest.mark.parametrize("seed", range(10))
def test_new_numeric_id_is_19_digits_starting_with_7(seed):
    assert re.fullmatch(r"7\d{18}", ids.new_numeric_id(random.Random(seed)))


def test_new_numeric_id_from_the_os_is_19_digits_starting_with_7_and_keeps_leading_zeros():
    class Low(random.SystemRandom):
        def randrange(self, *args: int) -> int:
            return 42

    assert re.fullmatch(r"7\d{18}", ids.new_numeric_id(random.SystemRandom()))
    assert ids.new_numeric_id(Low()) == "7" + "0" * 16 + "42"


def test_new_numeric_ids_from_the_os_come_from_one_draw_shaped_like_one_id_each():
    class Counted(random.SystemRandom):
        draws = 0

        def getrandbits(self, k: int) -> int:
            self.draws += 1
            return super().getrandbits(k)

    source = Counted()
    made = ids.new_numeric_ids(source, 20)
    assert source.draws == 1 and len(set(made)) == 20
    assert all(re.fullmatch(r"7\d{18}", made_id) for made_id in made)
    assert ids.new_numeric_ids(source, 0) == []


def test_new_numeric_ids_from_a_seeded_source_are_its_new_numeric_ids():
    assert ids.new_numeric_ids(random.Random(3), 4) == [
        ids.new_numeric_id(rng) for rng in [random.Random(3)] for _ in range(4)
    ]


def test_new_numeric_id_takes_a_length():
    assert re.fullmatch(r"7\d{15}", ids.new_numeric_id(random.Random(1), digits=16))


@pytest.mark.parametrize("seed", range(10))
def test_new_video_id_has_the_library_prefix(seed):
    assert re.fullmatch(r"v10033g50000[a-z0-9]{20}", ids.new_video_id(random.Random(seed)))


@pytest.mark.parametrize("seed", range(10))
def test_new_access_token_is_40_lower_case_hex(seed):
    assert re.fullmatch(r"[0-9a-f]{40}", ids.new_access_token(random.Random(seed)))


@pytest.mark.parametrize("seed", range(10))
def test_new_auth_code_matches_the_code_pattern(seed):
    code = ids.new_auth_code(random.Random(seed))
    assert ids.AUTH_CODE_PATTERN.fullmatch(code)
    assert re.fullmatch(r"#[A-Za-z0-9+/]{64}", code)


def test_new_identity_id_is_a_version_4_uuid():
    value = ids.new_identity_id(random.Random(1))
    assert uuid.UUID(value).version == 4
    assert str(uuid.UUID(value)) == value


@pytest.mark.parametrize("make", GENERATORS, ids=lambda f: f.__name__)
def test_ids_are_the_same_for_the_same_seed(make):
    first, second = random.Random(7), random.Random(7)
    assert [make(first) for _ in range(5)] == [make(second) for _ in range(5)]


@pytest.mark.parametrize("make", GENERATORS, ids=lambda f: f.__name__)
def test_ids_differ_between_seeds_and_calls(make):
    rng = random.Random(7)
    made = [make(rng) for _ in range(5)] + [make(random.Random(8))]
    assert len(set(made)) == len(made)
