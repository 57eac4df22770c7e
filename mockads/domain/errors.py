"""Errors the domain raises; the HTTP layers turn them into their surface's format.

Every error carries the real API's numeric code (`api_code`, for the mirror's envelope), an
HTTP status (for the control plane) and a stable machine-readable `reason`::

    MockadsError                        40002 / 400
    ├── InvalidParameter                40002 / 400   a parameter missing, malformed or out of range
    ├── AccessTokenMissing              40104 / 401   no Access-Token header
    ├── AccessTokenInvalid              40105 / 401   unknown or revoked token
    ├── NoPermission                    40001 / 403   the token cannot reach that advertiser
    ├── NotFound                        40700 / 404   an object that does not exist in this sandbox
    ├── Conflict                        40002 / 409   the request contradicts the current state
    └── SparkError                      40002 / 422   a Spark rule refuses the request
        ├── AuthCodeNotFound                          no post is behind this code
        ├── AuthCodeMalformed                         the text is not shaped like a code
        ├── AuthCodeRevoked                           the creator switched authorization off
        ├── AuthCodeExpired                           the authorization period ended
        ├── AuthCodeInvalidated                       the post was edited after the code
        ├── PostDeleted                               the post is gone
        ├── PostNotPublic                             the post is FRIENDS or PRIVATE
        └── PostAlreadyLinked                         this advertiser linked it already
"""

from __future__ import annotations

__all__ = [
    "AccessTokenInvalid",
    "AccessTokenMissing",
    "AuthCodeExpired",
    "AuthCodeInvalidated",
    "AuthCodeMalformed",
    "AuthCodeNotFound",
    "AuthCodeRevoked",
    "Conflict",
    "InvalidParameter",
    "MockadsError",
    "NoPermission",
    "NotFound",
    "PostAlreadyLinked",
    "PostDeleted",
    "PostNotPublic",
    "SparkError",
]


class MockadsError(Exception):
    """Base of every error mockads reports to a client."""

    api_code = 40002
    http_status = 400
    reason = "INVALID_PARAMETER"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidParameter(MockadsError):
    """A parameter is missing, malformed or out of range (TikTok names the field first)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field


class AccessTokenMissing(MockadsError):
    """The request carries no Access-Token header."""

    api_code = 40104
    http_status = 401
    reason = "ACCESS_TOKEN_EMPTY"

    def __init__(self) -> None:
        super().__init__("Access token is null or empty, please check the Access-Token header.")


class AccessTokenInvalid(MockadsError):
    """The Access-Token is unknown to this server (or its sandbox was deleted)."""

    api_code = 40105
    http_status = 401
    reason = "ACCESS_TOKEN_INVALID"

    def __init__(self) -> None:
        super().__init__("The access token is invalid or has been revoked.")


class NoPermission(MockadsError):
    """The token's sandbox holds no such advertiser, or the object is not the caller's."""

    api_code = 40001
    http_status = 403
    reason = "NO_PERMISSION"

    def __init__(self, field: str, value: str) -> None:
        super().__init__(f"{field}: no permission to operate on {value!r} with this access token.")
        self.field = field
        self.value = value


class NotFound(MockadsError):
    """An object that does not exist in this sandbox."""

    api_code = 40700
    http_status = 404
    reason = "NOT_FOUND"

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} {key!r} does not exist.")
        self.kind = kind
        self.key = key


class Conflict(MockadsError):
    """The request contradicts the current state (e.g. a sandbox id already taken)."""

    http_status = 409
    reason = "CONFLICT"


class SparkError(MockadsError):
    """A Spark rule refuses the request; the message starts with `[REASON]`."""

    http_status = 422
    reason = "SPARK_RULE"

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"[{self.reason}] {field}: {problem}")
        self.field = field


class AuthCodeNotFound(SparkError):
    """No post is behind this authorization code."""

    reason = "AUTH_CODE_NOT_FOUND"

    def __init__(self) -> None:
        super().__init__(
            "auth_code", "the authorization code does not exist. Check the code and try again."
        )


class AuthCodeMalformed(SparkError):
    """The text is not shaped like an authorization code (often a `+` sent unencoded)."""

    reason = "AUTH_CODE_MALFORMED"

    def __init__(self) -> None:
        super().__init__(
            "auth_code",
            "the authorization code is invalid. Copy the whole code from the app; "
            "URL-encode it in query strings ('+' as %2B).",
        )


class AuthCodeRevoked(SparkError):
    """The creator switched ad authorization off for this code."""

    reason = "AUTH_CODE_REVOKED"

    def __init__(self) -> None:
        super().__init__("auth_code", "the creator has cancelled this authorization.")


class AuthCodeExpired(SparkError):
    """The authorization period of this code has ended."""

    reason = "AUTH_CODE_EXPIRED"

    def __init__(self, expired_at: str) -> None:
        super().__init__("auth_code", f"the authorization code expired at {expired_at} (UTC).")
        self.expired_at = expired_at


class AuthCodeInvalidated(SparkError):
    """The post was edited after this code was generated; a new code is needed."""

    reason = "AUTH_CODE_INVALIDATED"

    def __init__(self) -> None:
        super().__init__(
            "auth_code", "the post was edited after this code was generated; ask for a new code."
        )


class PostDeleted(SparkError):
    """The post behind the code was deleted."""

    reason = "POST_DELETED"

    def __init__(self) -> None:
        super().__init__("auth_code", "the post behind this code has been deleted.")


class PostNotPublic(SparkError):
    """Only public posts can be linked."""

    reason = "POST_NOT_PUBLIC"

    def __init__(self, privacy: str) -> None:
        super().__init__("auth_code", f"the post is {privacy}; only public posts can be promoted.")
        self.privacy = privacy


class PostAlreadyLinked(SparkError):
    """This advertiser has already linked the post."""

    reason = "POST_ALREADY_LINKED"

    def __init__(self, item_id: str) -> None:
        super().__init__("auth_code", f"post {item_id} is already linked to this advertiser.")
        self.item_id = item_id
