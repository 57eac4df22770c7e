"""`oauth2/advertiser/get/`, `advertiser/info/`."""

from flask import Response

from mockads.api.blueprint import mirror
from mockads.api.envelope import access_token, load_query, ok, store
from mockads.schemas.accounts import (
    AdvertiserInfoRequest,
    Oauth2AdvertiserGetRequest,
    advertiser_info_data,
    oauth2_advertiser_get_data,
)
from mockads.services import accounts, oauth

_OAUTH2_ADVERTISER_GET = Oauth2AdvertiserGetRequest()
_ADVERTISER_INFO = AdvertiserInfoRequest()


@mirror.get("/oauth2/advertiser/get/")
def oauth2_advertiser_get() -> Response:
    """The advertisers the token reaches for the app (whose credentials are checked)."""
    params = load_query(_OAUTH2_ADVERTISER_GET)
    found = oauth.advertisers_for_app(store(), access_token(), params["app_id"], params["secret"])
    return ok(oauth2_advertiser_get_data(found))


@mirror.get("/advertiser/info/")
def advertiser_info() -> Response:
    """Details of the named advertisers."""
    params = load_query(_ADVERTISER_INFO)
    found = accounts.advertiser_info(store(), access_token(), params["advertiser_ids"])
    return ok(advertiser_info_data(found, params["fields"]))
