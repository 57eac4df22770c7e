"""Rules of the Smart+ calls' own fields.

A Smart+ ad group's locations come from `targeting_spec.location_ids` or, a mockads extension,
the top-level `location_ids`: one of them is required on create, and both sent must agree. A
Smart+ ad's identity in `ad_configuration` is what its creatives without one of their own
took: update keeps it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mockads.domain import errors

__all__ = ["IDENTITY_MEMBERS", "check_configuration_change", "smart_plus_locations"]

#: `ad_configuration`'s members naming the ad's identity.
IDENTITY_MEMBERS = ("identity_type", "identity_id")


def smart_plus_locations(
    location_ids: Sequence[str] | None,
    targeting_spec: Mapping[str, Any] | None,
    *,
    required: bool,
) -> tuple[str, ...] | None:
    """The ad group's locations from what was sent (None: none sent, and none `required`)."""
    inside = (targeting_spec or {}).get("location_ids")
    if location_ids is not None and inside is not None and list(location_ids) != list(inside):
        raise errors.InvalidParameter(
            "location_ids",
            "differs from targeting_spec.location_ids; send the locations once (or the same).",
        )
    found = inside if inside is not None else location_ids
    if found is None:
        if required:
            raise errors.InvalidParameter(
                "targeting_spec.location_ids", "required (or, in mockads, location_ids)."
            )
        return None
    return tuple(found)


def check_configuration_change(before: Mapping[str, Any], sent: Mapping[str, Any]) -> None:
    """Refuse an `ad_configuration` of `smart_plus/ad/update/` that changes the ad's identity
    (sent again, it must be the same; left out, the ad keeps it)."""
    for name in IDENTITY_MEMBERS:
        if name in sent and sent[name] != before.get(name):
            raise errors.InvalidParameter(
                f"ad_configuration.{name}",
                "cannot be changed after creation (the creatives keep the identity they took).",
            )
