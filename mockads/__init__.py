"""mockads — a stateful emulator of the TikTok Marketing API (v1.3) for Spark Ads."""

__all__ = ["__version__"]

__version__ = "0.1.0"
