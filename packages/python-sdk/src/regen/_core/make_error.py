"""The typed error of a non-2xx response, from the contract's error envelope
`{success: false, error: {code, message, requestId, details?, scope?}}`, or an RFC 6749 §5.2 body
`{error, error_description}` (OAuth endpoints), or plain text."""

from __future__ import annotations

import json
from typing import Any, Callable, Optional

import httpx

from .._errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ErrorDetail,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from .rate_limit import parse_rate_limit
from .retry_after import server_retry_delay

_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _str(value: Any) -> Optional[str]:
    return value if isinstance(value, str) else None


def make_api_error(status: int, text: str, headers: httpx.Headers, redact: Callable[[str], str]) -> APIError:
    """Builds the error for `status`; every text taken from the body goes through `redact`."""
    try:
        body: Any = json.loads(text) if text else None
    except ValueError:
        body = None
    request_id = headers.get("x-request-id")
    code: Optional[str] = None
    scope: Optional[str] = None
    details: tuple[ErrorDetail, ...] = ()
    oauth_error: Optional[str] = None
    description: Optional[str] = None
    e = body.get("error") if isinstance(body, dict) else None
    if isinstance(e, dict):
        code = _str(e.get("code"))
        message = _str(e.get("message")) or ""
        request_id = request_id or _str(e.get("requestId"))
        scope = _str(e.get("scope"))
        raw_details = e.get("details")
        if isinstance(raw_details, list):
            details = tuple(
                ErrorDetail(path=str(d.get("path")), message=redact(str(d.get("message"))))
                for d in raw_details
                if isinstance(d, dict)
            )
    elif isinstance(e, str):
        oauth_error = code = e
        description = _str(body.get("error_description")) if isinstance(body, dict) else None
        description = redact(description) if description is not None else None
        message = description or e
    elif isinstance(body, dict):
        message = _str(body.get("message")) or ""
    else:
        message = text[:200]
    message = redact(message or f"HTTP {status}")
    if scope and scope not in message:
        message = f"{message} (missing scope: {scope})"

    # RFC 6749 §5.2: a spent grant or a client that failed to authenticate is an authentication
    # failure whatever the status; `status` still says what the server answered.
    if oauth_error in ("invalid_grant", "invalid_client"):
        cls: type[APIError] = AuthenticationError
    else:
        cls = _BY_STATUS.get(status, InternalServerError if status >= 500 else APIError)
    error = cls(
        message,
        status=status,
        code=code,
        request_id=request_id,
        details=details,
        error=oauth_error,
        error_description=description,
        headers=headers,
    )
    if isinstance(error, PermissionDeniedError):
        error.scope = scope
    if isinstance(error, RateLimitError):
        error.retry_after = server_retry_delay(headers)
        error.rate_limit = parse_rate_limit(headers)
    return error
