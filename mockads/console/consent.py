"""The authorization page an app sends its advertiser to, and the advertiser's connected apps.

`/portal/auth` and the older `/marketing_api/auth` (TikTok's paths, also through proxy mode)
check the app and its redirect URI, then bring the advertiser here: signed in to the console,
they see the app's name, pick ad accounts and permission groups, and consent or refuse. The
browser then goes to the redirect URI with `auth_code`, `code` and `state`, or on refusal with
`state` alone. An unknown app or unregistered redirect URI shows an error and never redirects.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import Blueprint, flash, redirect, request, url_for
from werkzeug.wrappers import Response

from mockads.console.auth import signed_in, workspace
from mockads.console.blueprint import console, page, store
from mockads.domain import errors
from mockads.domain.oauth import PermissionGroup
from mockads.schemas.body import parameter_problem
from mockads.services import oauth

__all__ = ["AUTHORIZATION_PATHS", "portal"]

#: Where TikTok serves its authorization page: business-api's, and the older ads.tiktok.com's.
AUTHORIZATION_PATHS = ("/portal/auth", "/marketing_api/auth")

portal = Blueprint("portal", __name__)


def _request_args() -> tuple[str, str, str]:
    return (
        request.args.get("app_id", ""),
        request.args.get("redirect_uri", ""),
        request.args.get("state", ""),
    )


def _refused_page(error: errors.MockadsError) -> tuple[str, int]:
    status = 404 if isinstance(error, errors.NotFound) else 400
    return page("authorize_refused.html", message=error.message, status=status), status


@portal.before_request
def _refuse_bad_text() -> None:
    """No parameter holds text the store cannot look up (NUL, unpaired surrogates)."""
    if (found := parameter_problem(request.args.to_dict())) is not None:
        raise errors.InvalidParameter(*found)


@portal.errorhandler(errors.MockadsError)
def _portal_refused(error: errors.MockadsError) -> tuple[str, int]:
    return _refused_page(error)


def _authorization_page() -> Response:
    """Check the app and redirect URI (an error page otherwise), then ask the advertiser."""
    app_id, redirect_uri, state = _request_args()
    oauth.app_for_page(store(), app_id, redirect_uri, None)
    return redirect(
        url_for("console.authorize", app_id=app_id, redirect_uri=redirect_uri, state=state)
    )


for _path in AUTHORIZATION_PATHS:
    portal.add_url_rule(_path, f"auth{_path.replace('/', '_')}", _authorization_page)


def _back_to_app(redirect_uri: str, **params: str) -> Response:
    """The redirect URI with `params` added to any query it has."""
    parts = urlsplit(redirect_uri)
    query = [*parse_qsl(parts.query, keep_blank_values=True), *params.items()]
    return redirect(urlunsplit(parts._replace(query=urlencode(query))))


@console.route("/authorize", methods=["GET", "POST"])
@signed_in
def authorize() -> Any:
    """The consent: the app's name, ad accounts and permission groups, Authorize or Cancel."""
    source = request.form if request.method == "POST" else request.args
    app_id = source.get("app_id", "")
    redirect_uri = source.get("redirect_uri", "")
    state = source.get("state", "")
    try:
        app = oauth.app_for_page(store(), app_id, redirect_uri, workspace().sandbox_id)
    except errors.MockadsError as error:
        return _refused_page(error)
    chosen = {
        "advertiser_ids": [a.advertiser_id for a in workspace().advertisers],
        "scopes": [g.name.lower() for g in PermissionGroup],
    }
    problem = None
    if request.method == "POST":
        if request.form.get("decision") != "authorize":
            return _back_to_app(redirect_uri, state=state)
        chosen = {
            "advertiser_ids": request.form.getlist("advertiser_ids"),
            "scopes": request.form.getlist("scopes"),
        }
        reachable = {a.advertiser_id for a in workspace().advertisers}
        if not chosen["advertiser_ids"] or not set(chosen["advertiser_ids"]) <= reachable:
            problem = "Choose at least one of your ad accounts."
        elif not chosen["scopes"]:
            problem = "Choose at least one permission."
        else:
            code = oauth.issue_code(
                store(), workspace().sandbox_id, app.app_id, redirect_uri=redirect_uri, **chosen
            )
            return _back_to_app(
                redirect_uri, auth_code=code.auth_code, code=code.auth_code, state=state
            )
    status = 200 if problem is None else 400
    return (
        page(
            "authorize.html",
            app=app,
            redirect_uri=redirect_uri,
            state=state,
            groups=list(PermissionGroup),
            chosen=chosen,
            problem=problem,
        ),
        status,
    )


@console.get("/apps")
@signed_in
def connected_apps() -> str:
    """The apps the advertiser granted access to, each with a Disconnect button."""
    ws = workspace()
    found = oauth.connected_apps(store(), ws.access_token, ws.advertiser.advertiser_id)
    return page("connected_apps.html", connected=found, group=PermissionGroup)


@console.post("/apps/<app_id>/disconnect")
@signed_in
def disconnect_app(app_id: str) -> Response:
    """Revoke the app: its tokens that reach this advertiser answer 40105 from now on."""
    ws = workspace()
    ended = oauth.revoke_app(store(), ws.access_token, ws.advertiser.advertiser_id, app_id)
    if not ended:
        flash("That app has no access to this ad account.", "problem")
    return redirect(url_for("console.connected_apps"))
