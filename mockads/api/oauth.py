"""`oauth2/access_token/`, `oauth2/revoke_token/`, and the permission each mirror call needs."""

from __future__ import annotations

from flask import Response, request

from mockads.api.blueprint import PREFIX, mirror
from mockads.api.envelope import load_body, ok, store
from mockads.domain.permissions import permission_of
from mockads.schemas.oauth import AccessTokenRequest, RevokeTokenRequest, access_token_data
from mockads.services import oauth
from mockads.services.access import required_permission

_ACCESS_TOKEN = AccessTokenRequest()
_REVOKE_TOKEN = RevokeTokenRequest()
_PERMISSION_RESET = "mockads.permission_reset"
_ROUTE_START = len(PREFIX) + 1


@mirror.before_request
def _require_route_permission() -> None:
    """The call's permission group, for `authenticate` to hold an app's token to."""
    rule = request.url_rule
    group = permission_of(rule.rule[_ROUTE_START:]) if rule is not None else None
    request.environ[_PERMISSION_RESET] = required_permission.set(group)


@mirror.teardown_request
def _forget_route_permission(_: BaseException | None) -> None:
    """Threads serve one request after another: no permission outlives its call."""
    reset = request.environ.pop(_PERMISSION_RESET, None)
    if reset is not None:
        required_permission.reset(reset)


@mirror.post("/oauth2/access_token/")
def oauth2_access_token() -> Response:
    """The advertiser's one-time code for a token (the app's credentials, no Access-Token)."""
    params = load_body(_ACCESS_TOKEN)
    grant = oauth.exchange_code(store(), params["app_id"], params["secret"], params["auth_code"])
    return ok(access_token_data(grant))


@mirror.post("/oauth2/revoke_token/")
def oauth2_revoke_token() -> Response:
    """End a token the app holds: it then answers 40105 everywhere."""
    params = load_body(_REVOKE_TOKEN)
    oauth.revoke_token(store(), params["app_id"], params["secret"], params["access_token"])
    return ok({})
