"""Onboarding: the mirror's `oauth2/*` bodies, the control plane's apps and code shortcut."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import ValidationError, fields, validate

from mockads.domain.oauth import AccessGrant, AuthCode, OAuthApp, PermissionGroup
from mockads.schemas.common import Id, List, RequestSchema, time_text

__all__ = [
    "AccessTokenRequest",
    "AppCreateRequest",
    "AuthCodeCreateRequest",
    "RevokeTokenRequest",
    "access_token_data",
    "app_data",
    "auth_code_data",
]

_APP_ID = fields.String(required=True, validate=validate.Length(min=1, max=64))
_SECRET = fields.String(required=True, validate=validate.Length(min=1, max=128))


#: A URL as browsers send it: printable ASCII, no spaces (the contract's `RedirectUri`).
_URL = re.compile(r"https?://[!-~]*")


def _redirect_uri(value: str) -> None:
    if not _URL.fullmatch(value):
        raise ValidationError("an http:// or https:// URL of printable ASCII without spaces.")


_REDIRECT_URI = fields.String(validate=[validate.Length(min=8, max=2048), _redirect_uri])


class AccessTokenRequest(RequestSchema):
    """Body of `oauth2/access_token/`."""

    app_id = _APP_ID
    secret = _SECRET
    auth_code = fields.String(required=True, validate=validate.Length(min=1, max=128))


class RevokeTokenRequest(RequestSchema):
    """Body of `oauth2/revoke_token/`."""

    app_id = _APP_ID
    secret = _SECRET
    access_token = fields.String(required=True, validate=validate.Length(min=1, max=128))


class AppCreateRequest(RequestSchema):
    """Body of `POST /sandboxes/{sid}/apps`."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    redirect_uris = List(
        fields.String(validate=[validate.Length(min=8, max=2048), _redirect_uri]),
        required=True,
        validate=validate.Length(min=1, max=10),
    )


class AuthCodeCreateRequest(RequestSchema):
    """Body of `POST /sandboxes/{sid}/apps/{app_id}/auth_codes`: the consent, without a page."""

    redirect_uri = fields.String(
        required=True, validate=[validate.Length(min=8, max=2048), _redirect_uri]
    )
    advertiser_ids = List(Id(), required=True, validate=validate.Length(min=1, max=100))
    scopes = List(
        fields.String(
            validate=validate.OneOf(
                [g.name.lower() for g in PermissionGroup],
                error="one of the permission groups: {choices}.",
            )
        ),
        load_default=[g.name.lower() for g in PermissionGroup],
        validate=validate.Length(min=1),
    )


def app_data(sandbox_id: str, app: OAuthApp) -> dict[str, Any]:
    """An app as the control plane shows it."""
    return {
        "sandbox_id": sandbox_id,
        "app_id": app.app_id,
        "name": app.name,
        "secret": app.secret,
        "redirect_uris": list(app.redirect_uris),
        "create_time": time_text(app.create_time),
    }


def auth_code_data(code: AuthCode) -> dict[str, Any]:
    """A consent's code, with what it grants and until when it can be exchanged."""
    return {
        "auth_code": code.auth_code,
        "app_id": code.app_id,
        "redirect_uri": code.redirect_uri,
        "advertiser_ids": list(code.advertiser_ids),
        "scope": list(code.scopes),
        "scopes": [PermissionGroup(s).name.lower() for s in code.scopes],
        "expires_at": time_text(code.expires_at),
    }


def access_token_data(grant: AccessGrant) -> dict[str, Any]:
    """`data` of `oauth2/access_token/`."""
    return {
        "access_token": grant.access_token,
        "advertiser_ids": list(grant.advertiser_ids),
        "scope": list(grant.scopes),
    }
