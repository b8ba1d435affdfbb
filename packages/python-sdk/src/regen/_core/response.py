"""What a call answered: the parsed body, and (`with_response`) the response metadata beside the data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Generic, Optional, TypeVar

import httpx

from .._errors import APIConnectionError, APIError
from .make_error import make_api_error
from .rate_limit import RateLimit, parse_rate_limit

T = TypeVar("T")


@dataclass
class RawResponse:
    """A 2xx response with its JSON body parsed (None when empty)."""

    http: httpx.Response
    body: Any


@dataclass(frozen=True)
class APIResponse(Generic[T]):
    """What a `client.with_response…` call returns: the data, and what the response said about it."""

    data: T
    """What the plain call returns."""
    status_code: int
    headers: httpx.Headers
    """Response headers (never the request's)."""
    request_id: Optional[str]
    """`X-Request-Id`: quote it to support."""
    rate_limit: Optional[RateLimit]
    """The `X-RateLimit-*` window, when the response carried it."""


def with_response(raw: RawResponse, data: T) -> APIResponse[T]:
    """`data` with the metadata of the response it came from."""
    headers = raw.http.headers
    return APIResponse(
        data=data,
        status_code=raw.http.status_code,
        headers=headers,
        request_id=headers.get("x-request-id"),
        rate_limit=parse_rate_limit(headers),
    )


def classify(response: httpx.Response, redact: Callable[[str], str]) -> RawResponse | APIError:
    """A 2xx becomes a `RawResponse`, anything else its typed error; a 2xx that is not JSON is a
    connection error (a body cut mid-way), retried like one."""
    if not 200 <= response.status_code < 300:
        return make_api_error(response.status_code, response.text, response.headers, redact)
    content = response.content  # JSON is UTF-8 (RFC 8259 §8.1): no charset sniffing of `.text`
    if content == b"":
        return RawResponse(response, None)
    try:
        return RawResponse(response, json.loads(content))
    except ValueError:
        method, url = response.request.method, str(response.request.url)
        return APIConnectionError(redact(f"Invalid JSON in response to {method} {url}"))
