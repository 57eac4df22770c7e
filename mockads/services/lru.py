"""A small thread-safe least-recently-used map, for what services cache per store generation."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

__all__ = ["Lru"]


class Lru:
    """At most `size` entries; the least recently read or written goes first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        """The value filed under `key`, or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        """File `value` under `key`."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
