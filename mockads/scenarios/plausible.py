"""Plausible values for what a control-plane user leaves out (a creator's handle, a caption),
from a Faker seeded by the sandbox's seed and how many such objects came before: the same calls
on the same seed make the same creators and posts."""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the first plausible value: serving needs no Faker
    from faker import Faker

__all__ = ["caption", "creator_profile"]

_NOT_IN_HANDLES = re.compile(r"[^a-z0-9._]")


def _faker(*seed: object) -> tuple[Faker, random.Random]:
    from faker import Faker

    text = ":".join(str(part) for part in seed)
    fake = Faker()
    fake.seed_instance(text)
    return fake, random.Random(text)


def creator_profile(seed: int, number: int, taken: set[str]) -> tuple[str, str, int]:
    """A handle (2-24 of a-z, 0-9, '.', '_'; not `taken`), a display name and followers."""
    fake, rng = _faker("creator", seed, number)
    name = fake.name()
    base = _NOT_IN_HANDLES.sub("", fake.user_name().lower())[:20] or "creator"
    handle = base if len(base) >= 2 else f"{base}00"
    while handle in taken:
        handle = f"{base}{rng.randint(0, 9999)}"[:24]
    return handle, name, rng.randint(200, 2_000_000)


def caption(seed: int, number: int) -> str:
    """A caption like the scenarios': a sentence and one to three hashtags."""
    fake, rng = _faker("post", seed, number)
    tags = " ".join(f"#{fake.word()}" for _ in range(rng.randint(1, 3)))
    return f"{fake.sentence(nb_words=8).rstrip('.')} {tags}"
