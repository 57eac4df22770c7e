"""What reporting clients ask `report/integrated/get/` for, as data for tests and benchmarks."""

__all__ = ["ETL_REPORT_METRICS"]

#: The 80 metric names the widely used ETL client of api-reference.md §10 sends at once.
ETL_REPORT_METRICS = [
    *[
        "campaign_name",
        "campaign_id",
        "adgroup_name",
        "adgroup_id",
        "ad_name",
        "ad_text",
        "placement_type",
    ],
    *["promotion_type", "tt_app_id", "tt_app_name", "mobile_app_id", "dpa_target_audience_type"],
    *["conversion", "cost_per_conversion", "conversion_rate", "real_time_conversion"],
    *["real_time_cost_per_conversion", "real_time_conversion_rate", "result", "cost_per_result"],
    *["result_rate", "real_time_result", "real_time_cost_per_result", "real_time_result_rate"],
    *["secondary_goal_result", "cost_per_secondary_goal_result", "secondary_goal_result_rate"],
    *["total_purchase_value", "total_onsite_shopping_value", "onsite_shopping", "vta_purchase"],
    *["vta_conversion", "cta_purchase", "cta_conversion", "total_pageview", "complete_payment"],
    *["value_per_complete_payment", "total_complete_payment_rate", "purchase", "registration"],
    *[
        "sales_lead",
        "total_app_event_add_to_cart",
        "spend",
        "cpc",
        "cpm",
        "impressions",
        "clicks",
        "ctr",
        "reach",
    ],
    *["cost_per_1000_reached", "frequency", "video_play_actions", "video_watched_2s"],
    *["video_watched_6s", "average_video_play", "average_video_play_per_user", "video_views_p25"],
    *[
        "video_views_p50",
        "video_views_p75",
        "video_views_p100",
        "profile_visits",
        "profile_visits_rate",
    ],
    *["likes", "comments", "shares", "follows", "clicks_on_music_disc", "real_time_app_install"],
    *["real_time_app_install_cost", "app_install", "cost_per_app_install", "engagements"],
    *["engagement_rate", "total_landing_page_view", "conversion_rate_v2"],
    *["real_time_conversion_rate_v2", "placement", "objective_type", "cash_spend", "voucher_spend"],
]
