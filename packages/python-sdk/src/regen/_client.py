"""`RegenClient` and `AsyncRegenClient`: the generated namespaces (regen/_generated/namespaces.py)
on a transport with retries, typed errors and one credential, chosen at construction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence, Union

import httpx

from ._auth.async_tokens import AsyncTokenCredential
from ._auth.sync_tokens import SyncTokenCredential
from ._auth.tokens import OnTokens
from ._core.async_transport import AsyncCredential, AsyncTransport
from ._core.config import resolve
from ._core.rate_limit import RateLimit, parse_rate_limit
from ._core.redact import redact_secrets
from ._core.request import given
from ._core.retry import RetryPolicy
from ._core.sync_transport import SyncCredential, SyncTransport
from ._core.types import NOT_GIVEN, NotGiven, Operation, RequestOptions
from ._errors import RegenError
from ._generated.namespaces import (
    AsyncNamespaces,
    AsyncNamespacesWithResponse,
    Namespaces,
    NamespacesWithResponse,
)
from ._generated.operations import OPERATIONS

if TYPE_CHECKING:  # the models load with the first namespace used, not with `import regen`
    from ._generated.models import Mode

DEFAULT_TIMEOUT = 60.0
"""Seconds per attempt; httpx's own default (5 s) is shorter than a slow list page deserves."""


