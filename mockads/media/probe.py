"""What a video file is, read with PyAV (FFmpeg): container, duration, frame, bit rate; and
its first frame as a JPEG poster. PyAV is imported on first use to keep start-up fast."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from mockads.domain import errors
from mockads.domain.images import ImageFacts
from mockads.domain.library import VideoFacts

__all__ = ["poster_jpeg", "probe_image", "probe_video"]

#: FFmpeg demuxers of video containers. FFmpeg reads much else as "video" (still images,
#: even text, as ANSI art): anything it names otherwise is not a video.
_VIDEO_DEMUXERS = frozenset(
    {
        "mov,mp4,m4a,3gp,3g2,mj2",
        "avi",
        "mpeg",
        "mpegvideo",
        "matroska,webm",
        "flv",
        "mpegts",
        "ogg",
        "asf",
        "rm",
        "mxf",
        "h264",
        "hevc",
        "m4v",
        "nut",
        "dv",
    }
)
#: ISO base-media brands of the mov/mp4 family, to tell the three apart.
_QUICKTIME_BRANDS = ("qt",)
_3GP_BRANDS = ("3gp", "3g2")


def _container_format(name: str, brand: str) -> str:
    """The library's name for a container: FFmpeg names the mov/mp4 family as one."""
    if name.startswith("mov,mp4"):
        brand = brand.strip().lower()
        if brand.startswith(_QUICKTIME_BRANDS):
            return "mov"
        if brand.startswith(_3GP_BRANDS):
            return "3gp"
        return "mp4"
    if name in ("mpeg", "mpegvideo"):
        return "mpeg"
    return name.split(",")[0]


def probe_video(path: Path, size: int, signature: str) -> VideoFacts:
    """Read a file's facts by decoding its first frame; NotAVideo if it has none to decode."""
    import av

    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            name = container.format.name
            if name not in _VIDEO_DEMUXERS:
                raise errors.NotAVideo(detail=f"FFmpeg reads it as {name}, not as a video")
            stream = next(iter(container.streams.video), None)
            if stream is None:
                raise errors.NotAVideo(detail="it holds no video stream")
            next(container.decode(stream))  # playable, not only well-formed
            if container.duration:
                duration = container.duration / av.time_base
            elif stream.duration and stream.time_base:
                duration = float(stream.duration * stream.time_base)
            else:
                duration = 0.0
            bit_rate = container.bit_rate or (int(size * 8 / duration) if duration else 0)
            return VideoFacts(
                format=_container_format(name, container.metadata.get("major_brand", "")),
                duration=round(duration, 3),
                width=stream.codec_context.width,
                height=stream.codec_context.height,
                bit_rate=int(bit_rate),
                size=size,
                signature=signature,
            )
    except (av.FFmpegError, StopIteration, UnicodeDecodeError) as error:
        raise errors.NotAVideo(detail=_why(error)) from None


#: FFmpeg's image demuxers, by the name the library reports for their format.
_IMAGE_DEMUXERS = {
    "jpeg_pipe": "jpeg",
    "png_pipe": "png",
    "webp_pipe": "webp",
    "gif": "gif",
    "bmp_pipe": "bmp",
    "tiff_pipe": "tiff",
}


def probe_image(path: Path, size: int, signature: str) -> ImageFacts:
    """Read an image's format and frame by decoding it; NotAnImage if it is no image."""
    import av

    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            name = container.format.name
            if name not in _IMAGE_DEMUXERS:
                raise errors.NotAnImage(detail=f"FFmpeg reads it as {name}, not as an image")
            stream = next(iter(container.streams.video), None)
            if stream is None:
                raise errors.NotAnImage(detail="it holds no picture")
            frame = next(container.decode(stream))
            return ImageFacts(
                format=_IMAGE_DEMUXERS[name],
                width=frame.width,
                height=frame.height,
                size=size,
                signature=signature,
            )
    except (av.FFmpegError, StopIteration, UnicodeDecodeError) as error:
        raise errors.NotAnImage(detail=_why(error)) from None


def _why(error: Exception) -> str:
    if isinstance(error, StopIteration):
        return "no frame could be decoded"
    return "FFmpeg could not read it"


def poster_jpeg(path: Path) -> bytes:
    """The video's first frame as a JPEG."""
    import av

    with av.open(str(path), metadata_errors="ignore") as container:
        frame = next(container.decode(container.streams.video[0]))
    encoder = av.CodecContext.create("mjpeg", "w")
    encoder.width, encoder.height = frame.width, frame.height
    encoder.pix_fmt = "yuvj420p"
    encoder.time_base = Fraction(1, 25)
    packets = encoder.encode(frame.reformat(format="yuvj420p")) + encoder.encode(None)
    return b"".join(bytes(packet) for packet in packets)
