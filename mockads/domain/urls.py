"""Links clients send (landing pages, video URLs): http(s) URLs with a host, split safely."""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

from mockads.domain import errors

__all__ = ["split_http_url"]


def split_http_url(url: str, field: str) -> SplitResult:
    """`url` split into its parts; InvalidParameter naming `field` unless it is an http(s) URL
    with a host (and, if it has one, a port from 0 to 65535)."""
    # urlsplit drops tabs and newlines silently, so spaces and controls are looked for first.
    if not any(ord(char) <= 32 or ord(char) == 127 for char in url):
        try:
            parts = urlsplit(url)
            _ = parts.port  # a port that is no number from 0 to 65535 raises only when read
        except ValueError:  # a broken IPv6 literal, a host that NFKC turns into delimiters
            pass
        else:
            if parts.scheme in ("http", "https") and parts.netloc:
                return parts
    raise errors.InvalidParameter(field, "must be an http or https URL.")
