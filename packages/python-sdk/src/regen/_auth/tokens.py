"""Token sets handed to `on_tokens`, and when a token must be replaced."""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Optional, Union


@dataclass(frozen=True)
class TokenSet:
    """New tokens after a login or refresh, for the caller to persist. Its repr hides both tokens."""

    access_token: str = field(repr=False)
    refresh_token: Optional[str] = field(repr=False)
    expires_at: Optional[float]
    """Access-token expiry, Unix seconds (from `expiresIn` or the JWT `exp` claim)."""


OnTokens = Callable[[TokenSet], Union[Awaitable[None], None]]
"""Receives every new `TokenSet`; an async client awaits what it returns."""


@dataclass(frozen=True)
class TokenState:
    """A token and the moments it should (in the background) and must (blocking) be replaced."""

    token: str = field(repr=False)
    expires_at: float
    refresh_at: float
    """From here a call starts a background refresh and still sends this token."""
    must_refresh_at: float
    """From here calls wait for a new token."""


def schedule(token: str, expires_at: Optional[float], now: Optional[float] = None) -> TokenState:
    """As @regen/client's token cycler (and Azure's): refresh in the background from a quarter of
    the lifetime (at most 60 s) before expiry, block only in the last tenth (at most 5 s), so no call
    waits for a refresh while the token lives; a token of unknown lifetime is used until a 401."""
    if expires_at is None:
        return TokenState(token, float("inf"), float("inf"), float("inf"))
    life = max(0.0, expires_at - (time.time() if now is None else now))
    return TokenState(token, expires_at, expires_at - min(60.0, life / 4), expires_at - min(5.0, life / 10))


def jwt_expiry(token: str) -> Optional[float]:
    """The `exp` claim of a JWT, unverified (only to schedule renewal), or None."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload: Any = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except ValueError:
        return None
    exp = payload.get("exp") if isinstance(payload, dict) else None
    return float(exp) if isinstance(exp, (int, float)) else None
