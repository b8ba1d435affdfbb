"""What both clients resolve the same way at construction: the one credential, the base URL, the
default headers. Mirrors @regen/client's `chooseCredential` and `checkBaseUrl`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping, Optional, Sequence, Union
from urllib.parse import urlsplit

from .._auth.credential import StaticCredential, api_key_credential
from .._auth.grants import ClientCredentialsGrant, Grant, SessionGrant
from .._errors import RegenError

DEFAULT_BASE_URL = "https://gateway.regentherapy.com"
"""The production API origin: the contract's first `servers` entry."""
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class Resolved:
    base_url: str
    defaults: dict[str, str]
    anonymous: StaticCredential
    api_key: Optional[StaticCredential]
    grant: Optional[Grant]


def check_base_url(base_url: str, allow_insecure_http: bool) -> str:
    """No trailing slash; credentials over plain http only to a loopback host (the contract: HTTPS only)."""
    trimmed = base_url.rstrip("/")
    parts = urlsplit(trimmed)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RegenError(f"Invalid base_url: {trimmed}")
    if parts.scheme == "http" and parts.hostname not in _LOOPBACK and not allow_insecure_http:
        raise RegenError(
            f"Refusing to send credentials over plain http:// to {parts.hostname}: use https://, "
            "a loopback host, or allow_insecure_http=True."
        )
    return trimmed


def resolve(
    *,
    api_key: Optional[str],
    auth_scheme: str,
    access_token: Optional[str],
    refresh_token: Optional[str],
    client_id: Optional[str],
    client_secret: Optional[str],
    scopes: Union[Sequence[str], str, None],
    session: bool,
    base_url: Optional[str],
    default_headers: Optional[Mapping[str, str]],
    allow_insecure_http: bool,
) -> Resolved:
    """Picks the one credential: an API key (else `REGEN_API_KEY`), a JWT session, or client credentials."""
    wants_tokens = access_token is not None or refresh_token is not None or session
    wants_oauth = client_id is not None or client_secret is not None
    key = api_key if api_key is not None or wants_tokens or wants_oauth else os.environ.get("REGEN_API_KEY")
    kinds = int(bool(key)) + int(wants_tokens) + int(wants_oauth)
    if kinds == 0:
        raise RegenError(
            "No credentials: pass api_key= (or set REGEN_API_KEY), access_token=/refresh_token=, "
            "client_id=/client_secret=, or use RegenClient.login()."
        )
    if kinds > 1:
        raise RegenError("Give exactly one credential: api_key, tokens, or client_id/client_secret.")
    defaults = {"accept": "application/json"}
    defaults.update({k.lower(): v for k, v in (default_headers or {}).items()})
    url = check_base_url(
        base_url or os.environ.get("REGEN_BASE_URL") or DEFAULT_BASE_URL, allow_insecure_http
    )
    anonymous = StaticCredential("none", defaults)
    if key:
        return Resolved(url, defaults, anonymous, api_key_credential(key, auth_scheme, defaults), None)
    if wants_tokens:
        return Resolved(url, defaults, anonymous, None, SessionGrant(access_token, refresh_token))
    if not client_id or not client_secret:
        raise RegenError("OAuth client credentials need both client_id and client_secret.")
    return Resolved(url, defaults, anonymous, None, ClientCredentialsGrant(client_id, client_secret, scopes))
