"""Where media lives: uploads are staged while hashed, then kept under their MD5.

Files are content-addressed, so two sandboxes uploading the same video share one file and a
reset needs no clean-up. Media the emulator invented (scenario posts, videos known only by
URL) has no file: the bundled sample stands in for it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mockads.domain import errors
from mockads.domain.images import IMAGE_FORMATS, ImageFacts
from mockads.domain.library import VideoFacts
from mockads.media.probe import poster_jpeg, probe_image, probe_video

__all__ = ["SAMPLE_VIDEO", "MediaFiles", "StagedFile"]

#: The bundled sample: what `make run` prints to upload, and the stand-in for invented media.
SAMPLE_VIDEO = Path(__file__).resolve().parents[1] / "fixtures" / "media" / "sample.mp4"
_CHUNK = 1 << 20
_MD5 = re.compile(r"[0-9a-f]{32}")
_FORMAT = re.compile(r"[a-z0-9]{1,16}")


@dataclass(frozen=True, slots=True)
class StagedFile:
    """An upload copied to disk, with its size and MD5, not yet kept."""

    path: Path
    size: int
    md5: str


class MediaFiles:
    """The media directory of one server."""

    def __init__(self, root: Path, sample: Path = SAMPLE_VIDEO) -> None:
        self.root = root
        self.sample = sample
        for sub in ("videos", "posters", "images", "staging"):
            (root / sub).mkdir(parents=True, exist_ok=True)

    @classmethod
    def temporary(cls) -> MediaFiles:
        """Media in a new temporary directory (for servers whose data lives in memory)."""
        return cls(Path(tempfile.mkdtemp(prefix="mockads-media-")))

    @contextmanager
    def stage(self, stream: BinaryIO, limit: int) -> Iterator[StagedFile]:
        """Copy an upload to disk while hashing it; refused once it passes `limit` bytes.

        The staged file is removed on leaving the block unless `keep` moved it first.
        """
        handle, name = tempfile.mkstemp(dir=self.root / "staging")
        path = Path(name)
        digest, size = hashlib.md5(usedforsecurity=False), 0
        try:
            with os.fdopen(handle, "wb") as out:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise errors.VideoTooLarge(limit=limit)
                    digest.update(chunk)
                    out.write(chunk)
            yield StagedFile(path, size, digest.hexdigest())
        finally:
            path.unlink(missing_ok=True)

    def probe(self, staged: StagedFile) -> VideoFacts:
        """The staged file's facts, read from the file (NotAVideo if it is not one)."""
        return probe_video(staged.path, staged.size, staged.md5)

    def keep(self, staged: StagedFile, facts: VideoFacts) -> None:
        """Keep a probed upload under its MD5, with its poster."""
        poster = self._poster_path(facts.signature)
        if not poster.exists():
            _write_atomically(poster, poster_jpeg(staged.path))
        video = self._video_path(facts.signature, facts.format)
        if not video.exists():
            os.replace(staged.path, video)

    def probe_image(self, staged: StagedFile) -> ImageFacts:
        """The staged file's image facts, read from the file (NotAnImage if it is not one)."""
        return probe_image(staged.path, staged.size, staged.md5)

    def keep_image(self, staged: StagedFile, facts: ImageFacts) -> None:
        """Keep a probed image upload under its MD5."""
        image = self._image_path(facts.signature, facts.format)
        if not image.exists():
            os.replace(staged.path, image)

    def image_file(self, signature: str, image_format: str) -> Path:
        """The image stored under `signature`, or the sample's poster standing in for it
        (images a scenario invented have no file)."""
        path = self._image_path(signature, image_format)
        return path if path.exists() else self._sample_poster()

    def video_file(self, signature: str, video_format: str) -> Path:
        """The video stored under `signature`, or the sample standing in for it."""
        path = self._video_path(signature, video_format)
        return path if path.exists() else self.sample

    def kept(self, signature: str, video_format: str) -> bytes | None:
        """The bytes of the video (or, for an image format, the image) kept under `signature`,
        or None (invented media has none).

        Only an MD5 and a plain extension name a file: a row imported from a state file may
        hold any text there, and must not reach outside the media directory.
        """
        if not (_MD5.fullmatch(signature) and _FORMAT.fullmatch(video_format)):
            return None
        if video_format in IMAGE_FORMATS:
            path = self._image_path(signature, video_format)
        else:
            path = self._video_path(signature, video_format)
        return path.read_bytes() if path.is_file() else None

    def poster_file(self, signature: str) -> Path:
        """The poster of the video stored under `signature`, or the sample's poster."""
        path = self._poster_path(signature)
        return path if path.exists() else self._sample_poster()

    def _sample_poster(self) -> Path:
        sample_poster = self.root / "posters" / "sample.jpeg"
        if not sample_poster.exists():
            _write_atomically(sample_poster, poster_jpeg(self.sample))
        return sample_poster

    def remove_all(self) -> None:
        """Delete the media directory (a temporary server's, at exit)."""
        shutil.rmtree(self.root, ignore_errors=True)

    def _video_path(self, signature: str, video_format: str) -> Path:
        return self.root / "videos" / f"{signature}.{video_format}"

    def _image_path(self, signature: str, image_format: str) -> Path:
        return self.root / "images" / f"{signature}.{image_format}"

    def _poster_path(self, signature: str) -> Path:
        return self.root / "posters" / f"{signature}.jpeg"


def _write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers never see half a file (threads may race)."""
    handle, name = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(name, path)
