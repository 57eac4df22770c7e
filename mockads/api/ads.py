"""`ad/create|get|update|status/update/`."""

from flask import Response

from mockads.api.blueprint import mirror
from mockads.api.envelope import access_token, load_body, load_query, ok, store
from mockads.schemas.ads import (
    AdCreateRequest,
    AdGetRequest,
    AdStatusUpdateRequest,
    AdUpdateRequest,
    ad_data,
)
from mockads.schemas.campaigns import page_data
from mockads.services import ads

_AD_CREATE = AdCreateRequest()
_AD_GET = AdGetRequest()
_AD_UPDATE = AdUpdateRequest()
_AD_STATUS_UPDATE = AdStatusUpdateRequest()


@mirror.post("/ad/create/")
def ad_create() -> Response:
    """New ads in an ad group; each goes to review."""
    return ok({"ad_ids": ads.ad_create(store(), access_token(), **load_body(_AD_CREATE))})


@mirror.get("/ad/get/")
def ad_get() -> Response:
    """The advertiser's ads, filtered and paged, with review and delivery status."""
    params = load_query(_AD_GET)
    selected = params.pop("fields")
    found = ads.ad_get(store(), access_token(), **params.pop("filtering"), **params)
    return ok(page_data(found, ad_data, selected))


@mirror.post("/ad/update/")
def ad_update() -> Response:
    """Edit ads of an ad group; each goes back to review.

    The flat shape (one `ad_id`, a mockads extension) answers the ad itself.
    """
    params = load_body(_AD_UPDATE)
    flat = params.pop("flat")
    views = ads.ad_update(store(), access_token(), **params, prefix="" if flat else "creatives.{}.")
    if flat:
        return ok(ad_data(views[0]))
    edited = [ad_data(view) for view in views]
    return ok(
        {
            "adgroup_id": params["adgroup_id"],
            "ad_ids": [ad["ad_id"] for ad in edited],
            "creatives": edited,
        }
    )


@mirror.post("/ad/status/update/")
def ad_status_update() -> Response:
    """Enable, disable or delete ads."""
    params = load_body(_AD_STATUS_UPDATE)
    changed = ads.ad_status_update(store(), access_token(), **params)
    return ok({"ad_ids": changed, "status": params["operation_status"].value})
