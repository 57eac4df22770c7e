"""The real API's enumerations, spelled as on the wire."""

from enum import StrEnum

__all__ = ["AdAuthStatus", "IdentityType", "ItemType", "Privacy"]


class IdentityType(StrEnum):
    """Who an ad speaks as."""

    CUSTOMIZED_USER = "CUSTOMIZED_USER"
    AUTH_CODE = "AUTH_CODE"
    TT_USER = "TT_USER"
    BC_AUTH_TT = "BC_AUTH_TT"


class ItemType(StrEnum):
    """Kinds of TikTok post."""

    VIDEO = "VIDEO"
    CAROUSEL = "CAROUSEL"


class Privacy(StrEnum):
    """Who may see a post in the app."""

    PUBLIC = "PUBLIC"
    FRIENDS = "FRIENDS"
    PRIVATE = "PRIVATE"


class AdAuthStatus(StrEnum):
    """State of a post's Spark authorization as `auth_info.ad_auth_status` reports it."""

    AUTHORIZED = "AUTHORIZED"
    EXPIRED = "EXPIRED"
    CANCELLED = "CANCELLED"
    INVALID = "INVALID"
