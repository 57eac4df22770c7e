"""Marshmallow schemas for requests, and the functions that shape response data."""
