"""Apply for Authorization with up to 20 codes at once (Ads Manager's batch)."""

from __future__ import annotations

from flask import Response, jsonify

from mockads.control.blueprint import control
from mockads.control.responses import json_body, store
from mockads.schemas.creator_app import SparkPostsBatchRequest, batch_data
from mockads.services import spark

_SPARK_POSTS_BATCH = SparkPostsBatchRequest()


@control.post("/sandboxes/<sandbox_id>/advertisers/<advertiser_id>/spark-posts/batch")
def spark_posts_batch(sandbox_id: str, advertiser_id: str) -> Response:
    """Link each code's post, or say why not; more than 20 codes is refused whole."""
    entries = json_body(_SPARK_POSTS_BATCH)["auth_codes"]
    return jsonify(batch_data(spark.batch_authorize(store(), sandbox_id, advertiser_id, entries)))
