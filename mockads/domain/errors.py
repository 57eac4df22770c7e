"""Errors the domain raises; the HTTP layers turn them into their surface's format.

Every error carries the real API's numeric code (`api_code`, for the mirror's envelope), an
HTTP status (for the control plane) and a stable machine-readable `reason`::

    MockadsError                          40002 / 400
    ├── InvalidParameter                  40002 / 400  a parameter missing, malformed, out of range
    │   ├── BatchTooLarge                              more than 20 codes in one batch
    │   └── ClockOutOfRange                            a sandbox clock outside 1970-9000
    ├── AccessTokenMissing                40104 / 401  no Access-Token header
    ├── AccessTokenInvalid                40105 / 401  unknown or revoked token
    ├── NoPermission                      40001 / 403  the token cannot reach that advertiser
    ├── NotFound                          40700 / 404  no such object in this sandbox
    ├── Conflict                          40002 / 409  the request contradicts the current state
    ├── InternalError                     50000 / 500  a bug in mockads (never expected)
    ├── AppRefusal                        40002 / 409  the TikTok app would refuse this step
    │   ├── AuthorizedPostsNotAllowed                  profile switch off
    │   ├── AdTermsNotAccepted                         Advertising Content Terms not agreed
    │   ├── AdTermsCannotBeWithdrawn                   agreeing cannot be undone
    │   ├── AdAuthorizationOff                         the post's toggle is off
    │   ├── AuthorizationActive                        a valid code exists already
    │   ├── CodeNeedsPublicPost                        only public posts get codes
    │   ├── CaptionLocked                              caption edits while authorized
    │   └── PrivacyLocked                              privacy changes while promoted
    └── SparkError                        40002 / 422  a Spark rule refuses the request
        ├── AuthCodeMalformed                          not shaped like a code
        ├── AuthCodeNotFound                           no post behind the code
        ├── AuthCodeRevoked                            the creator switched authorization off
        ├── AuthCodeExpired                            the authorization period ended
        ├── AuthCodeInvalidated                        the post was edited after the code
        ├── PostDeleted                                the post is gone
        ├── PostNotPublic                              the post is FRIENDS or PRIVATE
        ├── PostIneligible                             the post cannot be promoted
        ├── PostAlreadyLinked                          this advertiser linked it already
        ├── AuthCodeUsedByAnotherAccount               another ad account linked with the code
        ├── OriginalPostAuthCodeRequired               a Duet/Stitch needs the original's code
        ├── OriginalPostAuthCodeMismatch               that code is for another post
        ├── PostNotLinked                              unbind of a post that is not linked
        ├── PostInUse                                  unbind while ads use the post
        ├── SparkAdLimitReached                        10,000 Spark ads per ad account
        ├── AdTextNotCaption                           a Spark ad's text is the caption
        ├── PostNotAvailable                           the identity cannot promote that post
        └── PushNotAllowed                             the account cannot publish library videos
    └── VideoRejected                     40002 / 422  the creative library refuses an upload
        ├── VideoSignatureMismatch                     video_signature is not the file's MD5
        ├── NotAVideo                                  the file holds no playable video
        ├── VideoTooLarge                              more than 500 MB
        ├── VideoFormatUnsupported                     not mp4, mov, mpeg, 3gp or avi
        ├── VideoDurationOutOfRange                    longer than 10 minutes
        ├── VideoResolutionTooLow                      under 540x960 (vertical) and the like
        └── FileNameDuplicated                         the advertiser has a video of that name
    └── ImageRejected                     40002 / 422  the creative library refuses an image
        ├── ImageSignatureMismatch                     image_signature is not the file's MD5
        ├── NotAnImage                                 the file holds no decodable image
        ├── ImageTooLarge                              more than 10 MB
        ├── ImageFormatUnsupported                     not jpeg or png
        └── ImageNameDuplicated                        the advertiser has an image of that name

Spark errors, library refusals and app refusals start their message with `[REASON] field:`.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "AccessTokenInvalid",
    "AccessTokenMissing",
    "AdAuthorizationOff",
    "AdTermsCannotBeWithdrawn",
    "AdTermsNotAccepted",
    "AdTextNotCaption",
    "AppCredentialsInvalid",
    "AppRefusal",
    "AuthCodeExpired",
    "AuthCodeInvalidated",
    "AuthCodeMalformed",
    "AuthCodeNotFound",
    "AuthCodeRevoked",
    "AuthCodeUsedByAnotherAccount",
    "AuthorizationActive",
    "AuthorizedPostsNotAllowed",
    "BatchTooLarge",
    "CaptionLocked",
    "ClockOutOfRange",
    "CodeNeedsPublicPost",
    "Conflict",
    "FileNameDuplicated",
    "ImageFormatUnsupported",
    "ImageNameDuplicated",
    "ImageRejected",
    "ImageSignatureMismatch",
    "ImageTooLarge",
    "InternalError",
    "InvalidParameter",
    "MockadsError",
    "NoPermission",
    "NotAVideo",
    "NotAnImage",
    "NotFound",
    "OAuthCodeInvalid",
    "OriginalPostAuthCodeMismatch",
    "OriginalPostAuthCodeRequired",
    "PermissionMissing",
    "PostAlreadyLinked",
    "PostDeleted",
    "PostInUse",
    "PostIneligible",
    "PostNotAvailable",
    "PostNotLinked",
    "PostNotPublic",
    "PrivacyLocked",
    "PushNotAllowed",
    "RedirectUriNotRegistered",
    "SparkAdLimitReached",
    "SparkError",
    "VideoDurationOutOfRange",
    "VideoFormatUnsupported",
    "VideoRejected",
    "VideoResolutionTooLow",
    "VideoSignatureMismatch",
    "VideoTooLarge",
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


class BatchTooLarge(InvalidParameter):
    """Apply for Authorization takes at most 20 codes at once; more is refused whole."""

    reason = "BATCH_TOO_LARGE"

    def __init__(self, limit: int, given: int) -> None:
        super().__init__("auth_codes", f"at most {limit} codes at once; {given} were sent.")
        self.limit = limit
        self.given = given


class ClockOutOfRange(InvalidParameter):
    """A sandbox clock may show only times every field can be written in (years 1970 to 8999)."""

    reason = "CLOCK_OUT_OF_RANGE"

    def __init__(self, field: str, earliest: str, latest: str) -> None:
        super().__init__(field, f"the sandbox clock must stay between {earliest} and {latest} UTC.")
        self.earliest = earliest
        self.latest = latest


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


class PermissionMissing(NoPermission):
    """The advertiser did not grant the token's app the permission group this call needs."""

    reason = "PERMISSION_MISSING"

    def __init__(self, title: str, scope: int) -> None:
        MockadsError.__init__(
            self,
            f"Access-Token: no permission for this call: the advertiser did not grant the app "
            f"the '{title}' permission (scope {scope}).",
        )
        self.field = "Access-Token"
        self.value = title
        self.scope = scope


