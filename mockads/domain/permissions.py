"""Which permission group each mirror call needs: the one table (a test holds it to the routes).

Paths are those after `/open_api/v1.3/`. An app's token may call a route only if its
advertiser granted the route's group; a sandbox's own token holds every group.
"""

from __future__ import annotations

from mockads.domain.oauth import PermissionGroup

__all__ = ["APP_ROUTES", "ROUTE_PERMISSIONS", "permission_of"]

_ACCOUNT = PermissionGroup.AD_ACCOUNT_MANAGEMENT
_ADS = PermissionGroup.ADS_MANAGEMENT
_REPORTING = PermissionGroup.REPORTING
_CREATIVE = PermissionGroup.CREATIVE_MANAGEMENT
_TIKTOK = PermissionGroup.TIKTOK_ACCOUNTS
_AUDIENCE = PermissionGroup.AUDIENCE_MANAGEMENT

#: Routes an app calls with its own credentials (`app_id`, `secret`): no permission group.
APP_ROUTES = frozenset({"oauth2/advertiser/get/", "oauth2/access_token/", "oauth2/revoke_token/"})

#: Every other mirror route -> the group it needs.
ROUTE_PERMISSIONS: dict[str, PermissionGroup] = {
    "advertiser/info/": _ACCOUNT,
    "bc/get/": _ACCOUNT,
    "user/info/": _ACCOUNT,
    "identity/get/": _TIKTOK,
    "identity/create/": _TIKTOK,
    "identity/video/get/": _TIKTOK,
    "identity/video/info/": _TIKTOK,
    "tt_video/info/": _TIKTOK,
    "tt_video/authorize/": _TIKTOK,
    "tt_video/list/": _TIKTOK,
    "tt_video/unbind/": _TIKTOK,
    **{
        f"{kind}/{action}/": _ADS
        for kind in (
            "campaign",
            "adgroup",
            "ad",
            "smart_plus/campaign",
            "smart_plus/adgroup",
            "smart_plus/ad",
        )
        for action in ("create", "get", "update", "status/update")
    },
    "smart_plus/ad/review_info/": _ADS,
    "file/video/ad/upload/": _CREATIVE,
    "file/video/ad/info/": _CREATIVE,
    "file/video/ad/search/": _CREATIVE,
    "file/image/ad/upload/": _CREATIVE,
    "file/image/ad/info/": _CREATIVE,
    "file/image/ad/search/": _CREATIVE,
    "file/music/get/": _CREATIVE,
    "creative/portfolio/list/": _CREATIVE,
    "creative/portfolio/create/": _CREATIVE,
    "creative/portfolio/get/": _CREATIVE,
    "dmp/custom_audience/list/": _AUDIENCE,
    "report/integrated/get/": _REPORTING,
}


def permission_of(path: str) -> PermissionGroup | None:
    """The group a mirror route (its path after the prefix) needs; None for the app routes."""
    return ROUTE_PERMISSIONS.get(path)
