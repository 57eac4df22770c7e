"""Persistence: SQLAlchemy 2.x tables and the unit of work the services use."""

from mockads.store.sql import SqlStore, create_store

__all__ = ["SqlStore", "create_store"]
