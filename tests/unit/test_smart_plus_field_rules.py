"""The Smart+ calls' own rules (`mockads/domain/smart_plus_fields.py`)."""

from __future__ import annotations

import pytest

from mockads.domain import errors
from mockads.domain.smart_plus_fields import check_configuration_change, smart_plus_locations


def test_the_locations_come_from_targeting_spec_or_the_top_level():
    assert smart_plus_locations(None, {"location_ids": ["1"]}, required=True) == ("1",)
    assert smart_plus_locations(["1"], None, required=True) == ("1",)
    assert smart_plus_locations(["1"], {"location_ids": ["1"]}, required=True) == ("1",)
    assert smart_plus_locations(None, {"gender": "GENDER_MALE"}, required=False) is None


def test_locations_are_required_on_create_and_must_agree_when_sent_twice():
    with pytest.raises(errors.InvalidParameter, match=r"targeting_spec\.location_ids"):
        smart_plus_locations(None, {}, required=True)
    with pytest.raises(errors.InvalidParameter, match="location_ids"):
        smart_plus_locations(["1"], {"location_ids": ["2"]}, required=False)


def test_the_ads_identity_in_ad_configuration_stays_what_it_was():
    before = {"identity_type": "CUSTOMIZED_USER", "identity_id": "9"}
    check_configuration_change(before, {"dark_post_status": "ON"})
    check_configuration_change(before, {"identity_id": "9"})
    with pytest.raises(errors.InvalidParameter, match=r"ad_configuration\.identity_id"):
        check_configuration_change(before, {"identity_id": "8"})
    with pytest.raises(errors.InvalidParameter, match=r"ad_configuration\.identity_type"):
        check_configuration_change({}, {"identity_type": "TT_USER"})
