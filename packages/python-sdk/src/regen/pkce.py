"""PKCE helpers for the OAuth authorization-code flow (RFC 7636), mirroring @regen/client/oauth."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlencode

__all__ = ["PkcePair", "build_authorize_url", "code_challenge", "create_pkce_pair", "generate_code_verifier"]

_UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"


def generate_code_verifier(length: int = 64) -> str:
    """`length` (43–128) random unreserved characters (RFC 7636 §4.1)."""
    if not 43 <= length <= 128:
        raise ValueError("A code verifier has 43 to 128 characters (RFC 7636 §4.1).")
    return "".join(secrets.choice(_UNRESERVED) for _ in range(length))


def code_challenge(code_verifier: str) -> str:
    """The S256 challenge: base64url(SHA-256(verifier)) without padding (RFC 7636 §4.2)."""
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class PkcePair:
    """A verifier to keep (and send with the code exchange) and its challenge for the authorize URL."""

    code_verifier: str = field(repr=False)
    code_challenge: str
    code_challenge_method: Literal["S256"] = "S256"


def create_pkce_pair() -> PkcePair:
    verifier = generate_code_verifier()
    return PkcePair(verifier, code_challenge(verifier))


def build_authorize_url(
    base_url: str, *, client_id: str, redirect_uri: str, pkce: PkcePair, scope: str = "", state: str = ""
) -> str:
    """The `/oauth/authorize` URL to send a user's browser to (a page, so no SDK method calls it)."""
    query = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "code_challenge": pkce.code_challenge,
        "code_challenge_method": pkce.code_challenge_method,
    }
    if scope:
        query["scope"] = scope
    if state:
        query["state"] = state
    return f"{base_url.rstrip('/')}/oauth/authorize?{urlencode(query)}"
