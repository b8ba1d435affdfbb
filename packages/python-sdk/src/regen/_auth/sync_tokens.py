"""A renewable bearer token for the sync client: single-flight under a `threading.Lock`, so however
many threads find the token stale (or get a 401 with it) at once, one refresh runs and all use it.
Inside the refresh window (tokens.py, `schedule`) a daemon thread renews it while calls go on."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, Mapping, Optional

from .._core.response import RawResponse
from .._core.types import Operation
from .._errors import AuthenticationError
from .grants import Grant
from .tokens import OnTokens, TokenState

Send = Callable[[Operation, Any], RawResponse]
log = logging.getLogger("regen")


class SyncTokenCredential:
    def __init__(self, grant: Grant, defaults: Mapping[str, str], on_tokens: Optional[OnTokens]) -> None:
        self.grant = grant
        self.kind = grant.kind
        self._defaults = dict(defaults)
        self._on_tokens = on_tokens
        self._state: Optional[TokenState] = grant.initial
        self._lock = threading.Lock()
        self.send: Optional[Send] = None
        """Set by the client once its transport exists (the refresh goes through it)."""
        self.refreshes = 0
        """How many refreshes ran (single-flight shows here)."""
        self._background: Optional[threading.Thread] = None
        self._background_guard = threading.Lock()

    def headers(self, optional: bool) -> dict[str, str]:
        try:
            token = self._token()
        except AuthenticationError:
            if optional:
                return self._defaults
            raise
        return {**self._defaults, "authorization": f"Bearer {token}"}

    def can_renew(self, sent: Mapping[str, str]) -> bool:
        return "authorization" in sent and self.grant.can_renew()

    def renew(self, sent: Mapping[str, str]) -> None:
        """After a 401 with `sent`: reuse a token another thread already renewed, else refresh once."""
        used = sent.get("authorization", "")[len("Bearer ") :]
        with self._lock:
            s = self._state
            if s is not None and s.token != used and time.time() < s.must_refresh_at:
                return
            self._refresh_locked()

    def install(self, body: Any, enveloped: bool = True) -> None:
        """Takes tokens from a login (or any answer the grant understands) and tells `on_tokens`."""
        with self._lock:
            self._accept(body, enveloped)

    def forget(self) -> None:
        with self._lock:
            self._state = None
            self.grant.forget()

    def current_token(self) -> Optional[str]:
        return self._state.token if self._state else None

    def secrets(self) -> list[Optional[str]]:
        return [self.current_token(), *self.grant.secrets()]

    def _token(self) -> str:
        s = self._state
        now = time.time()
        if s is not None and now < s.must_refresh_at:
            if now >= s.refresh_at:
                self._refresh_in_background(s)
            return s.token
        with self._lock:
            s = self._state
            if s is not None and time.time() < s.must_refresh_at:
                return s.token
            return self._refresh_locked().token

    def _refresh_in_background(self, seen: TokenState) -> None:
        with self._background_guard:
            if self._background is not None and self._background.is_alive():
                return
            self._background = threading.Thread(
                target=self._background_refresh, args=(seen,), name="regen-token-refresh", daemon=True
            )
            self._background.start()

    def _background_refresh(self, seen: TokenState) -> None:
        try:
            with self._lock:
                if self._state is seen:  # else a 401 or another refresh already replaced it
                    self._refresh_locked()
        except Exception as exc:  # the next call tries again, and blocks from must_refresh_at
            log.warning("background token refresh failed: %s", exc)

    def _refresh_locked(self) -> TokenState:
        if self.send is None:
            raise AuthenticationError("No transport to refresh the token with.")
        op, body = self.grant.request()
        self.refreshes += 1
        raw = self.send(op, body)
        return self._accept(raw.body, self.grant.kind == "jwt")

    def _accept(self, body: Any, enveloped: bool) -> TokenState:
        state, tokens = self.grant.accept(body, enveloped)
        self._state = state
        if self._on_tokens is not None:
            self._on_tokens(tokens)
        return state

    def __repr__(self) -> str:
        return f"SyncTokenCredential(kind={self.kind!r})"
