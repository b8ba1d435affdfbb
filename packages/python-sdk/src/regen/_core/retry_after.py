"""How long the server asked a client to wait (RFC 9110 §10.2.3), mirroring @regen/contract/http."""

from __future__ import annotations

import re
import time
from email.utils import parsedate_to_datetime
from typing import Mapping, Optional

_SECONDS = re.compile(r"^\d+(?:\.\d+)?$")


def reset_to_epoch(value: Optional[str], now: float) -> Optional[float]:
    """`X-RateLimit-Reset` as epoch seconds: ≥1e12 epoch ms, ≥1e9 epoch seconds, else a delta."""
    if value is None or value.strip() == "":
        return None
    try:
        v = float(value)
    except ValueError:
        return None
    if v < 0 or v != v:
        return None
    if v >= 1e12:
        return v / 1000
    if v >= 1e9:
        return v
    return now + v


def server_retry_delay(headers: Mapping[str, str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait, or None if the server did not say.

    `retry-after-ms` first, then `Retry-After` as delay-seconds or an HTTP-date (a past date means
    no wait), then `X-RateLimit-Reset` when `X-RateLimit-Remaining` is 0.
    """
    at = time.time() if now is None else now
    ms = headers.get("retry-after-ms")
    if ms is not None and _SECONDS.match(ms.strip()):
        return float(ms) / 1000
    after = (headers.get("retry-after") or "").strip()
    if after:
        if _SECONDS.match(after):
            return float(after)
        # An HTTP-date always names a day or month; this rejects "-5".
        if re.search(r"[a-z]", after, re.IGNORECASE):
            try:
                when = parsedate_to_datetime(after).timestamp()
            except (TypeError, ValueError):
                when = None
            if when is not None:
                return max(0.0, when - at)
    if (headers.get("x-ratelimit-remaining") or "").strip() == "0":
        reset = reset_to_epoch(headers.get("x-ratelimit-reset"), at)
        if reset is not None:
            return max(0.0, reset - at)
    return None
