"""Every mirror route needs a permission group, named in one table (`domain/permissions.py`)."""

from __future__ import annotations

from mockads import contract
from mockads.domain.permissions import APP_ROUTES, ROUTE_PERMISSIONS

_MIRROR = "/open_api/v1.3/"


def test_every_mirror_route_in_the_url_map_has_a_permission_group_or_is_an_app_route(
    mockads_app,
):
    served = {
        rule.rule.removeprefix(_MIRROR)
        for rule in mockads_app.url_map.iter_rules()
        if rule.rule.startswith(_MIRROR)
    }
    assert served == set(ROUTE_PERMISSIONS) | APP_ROUTES
    assert not set(ROUTE_PERMISSIONS) & APP_ROUTES


def test_the_table_names_no_route_the_contract_lacks():
    documented = {
        path.removeprefix(_MIRROR) + "/"
        for _, path in contract.spec_routes(contract.load_spec())
        if path.startswith(_MIRROR)
    }
    assert set(ROUTE_PERMISSIONS) | APP_ROUTES == documented
