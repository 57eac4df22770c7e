"""Onboarding: a sandbox's apps, the advertiser's consent, the code exchange and revocation."""

from __future__ import annotations

import random
from collections.abc import Sequence

from mockads.domain import errors, oauth
from mockads.domain.model import Advertiser
from mockads.domain.oauth import AccessGrant, AuthCode, OAuthApp
from mockads.services.access import Caller, authenticate, open_world
from mockads.services.ports import Store, UnitOfWork, WorldRepository

__all__ = [
    "ConnectedApp",
    "advertisers_for_app",
    "app_for_page",
    "connected_apps",
    "create_app",
    "delete_app",
    "exchange_code",
    "get_app",
    "issue_code",
    "list_apps",
    "revoke_app",
    "revoke_token",
]

# Apps, codes and tokens made at run time are unpredictable; a scenario's app comes from its seed.
_RNG = random.SystemRandom()

#: An app with the advertiser's grants to it (its tokens), as the console lists it.
ConnectedApp = tuple[OAuthApp, list[AccessGrant]]


def _app(world: WorldRepository, app_id: str) -> OAuthApp:
    app = world.get(OAuthApp, app_id)
    if app is None:
        raise errors.NotFound("app", app_id)
    return app


def list_apps(store: Store, sandbox_id: str) -> list[OAuthApp]:
    """The sandbox's apps."""
    with store.unit_of_work(read_only=True) as uow:
        world, _ = open_world(uow, sandbox_id)
        return world.every(OAuthApp)


def get_app(store: Store, sandbox_id: str, app_id: str) -> OAuthApp:
    """One app of the sandbox (404 otherwise)."""
    with store.unit_of_work(read_only=True) as uow:
        world, _ = open_world(uow, sandbox_id)
        return _app(world, app_id)


def create_app(store: Store, sandbox_id: str, name: str, redirect_uris: Sequence[str]) -> OAuthApp:
    """Register an app: a new `app_id` and `secret`."""
    with store.unit_of_work() as uow:
        world, now = open_world(uow, sandbox_id)
        app = oauth.new_app(_RNG, name, redirect_uris, now)
        world.add(app)
        return app


def delete_app(store: Store, sandbox_id: str, app_id: str) -> None:
    """Remove an app with its codes and tokens (which then open nothing)."""
    with store.unit_of_work() as uow:
        world, _ = open_world(uow, sandbox_id)
        app = _app(world, app_id)
        for code in world.every(AuthCode):
            if code.app_id == app_id:
                world.remove(code)
        for grant in world.every(AccessGrant):
            if grant.app_id == app_id:
                world.remove(grant)
        world.remove(app)


def _advertisers(world: WorldRepository, advertiser_ids: Sequence[str]) -> list[str]:
    for advertiser_id in advertiser_ids:
        if not world.has_advertiser(advertiser_id):
            raise errors.InvalidParameter(
                "advertiser_ids", f"{advertiser_id!r} is not an ad account of this sandbox."
            )
    return list(advertiser_ids)


def issue_code(
    store: Store,
    sandbox_id: str,
    app_id: str,
    *,
    redirect_uri: str,
    advertiser_ids: Sequence[str],
    scopes: Sequence[str],
) -> AuthCode:
    """The advertiser's consent: a one-time code for the app (the page's, or the control
    plane's shortcut). `scopes` are permission group names."""
    with store.unit_of_work() as uow:
        world, now = open_world(uow, sandbox_id)
        app = _app(world, app_id)
        granted = oauth.permission_groups(scopes)
        code = oauth.new_oauth_code(
            _RNG, app, redirect_uri, _advertisers(world, advertiser_ids), granted, now
        )
        world.add(code)
        return code


def app_for_page(store: Store, app_id: str, redirect_uri: str, sandbox_id: str | None) -> OAuthApp:
    """The app an authorization request names, checked before anything is shown: it exists
    (in the signed-in advertiser's sandbox, once known) and registered `redirect_uri`."""
    with store.unit_of_work(read_only=True) as uow:
        holders = uow.sandboxes.holding(OAuthApp, app_id)
        if sandbox_id is not None:
            holders = [sid for sid in holders if sid == sandbox_id]
        if not holders:
            raise errors.NotFound("app", app_id)
        app = _app(uow.world(holders[0]), app_id)
        oauth.check_redirect_uri(app, redirect_uri)
        return app


