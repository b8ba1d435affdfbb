"""The retry decision, shared by the sync and async transports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .._errors import APIConnectionError, APIError
from .backoff import backoff_delay
from .retry_after import server_retry_delay


@dataclass(frozen=True)
class RetryPolicy:
    """The client-wide half of the decision (`max_retries` can change per call)."""

    max_retry_after: float = 60.0
    """Longest server-requested wait honoured, in seconds; a longer one makes the error final."""
    backoff_initial: float = 0.5
    backoff_max: float = 8.0


def retry_delay(error: APIError, retry: int, max_retries: int, policy: RetryPolicy) -> Optional[float]:
    """Seconds before retry `retry + 1`, or None when `error` is final."""
    if retry >= max_retries:
        return None
    if error.status is None:
        if isinstance(error, APIConnectionError):
            return backoff_delay(retry, policy.backoff_initial, policy.backoff_max)
        return None
    headers = error.headers
    hint = headers.get("x-should-retry") if headers is not None else None
    if hint == "false":
        return None
    if hint != "true" and not _retryable_status(error):
        return None
    requested = server_retry_delay(headers) if headers is not None else None
    if requested is None:
        return backoff_delay(retry, policy.backoff_initial, policy.backoff_max)
    # A longer wait than the cap is the caller's to schedule, not ours to sleep through.
    return None if requested > policy.max_retry_after else requested


def _retryable_status(error: APIError) -> bool:
    status = error.status or 0
    # 409 `idempotency_key_in_use` clears once the first request finishes; a plain `conflict` never will.
    if status == 409:
        return error.code != "conflict"
    return status in (408, 429) or status >= 500
