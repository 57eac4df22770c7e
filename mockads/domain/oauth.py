"""Onboarding (OAuth): an app, the advertiser's consent as a one-time code, the token it buys.

An app (`app_id`, `secret`, registered redirect URIs) sends an advertiser to the authorization
page; the advertiser grants some of its ad accounts and permission groups, which becomes an
`AuthCode` bound to the app and the redirect URI. The app exchanges the code, once and within
an hour of sandbox time, for an `AccessGrant`: a token scoped to those accounts and groups.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import ClassVar

from mockads.domain import errors, ids
from mockads.domain.model import Timed

__all__ = [
    "AUTH_CODE_LIFETIME",
    "AccessGrant",
    "AuthCode",
    "OAuthApp",
    "PermissionGroup",
    "TokenScope",
    "check_redirect_uri",
    "keyed_to_token",
    "new_app",
    "new_oauth_code",
    "permission_groups",
    "scenario_app",
]

#: How long a consent's code can be exchanged, in sandbox seconds (reported: 10 min to 1 h).
AUTH_CODE_LIFETIME = 3600

#: Where the app every scenario ships sends advertisers back to.
SCENARIO_REDIRECT_URIS = ("http://localhost:3000/callback", "http://127.0.0.1:3000/callback")


class PermissionGroup(IntEnum):
    """What an advertiser can grant an app, as Ads Manager's consent page groups it; the value
    is the scope id `oauth2/access_token/` answers in `scope`."""

    AD_ACCOUNT_MANAGEMENT = 1
    ADS_MANAGEMENT = 2
    REPORTING = 3
    CREATIVE_MANAGEMENT = 4
    TIKTOK_ACCOUNTS = 5
    AUDIENCE_MANAGEMENT = 6

    @property
    def title(self) -> str:
        """The group's name as the consent page shows it."""
        return _TITLES[self]


_TITLES = {
    PermissionGroup.AD_ACCOUNT_MANAGEMENT: "Ad Account Management",
    PermissionGroup.ADS_MANAGEMENT: "Ads Management",
    PermissionGroup.REPORTING: "Reporting",
    PermissionGroup.CREATIVE_MANAGEMENT: "Creative Management",
    PermissionGroup.TIKTOK_ACCOUNTS: "TikTok Accounts (Spark Ads, identities)",
    PermissionGroup.AUDIENCE_MANAGEMENT: "Audience Management",
}

#: Every group: what a scenario's own token holds.
ALL_SCOPES: tuple[int, ...] = tuple(int(group) for group in PermissionGroup)


def permission_groups(names: Iterable[str], field: str = "scopes") -> tuple[int, ...]:
    """Scope ids of group names (`ads_management`, any case), sorted; 40002 naming `field`
    for an unknown name or none at all."""
    chosen: set[int] = set()
    for name in names:
        try:
            chosen.add(int(PermissionGroup[name.upper()]))
        except KeyError:
            known = ", ".join(group.name.lower() for group in PermissionGroup)
            raise errors.InvalidParameter(
                field, f"{name!r} is not a permission group (one of {known})."
            ) from None
    if not chosen:
        raise errors.InvalidParameter(field, "grant at least one permission group.")
    return tuple(sorted(chosen))


@dataclass(frozen=True, slots=True)
class OAuthApp(Timed):
    """A developer's app registered in a sandbox."""

    time_fields: ClassVar[tuple[str, ...]] = ("create_time",)

    app_id: str
    name: str
    secret: str
    redirect_uris: tuple[str, ...]
    create_time: int

    def check_secret(self, secret: str) -> None:
        """40101 unless `secret` is this app's."""
        if secret != self.secret:
            raise errors.AppCredentialsInvalid()


def check_redirect_uri(app: OAuthApp, redirect_uri: str) -> None:
    """The page redirects only to a URI the app registered (exactly, as the real page)."""
    if redirect_uri not in app.redirect_uris:
        raise errors.RedirectUriNotRegistered(redirect_uri)


