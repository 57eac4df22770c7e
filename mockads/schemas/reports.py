"""`report/integrated/get/`: its query string and its answer."""

from __future__ import annotations

from typing import Any, ClassVar

from marshmallow import ValidationError, fields, validate

from mockads.domain.report_query import DATA_LEVELS, REPORT_TYPES
from mockads.schemas.common import Id, JsonList, json_param, page_info, paginated
from mockads.services.reports import ReportPage

__all__ = ["ReportIntegratedGetRequest", "report_integrated_get_data"]

MAX_NAMES = 200


class QueryBoolean(fields.Boolean):
    """A flag: a JSON boolean, or `true`/`false` as query strings write it."""

    truthy: ClassVar[set[Any]] = {True, "true", "True", "TRUE"}
    falsy: ClassVar[set[Any]] = {False, "false", "False", "FALSE"}


class JsonValue(fields.Field):
    """A list or object a GET call sends JSON-encoded in one parameter (`filtering`)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            value = json_param(value, "list or object")
        if not isinstance(value, list | dict):
            raise ValidationError("Not a valid JSON list or object.")
        return value


def _names(**kwargs: Any) -> JsonList:
    return JsonList(
        fields.String(validate=validate.Length(min=1, max=64)),
        validate=validate.Length(max=MAX_NAMES),
        **kwargs,
    )


class ReportIntegratedGetRequest(paginated(default_size=10, max_size=1000)):
    """Query of `report/integrated/get/`."""

    advertiser_id = Id(required=True)
    service_type = fields.String(load_default="AUCTION", validate=validate.OneOf(["AUCTION"]))
    report_type = fields.String(required=True, validate=validate.OneOf(REPORT_TYPES))
    data_level = fields.String(
        load_default="AUCTION_ADVERTISER", validate=validate.OneOf(list(DATA_LEVELS))
    )
    dimensions = _names(required=True)
    metrics = _names(load_default=None)
    start_date = fields.Date(format="%Y-%m-%d", load_default=None)
    end_date = fields.Date(format="%Y-%m-%d", load_default=None)
    query_lifetime = QueryBoolean(load_default=False)
    filtering = JsonValue(load_default=None)
    order_field = fields.String(load_default=None, validate=validate.Length(min=1, max=64))
    order_type = fields.String(load_default="DESC", validate=validate.OneOf(["ASC", "DESC"]))
    enable_total_metrics = QueryBoolean(load_default=False)


def report_integrated_get_data(report: ReportPage) -> tuple[dict[str, Any], list[str]]:
    """`data` of a report page but its `list` (`page_info`, and `total_metrics` when asked),
    and the rows of `list`, already JSON texts."""
    data: dict[str, Any] = {"page_info": page_info(report.rows)}
    if report.total_metrics is not None:
        data["total_metrics"] = report.total_metrics
    return data, list(report.rows.items)