class AppCredentialsInvalid(MockadsError):
    """The `app_id` and `secret` are not an app of the sandbox (or do not belong together)."""

    api_code = 40101
    http_status = 401
    reason = "APP_CREDENTIALS_INVALID"

    def __init__(self) -> None:
        super().__init__("app_id/secret: the app id or secret is wrong.")


class OAuthCodeInvalid(MockadsError):
    """An authorization code that is unknown, used before or expired."""

    api_code = 40110
    http_status = 400
    reason = "AUTH_CODE_INVALID"

    def __init__(self, problem: str = "is unknown") -> None:
        super().__init__(f"auth_code: the authorization code {problem}.")
        self.problem = problem


class RedirectUriNotRegistered(InvalidParameter):
    """The authorization page redirects only to a URI the app registered."""

    reason = "REDIRECT_URI_NOT_REGISTERED"

    def __init__(self, redirect_uri: str) -> None:
        super().__init__("redirect_uri", f"{redirect_uri!r} is not registered for this app.")
        self.redirect_uri = redirect_uri


class NotFound(MockadsError):
    """An object that does not exist in this sandbox."""

    api_code = 40700
    http_status = 404
    reason = "NOT_FOUND"

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"{kind} {key!r} does not exist.")
        self.kind = kind
        self.key = key


class InternalError(MockadsError):
    """A bug in mockads: the real API's 50000, with HTTP 500 (never expected)."""

    api_code = 50000
    http_status = 500
    reason = "INTERNAL_ERROR"

    def __init__(self) -> None:
        super().__init__("Internal system error: mockads failed on this request (please report).")


class Conflict(MockadsError):
    """The request contradicts the current state (e.g. a sandbox id already taken)."""

    http_status = 409
    reason = "CONFLICT"


