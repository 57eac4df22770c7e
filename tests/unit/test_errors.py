"""Errors: the real API's code, an HTTP status, a stable reason, the field named first."""

from __future__ import annotations

import pytest

from mockads.domain import errors

CASES = [
    (
        errors.InvalidParameter("advertiser_id", "Missing data for required field."),
        40002,
        400,
        "INVALID_PARAMETER",
        "advertiser_id: Missing data for required field.",
    ),
    (errors.AccessTokenMissing(), 40104, 401, "ACCESS_TOKEN_EMPTY", "Access token is null"),
    (errors.AccessTokenInvalid(), 40105, 401, "ACCESS_TOKEN_INVALID", "The access token is"),
    (errors.NoPermission("advertiser_id", "7"), 40001, 403, "NO_PERMISSION", "advertiser_id: "),
    (errors.NotFound("sandbox", "sbx_1"), 40700, 404, "NOT_FOUND", "sandbox 'sbx_1' does not"),
    (
        errors.PermissionMissing("Reporting", 3),
        40001,
        403,
        "PERMISSION_MISSING",
        "Access-Token: no permission for this call: the advertiser did not grant the app the "
        "'Reporting' permission (scope 3).",
    ),
    (
        errors.AppCredentialsInvalid(),
        40101,
        401,
        "APP_CREDENTIALS_INVALID",
        "app_id/secret: the app id or secret is wrong.",
    ),
    (errors.OAuthCodeInvalid(), 40110, 400, "AUTH_CODE_INVALID", "auth_code: the authorization"),
    (
        errors.RedirectUriNotRegistered("https://a.example/cb"),
        40002,
        400,
        "REDIRECT_URI_NOT_REGISTERED",
        "redirect_uri: 'https://a.example/cb' is not registered for this app.",
    ),
    (errors.Conflict("sandbox_id: 'a' already exists."), 40002, 409, "CONFLICT", "sandbox_id: "),
    (errors.InternalError(), 50000, 500, "INTERNAL_ERROR", "Internal system error"),
    (
        errors.AuthCodeNotFound(),
        40002,
        422,
        "AUTH_CODE_NOT_FOUND",
        "[AUTH_CODE_NOT_FOUND] auth_code: ",
    ),
    (
        errors.AuthCodeMalformed(),
        40002,
        422,
        "AUTH_CODE_MALFORMED",
        "[AUTH_CODE_MALFORMED] auth_code: ",
    ),
    (errors.AuthCodeRevoked(), 40002, 422, "AUTH_CODE_REVOKED", "[AUTH_CODE_REVOKED] auth_code: "),
    (
        errors.AuthCodeExpired(expired_at="2026-01-01 00:00:00"),
        40002,
        422,
        "AUTH_CODE_EXPIRED",
        "[AUTH_CODE_EXPIRED] auth_code: ",
    ),
    (
        errors.AuthCodeInvalidated(),
        40002,
        422,
        "AUTH_CODE_INVALIDATED",
        "[AUTH_CODE_INVALIDATED] auth_code: ",
    ),
    (errors.PostDeleted(), 40002, 422, "POST_DELETED", "[POST_DELETED] auth_code: "),
    (
        errors.PostNotPublic(privacy="PRIVATE"),
        40002,
        422,
        "POST_NOT_PUBLIC",
        "[POST_NOT_PUBLIC] auth_code: ",
    ),
    (
        errors.PostAlreadyLinked(item_id="7000000000000000001"),
        40002,
        422,
        "POST_ALREADY_LINKED",
        "[POST_ALREADY_LINKED] auth_code: ",
    ),
    (
        errors.AuthCodeUsedByAnotherAccount(),
        40002,
        422,
        "AUTH_CODE_USED_BY_ANOTHER_ACCOUNT",
        "[AUTH_CODE_USED_BY_ANOTHER_ACCOUNT] auth_code: ",
    ),
    (
        errors.PostIneligible(why="it uses unlicensed music"),
        40002,
        422,
        "POST_INELIGIBLE",
        "[POST_INELIGIBLE] auth_code: the post cannot be promoted: it uses unlicensed music.",
    ),
    (
        errors.OriginalPostAuthCodeRequired(kind="duet", original_item_id="71"),
        40002,
        422,
        "ORIGINAL_POST_AUTH_CODE_REQUIRED",
        "[ORIGINAL_POST_AUTH_CODE_REQUIRED] original_post_auth_code: this is a dual creator post",
    ),
    (
        errors.OriginalPostAuthCodeMismatch(item_id="72", original_item_id="71"),
        40002,
        422,
        "ORIGINAL_POST_AUTH_CODE_MISMATCH",
        "[ORIGINAL_POST_AUTH_CODE_MISMATCH] original_post_auth_code: this code authorizes post 72",
    ),
    (
        errors.PostNotLinked(item_id="71"),
        40002,
        422,
        "POST_NOT_LINKED",
        "[POST_NOT_LINKED] item_id: post 71 is not linked",
    ),
    (
        errors.PostInUse(item_id="71", ads=2),
        40002,
        422,
        "POST_IN_USE",
        "[POST_IN_USE] item_id: post 71 is used by 2 ad(s)",
    ),
    (errors.BatchTooLarge(20, 21), 40002, 400, "BATCH_TOO_LARGE", "auth_codes: at most 20 codes"),
    (
        errors.ClockOutOfRange("set", "1970-01-01 00:00:00", "9000-01-01 00:00:00"),
        40002,
        400,
        "CLOCK_OUT_OF_RANGE",
        "set: the sandbox clock must stay between 1970-01-01 00:00:00 and 9000-01-01",
    ),
    (
        errors.SparkAdLimitReached(limit=10000, count=10000),
        40002,
        422,
        "SPARK_AD_LIMIT_REACHED",
        "[SPARK_AD_LIMIT_REACHED] creatives: an ad account holds at most 10000 Spark ads",
    ),
    (
        errors.AdTextNotCaption(caption="hi #fyp"),
        40002,
        422,
        "AD_TEXT_NOT_CAPTION",
        "[AD_TEXT_NOT_CAPTION] ad_text: a Spark ad's text is its post's caption ('hi #fyp')",
    ),
    (
        errors.PostNotAvailable(item_id="71", why="it is not public"),
        40002,
        422,
        "POST_NOT_AVAILABLE",
        "[POST_NOT_AVAILABLE] tiktok_item_id: post 71 cannot be used by this identity",
    ),
    (
        errors.AuthorizedPostsNotAllowed(),
        40002,
        409,
        "AUTHORIZED_POSTS_NOT_ALLOWED",
        "[AUTHORIZED_POSTS_NOT_ALLOWED] allow_authorized_posts: ",
    ),
    (
        errors.AdTermsNotAccepted(),
        40002,
        409,
        "AD_TERMS_NOT_ACCEPTED",
        "[AD_TERMS_NOT_ACCEPTED] accepted_ad_terms: ",
    ),
    (
        errors.AdTermsCannotBeWithdrawn(),
        40002,
        409,
        "AD_TERMS_CANNOT_BE_WITHDRAWN",
        "[AD_TERMS_CANNOT_BE_WITHDRAWN] accepted_ad_terms: ",
    ),
    (
        errors.AdAuthorizationOff(item_id="71"),
        40002,
        409,
        "AD_AUTHORIZATION_OFF",
        "[AD_AUTHORIZATION_OFF] ad_authorization: switch Ad authorization on for post 71",
    ),
    (
        errors.AuthorizationActive(item_id="71", until="2027-01-01 00:00:00"),
        40002,
        409,
        "AUTHORIZATION_ACTIVE",
        "[AUTHORIZATION_ACTIVE] ad_authorization: post 71 already has a valid code",
    ),
    (
        errors.CodeNeedsPublicPost(item_id="71", privacy="PRIVATE"),
        40002,
        409,
        "CODE_NEEDS_PUBLIC_POST",
        "[CODE_NEEDS_PUBLIC_POST] privacy: only public posts can be authorized",
    ),
    (
        errors.PrivacyLocked(item_id="71"),
        40002,
        409,
        "PRIVACY_LOCKED",
        "[PRIVACY_LOCKED] privacy: the privacy of post 71 cannot change while ads promote it",
    ),
    (
        errors.CaptionLocked(until="2027-01-01 00:00:00"),
        40002,
        409,
        "CAPTION_LOCKED",
        "[CAPTION_LOCKED] caption: the caption cannot be edited while the post is authorized",
    ),
    (
        errors.PushNotAllowed(identity_id="tt-1"),
        40002,
        422,
        "PUSH_NOT_ALLOWED",
        "[PUSH_NOT_ALLOWED] identity_id: identity tt-1 cannot publish library videos",
    ),
    (
        errors.VideoSignatureMismatch(given="abc", actual="0" * 32),
        40002,
        422,
        "VIDEO_SIGNATURE_MISMATCH",
        "[VIDEO_SIGNATURE_MISMATCH] video_signature: 'abc' is not the MD5 of the file sent",
    ),
    (
        errors.NotAVideo(detail="it holds no video stream"),
        40002,
        422,
        "NOT_A_VIDEO",
        "[NOT_A_VIDEO] video_file: the file is not a playable video (it holds no video stream)",
    ),
    (
        errors.VideoTooLarge(limit=100),
        40002,
        422,
        "VIDEO_TOO_LARGE",
        "[VIDEO_TOO_LARGE] video_file: a video may be at most 100 bytes",
    ),
    (
        errors.VideoFormatUnsupported(format="matroska", allowed="mp4"),
        40002,
        422,
        "VIDEO_FORMAT_UNSUPPORTED",
        "[VIDEO_FORMAT_UNSUPPORTED] video_file: matroska videos are not accepted; use one of mp4",
    ),
    (
        errors.VideoDurationOutOfRange(duration=601.0, limit=600.0),
        40002,
        422,
        "VIDEO_DURATION_OUT_OF_RANGE",
        "[VIDEO_DURATION_OUT_OF_RANGE] video_file: the video lasts 601.0 s",
    ),
    (
        errors.VideoResolutionTooLow(
            width=320, height=568, orientation="vertical", minimum="540x960"
        ),
        40002,
        422,
        "VIDEO_RESOLUTION_TOO_LOW",
        "[VIDEO_RESOLUTION_TOO_LOW] video_file: the video is 320x568; a vertical video must be",
    ),
    (
        errors.FileNameDuplicated(file_name="a.mp4"),
        40002,
        422,
        "FILE_NAME_DUPLICATED",
        "[FILE_NAME_DUPLICATED] file_name: the advertiser's library already has a video named",
    ),
    (
        errors.ImageSignatureMismatch(given="x", actual="0" * 32),
        40002,
        422,
        "IMAGE_SIGNATURE_MISMATCH",
        "[IMAGE_SIGNATURE_MISMATCH] image_signature: 'x' is not the MD5",
    ),
    (
        errors.NotAnImage(detail="no picture"),
        40002,
        422,
        "NOT_AN_IMAGE",
        "[NOT_AN_IMAGE] image_file: the file is not a readable image",
    ),
    (
        errors.ImageTooLarge(limit=100),
        40002,
        422,
        "IMAGE_TOO_LARGE",
        "[IMAGE_TOO_LARGE] image_file: an image may be at most 100 bytes",
    ),
    (
        errors.ImageFormatUnsupported(format="gif", allowed="jpeg, png"),
        40002,
        422,
        "IMAGE_FORMAT_UNSUPPORTED",
        "[IMAGE_FORMAT_UNSUPPORTED] image_file: gif images are not accepted",
    ),
    (
        errors.ImageNameDuplicated(file_name="a.png"),
        40002,
        422,
        "IMAGE_NAME_DUPLICATED",
        "[IMAGE_NAME_DUPLICATED] file_name: the advertiser's library already has an image named",
    ),
]