def _credentials(world: WorldRepository, app_id: str, secret: str) -> OAuthApp:
    app = world.get(OAuthApp, app_id)
    if app is None:
        raise errors.AppCredentialsInvalid()
    app.check_secret(secret)
    return app


def _app_anywhere(uow: UnitOfWork, app_id: str, secret: str) -> None:
    """40101 unless some sandbox has this app with this secret."""
    for sandbox_id in uow.sandboxes.holding(OAuthApp, app_id):
        app = uow.world(sandbox_id).get(OAuthApp, app_id)
        if app is not None and app.secret == secret:
            return
    raise errors.AppCredentialsInvalid()


def exchange_code(store: Store, app_id: str, secret: str, auth_code: str) -> AccessGrant:
    """`oauth2/access_token/`: the code, once and within its hour, for a token. A wrong
    `app_id`/`secret` (40101) is checked first and spends nothing: the code stays usable."""
    with store.unit_of_work() as uow:
        holders = uow.sandboxes.holding(AuthCode, auth_code)
        if not holders:
            _app_anywhere(uow, app_id, secret)
            raise errors.OAuthCodeInvalid()
        world, now = open_world(uow, holders[0])
        app = _credentials(world, app_id, secret)
        code = world.get(AuthCode, auth_code)
        if code is None or code.app_id != app.app_id:
            raise errors.OAuthCodeInvalid()
        code.check_exchangeable(now)
        spent, grant = code.exchanged(_RNG, now)
        world.replace(spent)
        world.add(grant)
        return grant


def revoke_token(store: Store, app_id: str, secret: str, access_token: str) -> None:
    """`oauth2/revoke_token/`: end a token the app holds (then 40105 everywhere)."""
    with store.unit_of_work() as uow:
        holders = uow.sandboxes.holding(AccessGrant, access_token)
        if not holders:
            _app_anywhere(uow, app_id, secret)
            raise errors.AccessTokenInvalid()
        world, _ = open_world(uow, holders[0])
        _credentials(world, app_id, secret)
        grant = world.get(AccessGrant, access_token)
        if grant is None or grant.app_id != app_id:
            raise errors.AccessTokenInvalid()
        world.remove(grant)


def advertisers_for_app(
    store: Store, access_token: str | None, app_id: str, secret: str
) -> list[Advertiser]:
    """`oauth2/advertiser/get/`: the advertisers the token reaches for that app (an app's
    token: those granted, and only for its own app; 40101 for a wrong app or secret)."""
    with store.unit_of_work(read_only=True) as uow:
        caller: Caller = authenticate(uow, access_token)
        _credentials(caller.world, app_id, secret)
        if caller.scope is not None and caller.scope.app_id != app_id:
            raise errors.AppCredentialsInvalid()
        return [a for a in caller.world.advertisers() if caller.reaches(a.advertiser_id)]


def connected_apps(
    store: Store, access_token: str | None, advertiser_id: str
) -> list[ConnectedApp]:
    """The apps an advertiser granted access to, with their live tokens (the console)."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        grants = [g for g in caller.world.every(AccessGrant) if advertiser_id in g.advertiser_ids]
        apps = {a.app_id: a for a in caller.world.every(OAuthApp)}
        return [
            (app, [g for g in grants if g.app_id == app.app_id])
            for app in apps.values()
            if any(g.app_id == app.app_id for g in grants)
        ]


def revoke_app(store: Store, access_token: str | None, advertiser_id: str, app_id: str) -> int:
    """The advertiser disconnects an app: every token of it that reaches the advertiser ends.
    Returns how many."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        ended = [
            g
            for g in caller.world.every(AccessGrant)
            if g.app_id == app_id and advertiser_id in g.advertiser_ids
        ]
        for grant in ended:
            caller.world.remove(grant)
        return len(ended)
