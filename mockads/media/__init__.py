"""Media files: uploads staged and probed with PyAV, kept by content, served back."""

from mockads.media.files import MediaFiles, StagedFile

__all__ = ["MediaFiles", "StagedFile"]
