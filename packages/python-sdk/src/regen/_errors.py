"""Typed errors, mirroring @regen/client's: one class per HTTP status family, each carrying the
contract's `error.code` (a generated `Literal`), the request id and, where it applies, the missing
scope or the server's requested wait. Messages pass through redaction before they are built, and
no error holds the request or its headers (which carry credentials)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Union

import httpx

from ._generated.error_codes import KnownErrorCode

if TYPE_CHECKING:
    from ._core.rate_limit import RateLimit

ErrorCode = Union[KnownErrorCode, str]
"""A contract error code; an unknown one passes through verbatim."""


@dataclass(frozen=True)
class ErrorDetail:
    """One entry of `error.details`: which field, and what is wrong with it."""

    path: str
    message: str


class RegenError(Exception):
    """Base class of every error the SDK raises."""


class APIError(RegenError):
    """An error answered by the API (`status` set) or met on the way to it (`status` None)."""

    status: Optional[int]
    code: Optional[ErrorCode]
    request_id: Optional[str]
    details: tuple[ErrorDetail, ...]
    error: Optional[str]
    error_description: Optional[str]
    headers: Optional[httpx.Headers]

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        code: Optional[ErrorCode] = None,
        request_id: Optional[str] = None,
        details: tuple[ErrorDetail, ...] = (),
        error: Optional[str] = None,
        error_description: Optional[str] = None,
        headers: Optional[httpx.Headers] = None,
    ) -> None:
        head = "" if status is None else (f"{status} {code}: " if code else f"{status} ")
        tail = f" (request {request_id})" if request_id else ""
        super().__init__(f"{head}{message}{tail}")
        self.message = message
        self.status = status
        self.code = code
        self.request_id = request_id
        self.details = details
        self.error = error
        self.error_description = error_description
        # Response headers only: the request's hold credentials.
        self.headers = headers


class BadRequestError(APIError):
    """400: the request is malformed or fails validation (`details` says where)."""


class AuthenticationError(APIError):
    """401 (after the one refresh-and-replay for tokens), or an OAuth `invalid_grant` or
    `invalid_client`: log in again."""


class PermissionDeniedError(APIError):
    """403: the credential lacks a scope; `scope` names the missing one."""

    scope: Optional[str] = None


class NotFoundError(APIError):
    """404: no such resource (in this account and mode)."""


class ConflictError(APIError):
    """409: the resource's state forbids the change, or the idempotency key is in use."""


class UnprocessableEntityError(APIError):
    """422: well-formed but refers to something that cannot be used (an unknown product, …)."""


class RateLimitError(APIError):
    """429: rate limited; `retry_after` is how long the server asked to wait, in seconds."""

    retry_after: Optional[float] = None
    rate_limit: Optional[RateLimit] = None


class InternalServerError(APIError):
    """5xx: the server failed; retried automatically before it reaches you."""


class APIConnectionError(APIError):
    """No usable answer: refused, reset, or a truncated body. Retried like a 5xx."""


class APITimeoutError(APIConnectionError):
    """An attempt took longer than `timeout`."""


class WebhookVerificationError(RegenError):
    """A webhook delivery's `Regen-Signature` does not verify."""
