"""`campaign/*` and `adgroup/*`: campaign management (manual/search)."""

from flask import Response

from mockads.api.blueprint import mirror
from mockads.api.envelope import access_token, load_body, load_query, ok, store
from mockads.schemas.campaigns import (
    AdgroupCreateRequest,
    AdgroupGetRequest,
    AdgroupStatusUpdateRequest,
    AdgroupUpdateRequest,
    CampaignCreateRequest,
    CampaignGetRequest,
    CampaignStatusUpdateRequest,
    CampaignUpdateRequest,
    adgroup_data,
    campaign_data,
    page_data,
)
from mockads.services import adgroups, campaigns

_CAMPAIGN_CREATE = CampaignCreateRequest()
_CAMPAIGN_GET = CampaignGetRequest()
_CAMPAIGN_UPDATE = CampaignUpdateRequest()
_CAMPAIGN_STATUS_UPDATE = CampaignStatusUpdateRequest()
_ADGROUP_CREATE = AdgroupCreateRequest()
_ADGROUP_GET = AdgroupGetRequest()
_ADGROUP_UPDATE = AdgroupUpdateRequest()
_ADGROUP_STATUS_UPDATE = AdgroupStatusUpdateRequest()


@mirror.post("/campaign/create/")
def campaign_create() -> Response:
    """A new campaign."""
    params = load_body(_CAMPAIGN_CREATE)
    return ok(campaign_data(campaigns.campaign_create(store(), access_token(), **params)))


@mirror.get("/campaign/get/")
def campaign_get() -> Response:
    """The advertiser's campaigns, filtered and paged."""
    params = load_query(_CAMPAIGN_GET)
    selected = params.pop("fields")
    found = campaigns.campaign_get(store(), access_token(), **params.pop("filtering"), **params)
    return ok(page_data(found, campaign_data, selected))


@mirror.post("/campaign/update/")
def campaign_update() -> Response:
    """Rename a campaign or change its budget."""
    params = load_body(_CAMPAIGN_UPDATE)
    return ok(campaign_data(campaigns.campaign_update(store(), access_token(), **params)))


@mirror.post("/campaign/status/update/")
def campaign_status_update() -> Response:
    """Enable, disable or delete campaigns."""
    params = load_body(_CAMPAIGN_STATUS_UPDATE)
    changed = campaigns.campaign_status_update(store(), access_token(), **params)
    return ok({"campaign_ids": changed, "status": params["operation_status"].value})


@mirror.post("/adgroup/create/")
def adgroup_create() -> Response:
    """A new ad group."""
    params = load_body(_ADGROUP_CREATE)
    return ok(adgroup_data(adgroups.adgroup_create(store(), access_token(), **params)))


@mirror.get("/adgroup/get/")
def adgroup_get() -> Response:
    """The advertiser's ad groups, filtered and paged."""
    params = load_query(_ADGROUP_GET)
    selected = params.pop("fields")
    found = adgroups.adgroup_get(store(), access_token(), **params.pop("filtering"), **params)
    return ok(page_data(found, adgroup_data, selected))


@mirror.post("/adgroup/update/")
def adgroup_update() -> Response:
    """Change an ad group's name, budget, schedule end, bid or locations."""
    params = load_body(_ADGROUP_UPDATE)
    return ok(adgroup_data(adgroups.adgroup_update(store(), access_token(), **params)))


@mirror.post("/adgroup/status/update/")
def adgroup_status_update() -> Response:
    """Enable, disable or delete ad groups."""
    params = load_body(_ADGROUP_STATUS_UPDATE)
    changed = adgroups.adgroup_status_update(store(), access_token(), **params)
    return ok({"adgroup_ids": changed, "status": params["operation_status"].value})
