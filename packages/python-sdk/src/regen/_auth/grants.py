"""The I/O-free halves of token renewal: what to send, and what an answer means. The sync and async
token credentials (./sync_tokens.py, ./async_tokens.py) wrap them with a lock and the transport."""

from __future__ import annotations

import time
from typing import Any, Mapping, Optional, Sequence, Union

from .._core.types import Operation
from .._errors import AuthenticationError
from .._generated.operations import OPERATIONS
from .tokens import TokenSet, TokenState, jwt_expiry, schedule


class SessionGrant:
    """A JWT session (the contract's `BearerAuth`, `/api/auth/*`), renewed with its single-use
    refresh token."""

    kind = "jwt"

    def __init__(self, access_token: Optional[str], refresh_token: Optional[str]) -> None:
        self.refresh_token = refresh_token
        self.logged_out = False
        self.initial = schedule(access_token, jwt_expiry(access_token)) if access_token else None

    def can_renew(self) -> bool:
        return self.refresh_token is not None

    def request(self) -> tuple[Operation, dict[str, Any]]:
        if self.refresh_token is None:
            raise AuthenticationError(
                "Logged out: log in again to make further calls."
                if self.logged_out
                else "The access token expired and no refresh token is available: log in again."
            )
        return OPERATIONS["refreshToken"], {"refreshToken": self.refresh_token}

    def accept(self, body: Any, enveloped: bool = True) -> tuple[TokenState, TokenSet]:
        """Installs a token pair from a login or refresh (the envelope's `data`)."""
        pair: Mapping[str, Any] = body["data"] if enveloped else body
        access = str(pair["accessToken"])
        expires_in = pair.get("expiresIn")
        expires_at = time.time() + float(expires_in) if expires_in is not None else jwt_expiry(access)
        if pair.get("refreshToken"):
            self.refresh_token = str(pair["refreshToken"])
        self.logged_out = False
        return schedule(access, expires_at), TokenSet(access, self.refresh_token, expires_at)

    def forget(self) -> None:
        self.refresh_token = None
        self.logged_out = True

    def secrets(self) -> list[Optional[str]]:
        return [self.refresh_token]


class ClientCredentialsGrant:
    """OAuth 2.0 client credentials (RFC 6749 §4.4), the client authenticating in the body."""

    kind = "oauth"
    initial: Optional[TokenState] = None

    def __init__(self, client_id: str, client_secret: str, scopes: Union[Sequence[str], str, None]) -> None:
        self._client_id = client_id
        self._client_secret = client_secret
        self._scope = scopes if isinstance(scopes, str) or scopes is None else " ".join(scopes)

    def can_renew(self) -> bool:
        return True

    def request(self) -> tuple[Operation, dict[str, Any]]:
        form = {
            "grant_type": "client_credentials",
            "client_id": self._client_id,
            "client_secret": self._client_secret,
        }
        if self._scope:
            form["scope"] = self._scope
        return OPERATIONS["createOAuthToken"], form

    def accept(self, body: Any, enveloped: bool = False) -> tuple[TokenState, TokenSet]:
        access = str(body["access_token"])
        expires_in = body.get("expires_in")
        expires_at = time.time() + float(expires_in) if expires_in is not None else None
        return schedule(access, expires_at), TokenSet(access, None, expires_at)

    def forget(self) -> None:
        """Client credentials have no session to end."""

    def secrets(self) -> list[Optional[str]]:
        return [self._client_secret]


Grant = Union[SessionGrant, ClientCredentialsGrant]
