"""The pieces of one attempt both transports share: turning an httpx failure into a typed error,
and logging with credentials redacted."""

from __future__ import annotations

import logging

import httpx

from .._errors import APIConnectionError, APITimeoutError
from .request import PreparedRequest

log = logging.getLogger("regen")


def connection_error(exc: httpx.HTTPError, request: PreparedRequest, timeout: float) -> APIConnectionError:
    """The typed error of a failed attempt; the message names the call, never its headers."""
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"Request timed out after {timeout} s: {request.method} {request.url}")
    return APIConnectionError(f"Connection error ({type(exc).__name__}): {request.method} {request.url}")


def log_retry(delay: float, retry: int, error: Exception) -> None:
    log.info("Retrying in %.0f ms (retry %d): %s", delay * 1000, retry + 1, error)
