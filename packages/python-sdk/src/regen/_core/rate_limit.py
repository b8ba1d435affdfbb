"""The rate-limit window the `X-RateLimit-*` headers describe (openapi/README.md, "Rate limits")."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Mapping, Optional

from .retry_after import reset_to_epoch


@dataclass(frozen=True)
class RateLimit:
    """The bucket closest to exhaustion, as the last response reported it."""

    limit: int
    """`X-RateLimit-Limit`: requests allowed in the window."""
    remaining: int
    """`X-RateLimit-Remaining`: requests left in the window."""
    reset: int
    """`X-RateLimit-Reset` as Unix seconds (a delta header is converted)."""


def parse_rate_limit(headers: Mapping[str, str], now: Optional[float] = None) -> Optional[RateLimit]:
    """The three headers, or None unless all three are present and numeric."""
    try:
        limit = int(headers["x-ratelimit-limit"])
        remaining = int(headers["x-ratelimit-remaining"])
    except (KeyError, ValueError):
        return None
    reset = reset_to_epoch(headers.get("x-ratelimit-reset"), time.time() if now is None else now)
    if reset is None:
        return None
    return RateLimit(limit=limit, remaining=remaining, reset=math.ceil(reset))
