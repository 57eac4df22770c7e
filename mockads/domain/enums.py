"""The real API's enumerations, spelled as on the wire."""

from enum import StrEnum

__all__ = [
    "AdAuthStatus",
    "AdFormat",
    "BudgetMode",
    "IdentityType",
    "ItemType",
    "ObjectiveType",
    "OperationStatus",
    "Privacy",
    "ReviewMode",
    "ReviewOutcome",
]


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


class OperationStatus(StrEnum):
    """What the advertiser set: running, paused, or deleted for good."""

    ENABLE = "ENABLE"
    DISABLE = "DISABLE"
    DELETE = "DELETE"


class ObjectiveType(StrEnum):
    """Campaign objectives."""

    REACH = "REACH"
    TRAFFIC = "TRAFFIC"
    VIDEO_VIEWS = "VIDEO_VIEWS"
    ENGAGEMENT = "ENGAGEMENT"
    APP_PROMOTION = "APP_PROMOTION"
    LEAD_GENERATION = "LEAD_GENERATION"
    WEB_CONVERSIONS = "WEB_CONVERSIONS"
    PRODUCT_SALES = "PRODUCT_SALES"


class BudgetMode(StrEnum):
    """How a budget is spent."""

    BUDGET_MODE_INFINITE = "BUDGET_MODE_INFINITE"
    BUDGET_MODE_DAY = "BUDGET_MODE_DAY"
    BUDGET_MODE_TOTAL = "BUDGET_MODE_TOTAL"


class AdFormat(StrEnum):
    """Creative formats of an ad."""

    SINGLE_IMAGE = "SINGLE_IMAGE"
    SINGLE_VIDEO = "SINGLE_VIDEO"
    LIVE_CONTENT = "LIVE_CONTENT"
    CAROUSEL_ADS = "CAROUSEL_ADS"


class ReviewMode(StrEnum):
    """How a sandbox reviews new and edited ads."""

    INSTANT = "instant"
    DELAYED = "delayed"
    MANUAL = "manual"


class ReviewOutcome(StrEnum):
    """Where an ad's review stands."""

    IN_REVIEW = "IN_REVIEW"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
