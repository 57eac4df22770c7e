"""Delivery: engagement a delivering ad earns, credited to the post it promotes."""

from __future__ import annotations

from flask import Response, jsonify

from mockads.control.blueprint import control
from mockads.control.responses import json_body, store
from mockads.schemas.ads import EngagementRequest, engagement_data
from mockads.services import delivery

_ENGAGEMENT = EngagementRequest()


@control.post("/sandboxes/<sandbox_id>/ads/<ad_id>/engagement")
def engagement_record(sandbox_id: str, ad_id: str) -> Response:
    """Views, likes, comments, shares and follows the ad earned; its post's totals come back."""
    post = delivery.record_engagement(store(), sandbox_id, ad_id, json_body(_ENGAGEMENT))
    return jsonify(engagement_data(ad_id, post))
