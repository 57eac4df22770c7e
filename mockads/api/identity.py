"""`identity/get/`."""

from flask import Response

from mockads.api.blueprint import mirror
from mockads.api.envelope import access_token, load_query, ok, store
from mockads.schemas.identity import IdentityGetRequest, identity_get_data
from mockads.services import identities

_IDENTITY_GET = IdentityGetRequest()


@mirror.get("/identity/get/")
def identity_get() -> Response:
    """Identities the advertiser can run ads as."""
    params = load_query(_IDENTITY_GET)
    return ok(identity_get_data(identities.identity_get(store(), access_token(), **params)))
