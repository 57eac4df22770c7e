"""Small real videos for tests, encoded with PyAV (the fixture sample is made the same way).

`python -m tests.mediagen` rewrites mockads/fixtures/media/sample.mp4.
"""

from __future__ import annotations

from pathlib import Path

import av

__all__ = ["SAMPLE", "make_video"]

SAMPLE = Path(__file__).resolve().parents[1] / "mockads" / "fixtures" / "media" / "sample.mp4"
#: Codec per container: FFmpeg's built-in encoders, so no system library is needed.
_CODECS = {
    "mp4": "libx264",
    "mov": "libx264",
    "3gp": "libx264",
    "avi": "mpeg4",
    "mpeg": "mpeg1video",
    "matroska": "libx264",
}


def make_video(
    path: Path,
    *,
    width: int = 540,
    height: int = 960,
    seconds: float = 6.0,
    fps: int = 12,
    container: str = "mp4",
) -> Path:
    """Encode a video of moving colour bands: `seconds` long, `width` x `height`."""
    with av.open(str(path), "w", format=container) as out:
        # MPEG-1 knows only the broadcast frame rates.
        stream = out.add_stream(_CODECS[container], rate=25 if container == "mpeg" else fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        if _CODECS[container] == "libx264":
            stream.options = {"crf": "38", "preset": "veryfast"}
        for index in range(max(1, round(seconds * fps))):
            frame = av.VideoFrame(width, height, "yuv420p")
            for plane_index, plane in enumerate(frame.planes):
                row = bytes(
                    (x * 2 + index * 8 + plane_index * 70) % 256 for x in range(plane.line_size)
                )
                plane.update(row * (plane.buffer_size // plane.line_size))
            out.mux(stream.encode(frame))
        out.mux(stream.encode())
    return path


if __name__ == "__main__":
    make_video(SAMPLE)
    print(SAMPLE, SAMPLE.stat().st_size, "bytes")
