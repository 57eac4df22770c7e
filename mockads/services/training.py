"""Classes of trainees: one `training` sandbox each, and how far each has got."""

from __future__ import annotations

from collections.abc import Sequence

from mockads.domain import errors
from mockads.domain.ads import Ad
from mockads.domain.training import Exercise, TrainingState, progress
from mockads.scenarios import build_world, load_scenario
from mockads.services.access import open_sandbox
from mockads.services.ports import Store
from mockads.services.sandboxes import SandboxSummary, create_sandbox, list_sandboxes

__all__ = ["SCENARIO", "SEPARATOR", "classes", "create_class", "trainee_progress"]

SCENARIO = "training"
#: Between a class's name and a trainee's in the name of the trainee's sandbox.
SEPARATOR = " / "
MAX_TRAINEES = 40


def create_class(store: Store, class_name: str, names: Sequence[str]) -> list[SandboxSummary]:
    """One `training` sandbox per trainee, named `<class> / <trainee>`, each its own seed."""
    class_name = class_name.strip()
    trainees = [name.strip() for name in names if name.strip()]
    if not class_name or SEPARATOR.strip() in class_name:
        raise errors.InvalidParameter("class_name", "give the class a name without '/'.")
    if not trainees:
        raise errors.InvalidParameter("names", "give at least one trainee's name.")
    if len(trainees) > MAX_TRAINEES:
        raise errors.InvalidParameter("names", f"at most {MAX_TRAINEES} trainees a class.")
    if class_name in classes(store):
        raise errors.Conflict(f"class_name: a class called {class_name!r} already exists.")
    return [
        create_sandbox(store, scenario=SCENARIO, seed=number, name=f"{class_name}{SEPARATOR}{name}")
        for number, name in enumerate(trainees, start=1)
    ]


def classes(store: Store) -> dict[str, list[SandboxSummary]]:
    """The trainees' sandboxes by class, in the order they were made."""
    found: dict[str, list[SandboxSummary]] = {}
    for summary in list_sandboxes(store):
        sandbox = summary.sandbox
        if sandbox.scenario == SCENARIO and SEPARATOR in sandbox.name:
            found.setdefault(sandbox.name.split(SEPARATOR, 1)[0], []).append(summary)
    return found


def trainee_progress(store: Store, sandbox_id: str) -> list[tuple[Exercise, bool]]:
    """The class's exercises and whether this sandbox shows each done."""
    with store.unit_of_work(read_only=True) as uow:
        opened = open_sandbox(uow, sandbox_id)
        sandbox, world, now = opened.sandbox, opened.world, opened.now
        if sandbox.scenario != SCENARIO:
            raise errors.InvalidParameter("sandbox_id", "only training sandboxes have exercises.")
        ads = tuple(ad for a in world.advertisers() for ad in world.owned(Ad, a.advertiser_id))
        posts = tuple(
            post for creator in world.creators() for post in world.posts_of(creator.creator_id)
        )
        linked = tuple(world.linked_posts())
    start = build_world(load_scenario(sandbox.scenario), sandbox.seed).shifted(
        int(sandbox.created_at)
    )
    return progress(TrainingState(start, linked, ads, posts, now))
