"""The OpenAPI document and the app's routes are the same set, both ways."""

from __future__ import annotations

import pytest
from flask import Flask

from mockads import contract
from mockads.app import create_app
from mockads.settings import Settings


def test_every_route_the_app_serves_is_in_the_contract(mockads_app: Flask) -> None:
    documented = contract.spec_routes(contract.load_spec())
    assert contract.app_routes(mockads_app) - documented == set()


def test_every_operation_in_the_contract_is_served(mockads_app: Flask) -> None:
    served = contract.app_routes(mockads_app)
    assert contract.spec_routes(contract.load_spec()) - served == set()


def test_the_start_up_reading_of_the_routes_equals_the_parsed_document() -> None:
    parsed = contract.spec_routes(contract.load_spec())
    assert contract.spec_text_routes(contract.load_spec_text()) == parsed
    assert len(parsed) > 80


def test_an_undocumented_route_stops_the_app_from_starting(monkeypatch: pytest.MonkeyPatch) -> None:
    from mockads.api.blueprint import mirror

    monkeypatch.setattr(contract, "check_routes", contract.check_routes)
    app = create_app(Settings(check_contract=False))
    app.add_url_rule("/open_api/v1.3/undocumented/", "undocumented", lambda: "")
    with pytest.raises(contract.ContractMismatch, match="undocumented"):
        contract.check_routes(app)
    assert mirror.name == "mirror"


def test_the_contract_is_served_as_yaml(client) -> None:
    response = client.get("/openapi.yaml")
    assert response.status_code == 200
    assert response.mimetype == "application/yaml"
    assert response.get_data(as_text=True) == contract.load_spec_text()


def test_every_operation_has_an_operation_id_named_after_its_view(mockads_app: Flask) -> None:
    spec = contract.load_spec()
    operation_ids = {
        op["operationId"]
        for item in spec["paths"].values()
        for method, op in item.items()
        if method in contract.HTTP_METHODS
    }
    endpoints = {rule.endpoint.rsplit(".", 1)[-1] for rule in mockads_app.url_map.iter_rules()}
    assert operation_ids <= endpoints


def test_the_contract_lists_exactly_the_shipped_scenarios() -> None:
    from mockads.scenarios import list_scenarios

    create = contract.load_spec()["paths"]["/_mockads/v1/sandboxes"]["post"]
    body = create["requestBody"]["content"]["application/json"]["schema"]
    documented = body["properties"]["scenario"]["enum"]
    assert sorted(documented) == sorted(spec.name for spec in list_scenarios())


def test_the_contract_lists_exactly_the_report_metrics_served() -> None:
    from mockads.domain.report_metrics import METRICS

    report = contract.load_spec()["paths"]["/open_api/v1.3/report/integrated/get/"]["get"]
    (metrics,) = (p for p in report["parameters"] if p.get("name") == "metrics")
    documented = metrics["content"]["application/json"]["schema"]["items"]["enum"]
    assert documented == list(METRICS)
