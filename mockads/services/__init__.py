"""Use cases, one transaction each. Views call exactly one of these per request."""
