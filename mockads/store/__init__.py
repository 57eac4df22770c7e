"""Persistence: SQLAlchemy 2.x tables and the unit of work the services use."""

from mockads.store.sql import OutdatedDatabase, SqlStore, create_store

__all__ = ["OutdatedDatabase", "SqlStore", "create_store"]