@dataclass(frozen=True, slots=True)
class AuthCode(Timed):
    """An advertiser's consent, exchangeable once for a token before `expires_at`."""

    time_fields: ClassVar[tuple[str, ...]] = ("issued_at", "expires_at")

    auth_code: str
    app_id: str
    redirect_uri: str
    advertiser_ids: tuple[str, ...]
    scopes: tuple[int, ...]
    issued_at: int
    expires_at: int
    used: bool = False

    def check_exchangeable(self, now: float) -> None:
        """40110 for a code used before or past its hour."""
        if self.used:
            raise errors.OAuthCodeInvalid("was already used")
        if now >= self.expires_at:
            raise errors.OAuthCodeInvalid("has expired")

    def exchanged(self, rng: random.Random, now: float) -> tuple[AuthCode, AccessGrant]:
        """This code spent, and the token it buys."""
        grant = AccessGrant(
            access_token=ids.new_access_token(rng),
            app_id=self.app_id,
            advertiser_ids=self.advertiser_ids,
            scopes=self.scopes,
            create_time=int(now),
        )
        return replace(self, used=True), grant


@dataclass(frozen=True, slots=True)
class AccessGrant(Timed):
    """A token an app holds: the ad accounts and permission groups its advertiser granted.
    Revoking it removes it; the token then opens nothing (40105)."""

    time_fields: ClassVar[tuple[str, ...]] = ("create_time",)

    access_token: str
    app_id: str
    advertiser_ids: tuple[str, ...]
    scopes: tuple[int, ...]
    create_time: int


@dataclass(frozen=True, slots=True)
class TokenScope:
    """What an app's token may do, read with the token itself (a set lookup per call)."""

    app_id: str
    advertiser_ids: frozenset[str]
    scopes: frozenset[int]

    def require(self, group: PermissionGroup | None) -> None:
        """40001 naming the group unless it was granted."""
        if group is not None and int(group) not in self.scopes:
            raise errors.PermissionMissing(group.title, int(group))

    def require_advertiser(self, advertiser_id: str) -> None:
        """40001 for an ad account the advertiser did not grant this app."""
        if advertiser_id not in self.advertiser_ids:
            raise errors.NoPermission("advertiser_id", advertiser_id)


def new_app(rng: random.Random, name: str, redirect_uris: Iterable[str], now: float) -> OAuthApp:
    """A new app: a 19-digit `app_id` and a secret of 40 hex characters."""
    return OAuthApp(
        app_id=ids.new_numeric_id(rng),
        name=name,
        secret=f"{rng.getrandbits(160):040x}",
        redirect_uris=tuple(dict.fromkeys(redirect_uris)),
        create_time=int(now),
    )


def keyed_to_token(world_apps: Iterable[OAuthApp], access_token: str) -> tuple[OAuthApp, ...]:
    """A scenario's apps with secrets derived from the sandbox's token: twin sandboxes (one
    seed) share app ids, as every other id, but never a secret; the default sandbox's token,
    and so its app's secret, is fixed per seed."""
    return tuple(
        replace(app, secret=hashlib.sha1(f"{access_token}:{app.app_id}".encode()).hexdigest())
        for app in world_apps
    )


def scenario_app(seed: int) -> OAuthApp:
    """The app every scenario ships, the same for a seed (so printed examples keep working);
    its own random source leaves the rest of the world as it was."""
    return new_app(
        random.Random(f"mockads-app:{seed}"), "Mockads Demo App", SCENARIO_REDIRECT_URIS, 0
    )


def new_oauth_code(
    rng: random.Random,
    app: OAuthApp,
    redirect_uri: str,
    advertiser_ids: Iterable[str],
    scopes: Iterable[int],
    now: float,
) -> AuthCode:
    """A consent's one-time code, valid for `AUTH_CODE_LIFETIME` sandbox seconds."""
    check_redirect_uri(app, redirect_uri)
    chosen = tuple(dict.fromkeys(advertiser_ids))
    if not chosen:
        raise errors.InvalidParameter("advertiser_ids", "grant at least one ad account.")
    return AuthCode(
        auth_code=f"{rng.getrandbits(160):040x}",
        app_id=app.app_id,
        redirect_uri=redirect_uri,
        advertiser_ids=chosen,
        scopes=tuple(sorted(set(scopes))),
        issued_at=int(now),
        expires_at=int(now) + AUTH_CODE_LIFETIME,
    )
