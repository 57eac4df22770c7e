"""The real-API mirror: `/open_api/v1.3/...`, one module per resource."""

from mockads.api.blueprint import mirror

__all__ = ["mirror"]
