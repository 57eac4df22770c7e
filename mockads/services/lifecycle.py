"""Operation status changes shared by campaigns, ad groups, ads and Smart+ ads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from mockads.domain.ads import Ad
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.enums import OperationStatus
from mockads.services.ports import WorldRepository
from mockads.services.push import settle_push

__all__ = ["set_operation_status"]


def set_operation_status(
    world: WorldRepository,
    objects: Iterable[Campaign | AdGroup | Ad],
    status: OperationStatus,
    now: int,
) -> None:
    """Store each object with `status`; objects already deleted stay as they are (for good).

    A pushed ad deleted before its post went up publishes nothing.
    """
    for obj in objects:
        if obj.operation_status is not OperationStatus.DELETE:
            changed = replace(obj, operation_status=status, modify_time=now)
            if isinstance(changed, Ad):
                changed = settle_push(world, changed, now)
            world.replace(changed)