class _Templated(MockadsError):
    """An error whose message is `[REASON] field: <template filled with the facts>`."""

    field: ClassVar[str]
    template: ClassVar[str]

    def __init__(self, field: str | None = None, **facts: Any) -> None:
        self.field = field or type(self).field  # type: ignore[misc]
        for name, value in facts.items():
            setattr(self, name, value)
        super().__init__(f"[{self.reason}] {self.field}: {self.template.format(**facts)}")


class AppRefusal(_Templated):
    """A step the TikTok app would refuse (creator-app simulator)."""

    http_status = 409
    reason = "APP_REFUSAL"


class AuthorizedPostsNotAllowed(AppRefusal):
    reason = "AUTHORIZED_POSTS_NOT_ALLOWED"
    field = "allow_authorized_posts"
    template = (
        "the creator's profile does not allow authorized posts "
        "(Settings and privacy > Privacy, or Creator tools)."
    )


class AdTermsNotAccepted(AppRefusal):
    reason = "AD_TERMS_NOT_ACCEPTED"
    field = "accepted_ad_terms"
    template = "the creator has not agreed to the Advertising Content Terms."


class AdTermsCannotBeWithdrawn(AppRefusal):
    reason = "AD_TERMS_CANNOT_BE_WITHDRAWN"
    field = "accepted_ad_terms"
    template = "agreeing to the Advertising Content Terms cannot be undone in the app."


class AdAuthorizationOff(AppRefusal):
    reason = "AD_AUTHORIZATION_OFF"
    field = "ad_authorization"
    template = "switch Ad authorization on for post {item_id} before generating a code."


class AuthorizationActive(AppRefusal):
    reason = "AUTHORIZATION_ACTIVE"
    field = "ad_authorization"
    template = (
        "post {item_id} already has a valid code (until {until} UTC); copy it, or switch Ad "
        "authorization off and on to generate a new one."
    )


class CodeNeedsPublicPost(AppRefusal):
    reason = "CODE_NEEDS_PUBLIC_POST"
    field = "privacy"
    template = "only public posts can be authorized; post {item_id} is {privacy}."


class CaptionLocked(AppRefusal):
    reason = "CAPTION_LOCKED"
    field = "caption"
    template = "the caption cannot be edited while the post is authorized (until {until} UTC)."


class PrivacyLocked(AppRefusal):
    reason = "PRIVACY_LOCKED"
    field = "privacy"
    template = (
        "the privacy of post {item_id} cannot change while ads promote it; TikTok Ads Only Mode "
        "(ads_only_mode) can be switched on instead."
    )


class SparkError(_Templated):
    """A Spark rule refuses the request."""

    http_status = 422
    reason = "SPARK_RULE"
    field = "auth_code"


class AuthCodeMalformed(SparkError):
    reason = "AUTH_CODE_MALFORMED"
    template = (
        "the authorization code is invalid. Copy the whole code from the app; URL-encode it in "
        "query strings ('+' as %2B)."
    )


class AuthCodeNotFound(SparkError):
    reason = "AUTH_CODE_NOT_FOUND"
    template = "the authorization code does not exist. Check the code and try again."


class AuthCodeRevoked(SparkError):
    reason = "AUTH_CODE_REVOKED"
    template = "the creator has cancelled this authorization."


class AuthCodeExpired(SparkError):
    reason = "AUTH_CODE_EXPIRED"
    template = "the authorization code expired at {expired_at} (UTC)."


class AuthCodeInvalidated(SparkError):
    reason = "AUTH_CODE_INVALIDATED"
    template = "the post was edited after this code was generated; ask the creator for a new code."


class PostDeleted(SparkError):
    reason = "POST_DELETED"
    template = "the post behind this code has been deleted."


class PostNotPublic(SparkError):
    reason = "POST_NOT_PUBLIC"
    template = "the post is {privacy}; only public posts can be promoted."


class PostIneligible(SparkError):
    reason = "POST_INELIGIBLE"
    template = "the post cannot be promoted: {why}."


class PostAlreadyLinked(SparkError):
    reason = "POST_ALREADY_LINKED"
    template = "post {item_id} is already linked to this advertiser."


class AuthCodeUsedByAnotherAccount(SparkError):
    reason = "AUTH_CODE_USED_BY_ANOTHER_ACCOUNT"
    template = "this code already authorizes another ad account; a code authorizes one only."


