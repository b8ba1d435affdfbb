"""Webhook signature verification: `Regen-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, an
HMAC-SHA256 of `"<t>.<raw body>"` with the endpoint's `whsec_…` secret (the contract's "Webhooks";
several `v1` during a secret rotation). Mirrors @regen/client/webhooks."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from typing import Any, Optional, Union

from ._errors import WebhookVerificationError

__all__ = ["WebhookVerificationError", "parse_signature_header", "sign_payload", "unwrap", "verify_signature"]

_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")


def parse_signature_header(header: str) -> tuple[Optional[int], list[str]]:
    """The header's `t` (None when missing) and every `v1` signature (lower-case hex)."""
    timestamp: Optional[int] = None
    signatures: list[str] = []
    for part in header.split(","):
        key, _, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1" and _HEX64.match(value):
            signatures.append(value.lower())
    return timestamp, signatures


def _mac(secret: str, timestamp: int, payload: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()


def _bytes(payload: Union[str, bytes]) -> bytes:
    return payload.encode() if isinstance(payload, str) else payload


def verify_signature(
    payload: Union[str, bytes],
    header: Optional[str],
    secret: str,
    *,
    tolerance: int = 300,
    now: Optional[int] = None,
) -> None:
    """Raises `WebhookVerificationError` unless a `v1` signature matches and `t` is within
    `tolerance` seconds (against replays). Pass the raw body exactly as received."""
    if not header:
        raise WebhookVerificationError("Missing Regen-Signature header.")
    timestamp, signatures = parse_signature_header(header)
    if timestamp is None:
        raise WebhookVerificationError("Regen-Signature has no valid timestamp.")
    if not signatures:
        raise WebhookVerificationError("Regen-Signature has no v1 signature.")
    current = int(time.time()) if now is None else now
    if abs(current - timestamp) > tolerance:
        raise WebhookVerificationError(
            f"Webhook timestamp is outside the {tolerance} s tolerance (possible replay)."
        )
    expected = _mac(secret, timestamp, _bytes(payload))
    # compare_digest takes the same time whatever the first differing byte.
    if not any(hmac.compare_digest(expected, s) for s in signatures):
        raise WebhookVerificationError("No Regen-Signature v1 signature matches the payload.")


def unwrap(payload: Union[str, bytes], header: Optional[str], secret: str, *, tolerance: int = 300) -> Any:
    """Verifies the delivery, then returns its JSON event."""
    verify_signature(payload, header, secret, tolerance=tolerance)
    return json.loads(payload)


def sign_payload(payload: Union[str, bytes], secret: str, timestamp: Optional[int] = None) -> str:
    """The `Regen-Signature` value for `payload` (tests and local tooling)."""
    t = int(time.time()) if timestamp is None else timestamp
    return f"t={t},v1={_mac(secret, t, _bytes(payload))}"