@pytest.mark.parametrize(
    ("error", "api_code", "http_status", "reason", "message_start"),
    CASES,
    ids=[type(case[0]).__name__ for case in CASES],
)
def test_error_carries_its_api_code_http_status_reason_and_message(
    error, api_code, http_status, reason, message_start
):
    assert (error.api_code, error.http_status, error.reason) == (api_code, http_status, reason)
    assert error.message.startswith(message_start)
    assert str(error) == error.message


def test_error_cases_cover_every_concrete_error():
    concrete = {
        cls
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.MockadsError)
    } - {
        errors.MockadsError,
        errors.SparkError,
        errors.AppRefusal,
        errors.VideoRejected,
        errors.ImageRejected,
        errors._Templated,
    }
    assert {type(case[0]) for case in CASES} == concrete


def test_every_error_is_exported():
    exported = {name for name in errors.__all__}
    defined = {
        name
        for name, cls in vars(errors).items()
        if isinstance(cls, type) and issubclass(cls, errors.MockadsError) and name[0] != "_"
    }
    assert exported == defined


def test_spark_error_reasons_are_distinct():
    reasons = [type(case[0]).reason for case in CASES if isinstance(case[0], errors.SparkError)]
    assert len(reasons) == len(set(reasons)) == 18


def test_library_refusal_reasons_are_distinct():
    reasons = [type(case[0]).reason for case in CASES if isinstance(case[0], errors.VideoRejected)]
    assert len(reasons) == len(set(reasons)) == 7


def test_error_keeps_the_facts_it_was_given():
    assert (
        errors.AuthCodeExpired(expired_at="2026-01-01 00:00:00").expired_at == "2026-01-01 00:00:00"
    )
    assert errors.PostNotPublic(privacy="FRIENDS").privacy == "FRIENDS"
    assert errors.NoPermission("advertiser_id", "7").value == "7"
    assert errors.NotFound("scenario", "x").kind == "scenario"


def test_auth_code_expired_message_names_the_end_time():
    assert "2026-01-01 00:00:00" in errors.AuthCodeExpired(expired_at="2026-01-01 00:00:00").message