class OriginalPostAuthCodeRequired(SparkError):
    reason = "ORIGINAL_POST_AUTH_CODE_REQUIRED"
    field = "original_post_auth_code"
    template = (
        "this is a dual creator post ({kind} of post {original_item_id}); enter the video code "
        "of the original post too."
    )


class OriginalPostAuthCodeMismatch(SparkError):
    reason = "ORIGINAL_POST_AUTH_CODE_MISMATCH"
    field = "original_post_auth_code"
    template = "this code authorizes post {item_id}, not the original post {original_item_id}."


class PostNotLinked(SparkError):
    reason = "POST_NOT_LINKED"
    field = "item_id"
    template = "post {item_id} is not linked to this advertiser."


class PostInUse(SparkError):
    reason = "POST_IN_USE"
    field = "item_id"
    template = "post {item_id} is used by {ads} ad(s) that are not deleted; delete them first."


class SparkAdLimitReached(SparkError):
    reason = "SPARK_AD_LIMIT_REACHED"
    field = "creatives"
    template = (
        "an ad account holds at most {limit} Spark ads that are not deleted, and this one has "
        "{count}; delete Spark ads to make room."
    )


class AdTextNotCaption(SparkError):
    reason = "AD_TEXT_NOT_CAPTION"
    field = "ad_text"
    template = "a Spark ad's text is its post's caption ({caption!r}); leave ad_text out."


class PostNotAvailable(SparkError):
    reason = "POST_NOT_AVAILABLE"
    field = "tiktok_item_id"
    template = "post {item_id} cannot be used by this identity: {why}."


class PushNotAllowed(SparkError):
    reason = "PUSH_NOT_ALLOWED"
    field = "identity_id"
    template = (
        "identity {identity_id} cannot publish library videos as posts (can_push_video is false)."
    )


class VideoRejected(_Templated):
    """The creative library refuses an upload."""

    http_status = 422
    reason = "VIDEO_REJECTED"
    field = "video_file"


class VideoSignatureMismatch(VideoRejected):
    reason = "VIDEO_SIGNATURE_MISMATCH"
    field = "video_signature"
    template = "{given!r} is not the MD5 of the file sent (its MD5 is {actual})."


class NotAVideo(VideoRejected):
    reason = "NOT_A_VIDEO"
    template = "the file is not a playable video ({detail})."


class VideoTooLarge(VideoRejected):
    reason = "VIDEO_TOO_LARGE"
    template = "a video may be at most {limit} bytes; this upload is larger."


class VideoFormatUnsupported(VideoRejected):
    reason = "VIDEO_FORMAT_UNSUPPORTED"
    template = "{format} videos are not accepted; use one of {allowed}."


class VideoDurationOutOfRange(VideoRejected):
    reason = "VIDEO_DURATION_OUT_OF_RANGE"
    template = (
        "the video lasts {duration:.1f} s; it must last more than 0 s and at most {limit:.0f} s."
    )


class VideoResolutionTooLow(VideoRejected):
    reason = "VIDEO_RESOLUTION_TOO_LOW"
    template = (
        "the video is {width}x{height}; a {orientation} video must be at least {minimum} "
        "(flaw type LOW_RESOLUTION)."
    )


class FileNameDuplicated(VideoRejected):
    reason = "FILE_NAME_DUPLICATED"
    field = "file_name"
    template = (
        "the advertiser's library already has a video named {file_name!r}; "
        "rename the file or give another file_name."
    )


class ImageRejected(_Templated):
    """The creative library refuses an image upload."""

    http_status = 422
    reason = "IMAGE_REJECTED"
    field = "image_file"


class ImageSignatureMismatch(ImageRejected):
    reason = "IMAGE_SIGNATURE_MISMATCH"
    field = "image_signature"
    template = "{given!r} is not the MD5 of the file sent (its MD5 is {actual})."


class NotAnImage(ImageRejected):
    reason = "NOT_AN_IMAGE"
    template = "the file is not a readable image ({detail})."


class ImageTooLarge(ImageRejected):
    reason = "IMAGE_TOO_LARGE"
    template = "an image may be at most {limit} bytes; this upload is larger."


class ImageFormatUnsupported(ImageRejected):
    reason = "IMAGE_FORMAT_UNSUPPORTED"
    template = "{format} images are not accepted; use one of {allowed}."


class ImageNameDuplicated(ImageRejected):
    reason = "IMAGE_NAME_DUPLICATED"
    field = "file_name"
    template = (
        "the advertiser's library already has an image named {file_name!r}; "
        "rename the file or give another file_name."
    )