class RegenClient(Namespaces):
    """The Regen API client (sync).

    ```python
    with RegenClient(api_key=os.environ["REGEN_API_KEY"]) as client:
        order = client.orders.retrieve("ord_8x2Kq9Lm3Np")
    ```
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        *,
        auth_scheme: str = "x-api-key",
        access_token: Optional[str] = None,
        refresh_token: Optional[str] = None,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        scopes: Union[Sequence[str], str, None] = None,
        on_tokens: Optional[OnTokens] = None,
        base_url: Optional[str] = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        max_retry_after: float = 60.0,
        default_headers: Optional[Mapping[str, str]] = None,
        http_client: Optional[httpx.Client] = None,
        allow_insecure_http: bool = False,
        _session: bool = False,
    ) -> None:
        r = resolve(
            api_key=api_key,
            auth_scheme=auth_scheme,
            access_token=access_token,
            refresh_token=refresh_token,
            client_id=client_id,
            client_secret=client_secret,
            scopes=scopes,
            session=_session,
            base_url=base_url,
            default_headers=default_headers,
            allow_insecure_http=allow_insecure_http,
        )
        self.base_url = r.base_url
        self.timeout = timeout
        self.max_retries = max_retries
        self._transient: set[str] = set()
        self._tokens: Optional[SyncTokenCredential] = None
        credential: SyncCredential
        if r.grant is not None:
            self._tokens = credential = SyncTokenCredential(r.grant, r.defaults, on_tokens)
        else:
            assert r.api_key is not None  # noqa: S101  (resolve returns one or the other)
            credential = r.api_key
        self._credential = credential
        self._owns_http = http_client is None
        self._transport = SyncTransport(
            base_url=r.base_url,
            http=http_client or httpx.Client(),
            credential=credential,
            anonymous=r.anonymous,
            max_retries=max_retries,
            timeout=timeout,
            policy=RetryPolicy(max_retry_after=max_retry_after),
            redact=self._redact,
        )
        if self._tokens is not None:
            self._tokens.send = self._send_anonymous
        self._with_response: Optional[NamespacesWithResponse] = None

    @classmethod
    def login(
        cls,
        *,
        email: str,
        password: str,
        mode: Union[Mode, NotGiven] = NOT_GIVEN,
        on_tokens: Optional[OnTokens] = None,
        **options: Any,
    ) -> RegenClient:
        """Logs in with email and password (`login`) and returns a client holding the session; it
        refreshes the access token itself (single-flight) and hands every new pair to `on_tokens`."""
        client = cls(on_tokens=on_tokens, _session=True, **options)
        client._transient.add(password)
        try:
            raw = client._transport.request(
                OPERATIONS["login"], body=given({"email": email, "password": password, "mode": mode})
            )
        finally:
            client._transient.discard(password)
        assert client._tokens is not None  # noqa: S101  (_session=True makes a token credential)
        client._tokens.install(raw.body)
        return client

    def logout(self, *, options: Optional[RequestOptions] = None) -> None:
        """Revokes the session (`logout`) and forgets its tokens. JWT sessions only."""
        tokens = self._tokens
        if tokens is None or tokens.kind != "jwt":
            raise RegenError("logout() needs a JWT session (RegenClient.login or access_token=).")
        refresh = getattr(tokens.grant, "refresh_token", None)
        try:
            self._transport.request(
                OPERATIONS["logout"], body={"refreshToken": refresh} if refresh else {}, options=options
            )
        finally:
            tokens.forget()

    @property
    def with_response(self) -> NamespacesWithResponse:
        """The same namespaces, each call returning an `APIResponse` (data, request id, rate limit)."""
        if self._with_response is None:
            self._with_response = NamespacesWithResponse(self)
        return self._with_response

    @property
    def rate_limit(self) -> Optional[RateLimit]:
        """The rate-limit window the last response reported."""
        last = self._transport.last_response
        return parse_rate_limit(last.headers) if last is not None else None

    def close(self) -> None:
        """Closes the HTTP connections (unless the caller passed its own `http_client`)."""
        if self._owns_http:
            self._transport.http.close()

    def __enter__(self) -> RegenClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        kind = getattr(self._credential, "kind", "?")
        return f"RegenClient(base_url={self.base_url!r}, auth={kind!r}, max_retries={self.max_retries})"

    __str__ = __repr__

    def _send_anonymous(self, op: Operation, body: Any) -> Any:
        return self._transport.request(op, body=body)

    def _redact(self, text: str) -> str:
        return redact_secrets(text, [*self._credential.secrets(), *self._transient])


class AsyncRegenClient(AsyncNamespaces):
    """The Regen API client (asyncio), with the surface of `RegenClient` and `await`.

    ```python
    async with AsyncRegenClient() as client:   # REGEN_API_KEY
        async for order in client.orders.list(status="paid"):
            print(order.id)
    ```
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        *,
        auth_scheme: str = "x-api-key",
        access_token: Optional[str] = None,
        refresh_token: Optional[str] = None,
        client_id: Optional[str] = None,
        client_secret: Optional[str] = None,
        scopes: Union[Sequence[str], str, None] = None,
        on_tokens: Optional[OnTokens] = None,
        base_url: Optional[str] = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        max_retry_after: float = 60.0,
        default_headers: Optional[Mapping[str, str]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
        allow_insecure_http: bool = False,
        _session: bool = False,
    ) -> None:
        r = resolve(
            api_key=api_key,
            auth_scheme=auth_scheme,
            access_token=access_token,
            refresh_token=refresh_token,
            client_id=client_id,
            client_secret=client_secret,
            scopes=scopes,
            session=_session,
            base_url=base_url,
            default_headers=default_headers,
            allow_insecure_http=allow_insecure_http,
        )
        self.base_url = r.base_url
        self.timeout = timeout
        self.max_retries = max_retries
        self._transient: set[str] = set()
        self._tokens: Optional[AsyncTokenCredential] = None
        credential: AsyncCredential
        if r.grant is not None:
            self._tokens = credential = AsyncTokenCredential(r.grant, r.defaults, on_tokens)
        else:
            assert r.api_key is not None  # noqa: S101  (resolve returns one or the other)
            credential = r.api_key
        self._credential = credential
        self._owns_http = http_client is None
        self._transport = AsyncTransport(
            base_url=r.base_url,
            http=http_client or httpx.AsyncClient(),
            credential=credential,
            anonymous=r.anonymous,
            max_retries=max_retries,
            timeout=timeout,
            policy=RetryPolicy(max_retry_after=max_retry_after),
            redact=self._redact,
        )
        if self._tokens is not None:
            self._tokens.send = self._send_anonymous
        self._with_response: Optional[AsyncNamespacesWithResponse] = None

    @classmethod
    async def login(
        cls,
        *,
        email: str,
        password: str,
        mode: Union[Mode, NotGiven] = NOT_GIVEN,
        on_tokens: Optional[OnTokens] = None,
        **options: Any,
    ) -> AsyncRegenClient:
        """Logs in (`login`) and returns a client holding the session, as `RegenClient.login`."""
        client = cls(on_tokens=on_tokens, _session=True, **options)
        client._transient.add(password)
        try:
            raw = await client._transport.request(
                OPERATIONS["login"], body=given({"email": email, "password": password, "mode": mode})
            )
        finally:
            client._transient.discard(password)
        assert client._tokens is not None  # noqa: S101
        await client._tokens.install(raw.body)
        return client

    async def logout(self, *, options: Optional[RequestOptions] = None) -> None:
        """Revokes the session (`logout`) and forgets its tokens. JWT sessions only."""
        tokens = self._tokens
        if tokens is None or tokens.kind != "jwt":
            raise RegenError("logout() needs a JWT session (AsyncRegenClient.login or access_token=).")
        refresh = getattr(tokens.grant, "refresh_token", None)
        try:
            await self._transport.request(
                OPERATIONS["logout"], body={"refreshToken": refresh} if refresh else {}, options=options
            )
        finally:
            await tokens.forget()

    @property
    def with_response(self) -> AsyncNamespacesWithResponse:
        """The same namespaces, each call returning an `APIResponse` (data, request id, rate limit)."""
        if self._with_response is None:
            self._with_response = AsyncNamespacesWithResponse(self)
        return self._with_response

    @property
    def rate_limit(self) -> Optional[RateLimit]:
        """The rate-limit window the last response reported."""
        last = self._transport.last_response
        return parse_rate_limit(last.headers) if last is not None else None

    async def close(self) -> None:
        """Closes the HTTP connections (unless the caller passed its own `http_client`)."""
        if self._owns_http:
            await self._transport.http.aclose()

    async def __aenter__(self) -> AsyncRegenClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        kind = getattr(self._credential, "kind", "?")
        return f"AsyncRegenClient(base_url={self.base_url!r}, auth={kind!r}, max_retries={self.max_retries})"

    __str__ = __repr__

    async def _send_anonymous(self, op: Operation, body: Any) -> Any:
        return await self._transport.request(op, body=body)

    def _redact(self, text: str) -> str:
        return redact_secrets(text, [*self._credential.secrets(), *self._transient])
