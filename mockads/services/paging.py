"""Pages of results, as the API's `page_info` describes them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["Page", "paginate"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a longer list."""

    items: Sequence[T]
    page: int
    page_size: int
    total_number: int

    @property
    def total_page(self) -> int:
        """How many pages the whole list fills."""
        return -(-self.total_number // self.page_size) if self.page_size else 0

    @property
    def offset(self) -> int:
        """Index of this page's first item in the whole list."""
        return (self.page - 1) * self.page_size


def paginate(items: Sequence[T], page: int, page_size: int) -> Page[T]:
    """Cut one page out of a list held in memory."""
    start = (page - 1) * page_size
    return Page(items[start : start + page_size], page, page_size, len(items))
