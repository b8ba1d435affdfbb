"""An API key (or no credential): the same headers on every attempt, nothing to renew."""

from __future__ import annotations

from typing import Mapping, Optional

from .._errors import RegenError


class StaticCredential:
    """Fixed headers: an API key (`X-API-Key` or `Authorization: Bearer`), or none at all."""

    def __init__(self, kind: str, headers: Mapping[str, str], secret: Optional[str] = None) -> None:
        self.kind = kind
        self._headers = dict(headers)
        self._secret = secret

    def headers(self, optional: bool) -> dict[str, str]:
        return self._headers

    async def aheaders(self, optional: bool) -> dict[str, str]:
        return self._headers

    def can_renew(self, sent: Mapping[str, str]) -> bool:
        return False

    def secrets(self) -> list[Optional[str]]:
        return [self._secret]

    def __repr__(self) -> str:
        return f"StaticCredential(kind={self.kind!r})"


def api_key_credential(api_key: str, auth_scheme: str, defaults: Mapping[str, str]) -> StaticCredential:
    """The headers an API key travels in (the contract's `ApiKeyAuth`, or `BearerAuth` with a key)."""
    if auth_scheme == "bearer":
        header = {"authorization": f"Bearer {api_key}"}
    elif auth_scheme == "x-api-key":
        header = {"x-api-key": api_key}
    else:
        raise RegenError(f"auth_scheme must be 'x-api-key' or 'bearer', not {auth_scheme!r}")
    return StaticCredential("api_key", {**defaults, **header}, api_key)
