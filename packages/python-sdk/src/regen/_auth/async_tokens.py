"""A renewable bearer token for the async client: single-flight under an `asyncio.Lock`, so however
many tasks find the token stale (or get a 401 with it) at once, one refresh runs and all use it.
Inside the refresh window (tokens.py, `schedule`) a task renews it while calls go on."""

from __future__ import annotations

import asyncio
import inspect
import logging
import time
from typing import Any, Awaitable, Callable, Mapping, Optional

from .._core.response import RawResponse
from .._core.types import Operation
from .._errors import AuthenticationError
from .grants import Grant
from .tokens import OnTokens, TokenState

ASend = Callable[[Operation, Any], Awaitable[RawResponse]]
log = logging.getLogger("regen")


class AsyncTokenCredential:
    def __init__(self, grant: Grant, defaults: Mapping[str, str], on_tokens: Optional[OnTokens]) -> None:
        self.grant = grant
        self.kind = grant.kind
        self._defaults = dict(defaults)
        self._on_tokens = on_tokens
        self._state: Optional[TokenState] = grant.initial
        # Made on first use: on Python 3.9 a lock binds to the loop current at construction.
        self._lock: Optional[asyncio.Lock] = None
        self.send: Optional[ASend] = None
        self.refreshes = 0
        self._background: Optional[asyncio.Task[None]] = None

    @property
    def lock(self) -> asyncio.Lock:
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock

    async def aheaders(self, optional: bool) -> dict[str, str]:
        try:
            token = await self._token()
        except AuthenticationError:
            if optional:
                return self._defaults
            raise
        return {**self._defaults, "authorization": f"Bearer {token}"}

    def can_renew(self, sent: Mapping[str, str]) -> bool:
        return "authorization" in sent and self.grant.can_renew()

    async def arenew(self, sent: Mapping[str, str]) -> None:
        used = sent.get("authorization", "")[len("Bearer ") :]
        async with self.lock:
            s = self._state
            if s is not None and s.token != used and time.time() < s.must_refresh_at:
                return
            await self._refresh_locked()

    async def install(self, body: Any, enveloped: bool = True) -> None:
        async with self.lock:
            await self._accept(body, enveloped)

    async def forget(self) -> None:
        async with self.lock:
            self._state = None
            self.grant.forget()

    def current_token(self) -> Optional[str]:
        return self._state.token if self._state else None

    def secrets(self) -> list[Optional[str]]:
        return [self.current_token(), *self.grant.secrets()]

    async def _token(self) -> str:
        s = self._state
        now = time.time()
        if s is not None and now < s.must_refresh_at:
            if now >= s.refresh_at and (self._background is None or self._background.done()):
                self._background = asyncio.get_running_loop().create_task(self._background_refresh(s))
            return s.token
        async with self.lock:
            s = self._state
            if s is not None and time.time() < s.must_refresh_at:
                return s.token
            return (await self._refresh_locked()).token

    async def _background_refresh(self, seen: TokenState) -> None:
        try:
            async with self.lock:
                if self._state is seen:  # else a 401 or another refresh already replaced it
                    await self._refresh_locked()
        except Exception as exc:  # the next call tries again, and blocks from must_refresh_at
            log.warning("background token refresh failed: %s", exc)

    async def _refresh_locked(self) -> TokenState:
        if self.send is None:
            raise AuthenticationError("No transport to refresh the token with.")
        op, body = self.grant.request()
        self.refreshes += 1
        raw = await self.send(op, body)
        return await self._accept(raw.body, self.grant.kind == "jwt")

    async def _accept(self, body: Any, enveloped: bool) -> TokenState:
        state, tokens = self.grant.accept(body, enveloped)
        self._state = state
        if self._on_tokens is not None:
            result = self._on_tokens(tokens)
            if inspect.isawaitable(result):
                await result
        return state

    def __repr__(self) -> str:
        return f"AsyncTokenCredential(kind={self.kind!r})"
