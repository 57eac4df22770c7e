"""The mirror's blueprint; resource modules add their routes to it."""

from flask import Blueprint

__all__ = ["PREFIX", "mirror"]

PREFIX = "/open_api/v1.3"
mirror = Blueprint("mirror", __name__, url_prefix=PREFIX)

# Importing the resource modules registers their routes.
from mockads.api import (  # noqa: E402, F401
    accounts,
    ads,
    assets,
    business_centers,
    campaigns,
    identity,
    images,
    instruments,
    library,
    oauth,
    reports,
    smart_plus,
    tt_video,
)
