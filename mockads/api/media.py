"""`/media/...`: the posters and videos that links in responses point to."""

from __future__ import annotations

import time

from flask import Blueprint, Response, abort, current_app, request, send_file
from werkzeug.sansio.utils import get_host

from mockads.schemas.media import LINK_LIFETIME, MEDIA_PATH, MediaLinks, media_file

__all__ = ["media", "media_links"]

media = Blueprint("media", __name__, url_prefix=MEDIA_PATH)


def media_links() -> MediaLinks:
    """Links signed for this request's host, valid for six hours of real time (or a minute more)."""
    runtime = current_app.extensions["mockads"]
    # Links made within one minute share their expiry (the next full minute, plus the lifetime),
    # so that a link already signed is reused.
    expires = -(-int(time.time()) // 60) * 60 + LINK_LIFETIME
    # scheme and host, not `request.host_url`: that one re-encodes the whole URL, on a hot path.
    # A Host header werkzeug finds invalid reads as "": links then name the server's address.
    host = request.host or get_host(request.scheme, None, request.server)
    return MediaLinks(f"{request.scheme}://{host}", runtime.media_secret, expires)


@media.get("/<any(video, poster, image):kind>/<name>")
def media_get(kind: str, name: str) -> Response:
    """A poster, video or library image, for a link this server signed that has not expired."""
    found = media_file(kind, name)
    if found is None:
        abort(404)
    signature, video_format, mimetype = found
    expires = request.args.get("x-expires", "")
    link_signature = request.args.get("x-signature", "")
    if not media_links().verify(request.path, expires, link_signature, time.time()):
        abort(403)
    files = current_app.extensions["mockads"].media
    if kind == "poster":
        path = files.poster_file(signature)
    elif kind == "image":
        path = files.image_file(signature, video_format)
    else:
        path = files.video_file(signature, video_format)
    response = send_file(path, mimetype=mimetype, conditional=True, max_age=LINK_LIFETIME)
    return response
