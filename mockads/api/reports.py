"""`report/integrated/get/`: delivery reports."""

from __future__ import annotations

from flask import Response

from mockads.api.blueprint import mirror
from mockads.api.envelope import access_token, load_query, ok_with_list, store
from mockads.schemas.reports import ReportIntegratedGetRequest, report_integrated_get_data
from mockads.services import reports

_REQUEST = ReportIntegratedGetRequest()


@mirror.get("/report/integrated/get/")
def report_integrated_get() -> Response:
    """One page of a report: rows of dimensions and metrics, as strings."""
    params = load_query(_REQUEST)
    params.pop("service_type")
    page = reports.report_integrated_get(store(), access_token(), **params)
    return ok_with_list(*report_integrated_get_data(page))
