"""The field catalogue: every documented field of the management calls, as data.

One place that the request schemas, the OpenAPI document and the tests are built from.
"""

from mockads.domain.catalogue.ad import (
    AD_COLUMNS,
    AD_CREATE,
    AD_CREATIVE_CREATE,
    AD_CREATIVE_UPDATE,
    AD_GET,
    AD_UPDATE,
)
from mockads.domain.catalogue.adgroup import (
    ADGROUP_COLUMNS,
    ADGROUP_CREATE,
    ADGROUP_GET,
    ADGROUP_UPDATE,
)
from mockads.domain.catalogue.campaign import (
    CAMPAIGN_COLUMNS,
    CAMPAIGN_CREATE,
    CAMPAIGN_GET,
    CAMPAIGN_UPDATE,
)
from mockads.domain.catalogue.fields import FieldSpec, FieldValues
from mockads.domain.catalogue.smart_plus import (
    SMART_PLUS_AD_CREATE,
    SMART_PLUS_AD_GET,
    SMART_PLUS_AD_UPDATE,
    SMART_PLUS_ADGROUP_CREATE,
    SMART_PLUS_ADGROUP_GET,
    SMART_PLUS_ADGROUP_UPDATE,
    SMART_PLUS_CAMPAIGN_CREATE,
    SMART_PLUS_CAMPAIGN_GET,
    SMART_PLUS_CAMPAIGN_UPDATE,
)

__all__ = [
    "ADGROUP_COLUMNS",
    "ADGROUP_CREATE",
    "ADGROUP_GET",
    "ADGROUP_UPDATE",
    "AD_COLUMNS",
    "AD_CREATE",
    "AD_CREATIVE_CREATE",
    "AD_CREATIVE_UPDATE",
    "AD_GET",
    "AD_UPDATE",
    "CAMPAIGN_COLUMNS",
    "CAMPAIGN_CREATE",
    "CAMPAIGN_GET",
    "CAMPAIGN_UPDATE",
    "SMART_PLUS_ADGROUP_CREATE",
    "SMART_PLUS_ADGROUP_GET",
    "SMART_PLUS_ADGROUP_UPDATE",
    "SMART_PLUS_AD_CREATE",
    "SMART_PLUS_AD_GET",
    "SMART_PLUS_AD_UPDATE",
    "SMART_PLUS_CAMPAIGN_CREATE",
    "SMART_PLUS_CAMPAIGN_GET",
    "SMART_PLUS_CAMPAIGN_UPDATE",
    "FieldSpec",
    "FieldValues",
]
