"""How a sandbox reviews new and edited ads."""

from __future__ import annotations

from dataclasses import dataclass, field

from mockads.domain.enums import ReviewMode, ReviewOutcome

__all__ = ["ReviewPolicy"]


@dataclass(frozen=True, slots=True)
class ReviewPolicy:
    """How a sandbox reviews ads: at once, after a delay of sandbox time, or by hand."""

    mode: ReviewMode = ReviewMode.DELAYED
    delay_seconds: int = 60
    reject_terms: tuple[str, ...] = field(default_factory=tuple)

    def banned_term(self, *texts: str | None) -> str | None:
        """The first banned term in any of the texts (case-insensitive), or None."""
        if not self.reject_terms:
            return None
        lowered = [t.lower() for t in texts if t]
        return next((t for t in self.reject_terms if any(t.lower() in x for x in lowered)), None)

    def submit(
        self, now: float, *texts: str | None
    ) -> tuple[ReviewOutcome | None, str | None, int | None]:
        """The review a new or edited ad gets: (outcome, reason, when it shows).

        Manual reviews have no outcome and no due time until someone decides.
        """
        if self.mode is ReviewMode.MANUAL:
            return None, None, None
        term = self.banned_term(*texts)
        outcome = ReviewOutcome.REJECTED if term else ReviewOutcome.APPROVED
        reason = f"The ad contains content that is not allowed: {term!r}." if term else None
        delay = self.delay_seconds if self.mode is ReviewMode.DELAYED else 0
        return outcome, reason, int(now) + delay
