"""`bc/get/`."""

from flask import Response

from mockads.api.blueprint import mirror
from mockads.api.envelope import access_token, load_query, ok, store
from mockads.schemas.business_centers import BcGetRequest, bc_get_data
from mockads.services import business_centers

_BC_GET = BcGetRequest()


@mirror.get("/bc/get/")
def bc_get() -> Response:
    """The Business Centers the token reaches."""
    params = load_query(_BC_GET)
    return ok(bc_get_data(business_centers.bc_get(store(), access_token(), **params)))
