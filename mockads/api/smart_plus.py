"""`smart_plus/campaign|adgroup|ad/*` and `smart_plus/ad/review_info/`."""

from functools import partial

from flask import Response

from mockads.api.blueprint import mirror
from mockads.api.envelope import access_token, load_body, load_query, ok, store
from mockads.domain.catalogue import SMART_PLUS_ADGROUP_GET, SMART_PLUS_CAMPAIGN_GET
from mockads.schemas.campaigns import (
    AdgroupStatusUpdateRequest,
    CampaignStatusUpdateRequest,
    adgroup_data,
    campaign_data,
    page_data,
)
from mockads.schemas.smart_plus import (
    SmartPlusAdCreateRequest,
    SmartPlusAdGetRequest,
    SmartPlusAdgroupCreateRequest,
    SmartPlusAdgroupGetRequest,
    SmartPlusAdgroupUpdateRequest,
    SmartPlusAdReviewInfoRequest,
    SmartPlusAdStatusUpdateRequest,
    SmartPlusAdUpdateRequest,
    SmartPlusCampaignCreateRequest,
    SmartPlusCampaignGetRequest,
    SmartPlusCampaignUpdateRequest,
    smart_plus_ad_data,
    smart_plus_review_data,
)
from mockads.services import adgroups, campaigns, smart_plus

_CAMPAIGN_CREATE = SmartPlusCampaignCreateRequest()
_CAMPAIGN_GET = SmartPlusCampaignGetRequest()
_CAMPAIGN_UPDATE = SmartPlusCampaignUpdateRequest()
_CAMPAIGN_STATUS_UPDATE = CampaignStatusUpdateRequest()
_ADGROUP_CREATE = SmartPlusAdgroupCreateRequest()
_ADGROUP_GET = SmartPlusAdgroupGetRequest()
_ADGROUP_UPDATE = SmartPlusAdgroupUpdateRequest()
_ADGROUP_STATUS_UPDATE = AdgroupStatusUpdateRequest()
_AD_CREATE = SmartPlusAdCreateRequest()
_AD_GET = SmartPlusAdGetRequest()
_AD_UPDATE = SmartPlusAdUpdateRequest()
_AD_STATUS_UPDATE = SmartPlusAdStatusUpdateRequest()
_AD_REVIEW_INFO = SmartPlusAdReviewInfoRequest()
SMART = {"smart_plus": True}
#: Smart+ reads: the manual read code with the Smart+ catalogue's fields.
_campaign_data = partial(campaign_data, specs=SMART_PLUS_CAMPAIGN_GET)
_adgroup_data = partial(adgroup_data, specs=SMART_PLUS_ADGROUP_GET)


@mirror.post("/smart_plus/campaign/create/")
def smart_plus_campaign_create() -> Response:
    """A new Smart+ campaign."""
    params = load_body(_CAMPAIGN_CREATE)
    return ok(_campaign_data(campaigns.campaign_create(store(), access_token(), **params, **SMART)))


@mirror.get("/smart_plus/campaign/get/")
def smart_plus_campaign_get() -> Response:
    """The advertiser's Smart+ campaigns."""
    params = load_query(_CAMPAIGN_GET)
    selected = params.pop("fields")
    found = campaigns.campaign_get(
        store(), access_token(), **params.pop("filtering"), **params, **SMART
    )
    return ok(page_data(found, _campaign_data, selected))


@mirror.post("/smart_plus/campaign/update/")
def smart_plus_campaign_update() -> Response:
    """Rename a Smart+ campaign, change its budget or PO number."""
    params = load_body(_CAMPAIGN_UPDATE)
    return ok(_campaign_data(campaigns.campaign_update(store(), access_token(), **params, **SMART)))


@mirror.post("/smart_plus/campaign/status/update/")
def smart_plus_campaign_status_update() -> Response:
    """Enable, disable or delete Smart+ campaigns."""
    params = load_body(_CAMPAIGN_STATUS_UPDATE)
    changed = campaigns.campaign_status_update(store(), access_token(), **params, **SMART)
    return ok({"campaign_ids": changed, "status": params["operation_status"].value})


@mirror.post("/smart_plus/adgroup/create/")
def smart_plus_adgroup_create() -> Response:
    """A new ad group in a Smart+ campaign."""
    params = load_body(_ADGROUP_CREATE)
    return ok(
        _adgroup_data(smart_plus.smart_plus_adgroup_create(store(), access_token(), **params))
    )


@mirror.get("/smart_plus/adgroup/get/")
def smart_plus_adgroup_get() -> Response:
    """The advertiser's Smart+ ad groups."""
    params = load_query(_ADGROUP_GET)
    selected = params.pop("fields")
    found = adgroups.adgroup_get(
        store(), access_token(), **params.pop("filtering"), **params, **SMART
    )
    return ok(page_data(found, _adgroup_data, selected))


@mirror.post("/smart_plus/adgroup/update/")
def smart_plus_adgroup_update() -> Response:
    """Change a Smart+ ad group."""
    params = load_body(_ADGROUP_UPDATE)
    return ok(
        _adgroup_data(smart_plus.smart_plus_adgroup_update(store(), access_token(), **params))
    )


@mirror.post("/smart_plus/adgroup/status/update/")
def smart_plus_adgroup_status_update() -> Response:
    """Enable, disable or delete Smart+ ad groups."""
    params = load_body(_ADGROUP_STATUS_UPDATE)
    changed = adgroups.adgroup_status_update(store(), access_token(), **params, **SMART)
    return ok({"adgroup_ids": changed, "status": params["operation_status"].value})


@mirror.post("/smart_plus/ad/create/")
def smart_plus_ad_create() -> Response:
    """A Smart+ ad: Spark posts and library videos from several identities."""
    params = load_body(_AD_CREATE)
    smart = smart_plus.smart_plus_ad_create(store(), access_token(), **params)
    return ok(smart_plus_ad_data(smart))


@mirror.get("/smart_plus/ad/get/")
def smart_plus_ad_get() -> Response:
    """The advertiser's Smart+ ads with their creatives."""
    params = load_query(_AD_GET)
    found = smart_plus.smart_plus_ad_get(
        store(), access_token(), **params.pop("filtering"), **params
    )
    return ok(page_data(found, smart_plus_ad_data, None))


@mirror.post("/smart_plus/ad/update/")
def smart_plus_ad_update() -> Response:
    """Change a Smart+ ad (not its creatives); it goes back to review."""
    params = load_body(_AD_UPDATE)
    return ok(
        smart_plus_ad_data(smart_plus.smart_plus_ad_update(store(), access_token(), **params))
    )


@mirror.post("/smart_plus/ad/status/update/")
def smart_plus_ad_status_update() -> Response:
    """Enable, disable or delete Smart+ ads."""
    params = load_body(_AD_STATUS_UPDATE)
    changed = smart_plus.smart_plus_ad_status_update(store(), access_token(), **params)
    return ok({"smart_plus_ad_ids": changed, "status": params["operation_status"].value})


@mirror.get("/smart_plus/ad/review_info/")
def smart_plus_ad_review_info() -> Response:
    """Review of Smart+ ads, creative by creative."""
    params = load_query(_AD_REVIEW_INFO)
    return ok(
        smart_plus_review_data(
            smart_plus.smart_plus_ad_review_info(store(), access_token(), **params)
        )
    )
