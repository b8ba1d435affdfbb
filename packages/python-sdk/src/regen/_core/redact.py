"""Redaction of credentials in text and headers: servers echo what they were sent
("invalid key rg_live_…")."""

from __future__ import annotations

from typing import Iterable, Mapping, Optional

REDACTED = "[REDACTED]"
CREDENTIAL_HEADERS = frozenset({"authorization", "x-api-key", "cookie", "set-cookie", "proxy-authorization"})


def redact_secrets(text: str, secrets: Iterable[Optional[str]]) -> str:
    """`text` with every occurrence of each secret replaced by `[REDACTED]`; longer secrets first."""
    out = text
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        # Very short strings would mangle ordinary words; real credentials are far longer.
        if len(secret) >= 6 and secret in out:
            out = out.replace(secret, REDACTED)
    return out


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """A copy of `headers` with credential values replaced, for logs."""
    return {k: REDACTED if k.lower() in CREDENTIAL_HEADERS else v for k, v in headers.items()}
