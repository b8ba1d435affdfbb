"""Python SDK of the Regen Therapy partner API, generated from its OpenAPI contract.

Every public name is listed here; the modules starting with `_` are internal. Types of the
contract are in `regen.types`; webhook verification in `regen.webhooks`; PKCE in `regen.pkce`.
"""

from ._auth.tokens import TokenSet
from ._client import AsyncRegenClient, RegenClient
from ._core.pagination import AsyncPage, AsyncPageRequest, SyncPage
from ._core.rate_limit import RateLimit
from ._core.response import APIResponse
from ._core.types import NOT_GIVEN, NotGiven, RequestOptions
from ._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ErrorCode,
    ErrorDetail,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RegenError,
    UnprocessableEntityError,
    WebhookVerificationError,
)
from ._generated.error_codes import KnownErrorCode

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APITimeoutError",
    "AsyncPage",
    "AsyncPageRequest",
    "AsyncRegenClient",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ErrorCode",
    "ErrorDetail",
    "InternalServerError",
    "KnownErrorCode",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "RateLimit",
    "RateLimitError",
    "RegenClient",
    "RegenError",
    "RequestOptions",
    "SyncPage",
    "TokenSet",
    "UnprocessableEntityError",
    "WebhookVerificationError",
]
__version__ = "0.1.0"
