"""Everything about a call that stays the same on every attempt: URL, body, headers, idempotency key."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any, Mapping, Optional
from urllib.parse import quote, urlencode

from .types import IDEMPOTENT, NotGiven, Operation, RequestOptions

JSON_TYPE = "application/json"
FORM_TYPE = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class PreparedRequest:
    """A call ready to send: the same bytes and headers on every attempt (idempotency key included)."""

    method: str
    url: str
    content: Optional[bytes]
    headers: Mapping[str, Optional[str]]
    once: bool
    """Sent at most once: an authorization code is single-use (RFC 6749 §4.1.2)."""


def _query_value(value: Any) -> str:
    # JSON's spelling of booleans, as the contract's query parameters expect.
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def given(values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` without the arguments the caller left out."""
    return {k: v for k, v in values.items() if not isinstance(v, NotGiven)}


def build_request(
    base_url: str,
    op: Operation,
    path_params: Optional[Mapping[str, str]],
    query: Optional[Mapping[str, Any]],
    body: Any,
    options: Optional[RequestOptions],
) -> PreparedRequest:
    """URL, body and per-call headers of a call; an idempotent write gets its `Idempotency-Key` here, once."""
    path = op.path
    for name, value in (path_params or {}).items():
        path = path.replace("{" + name + "}", quote(str(value), safe=""))
    url = base_url + path
    if query:
        pairs = [(k, _query_value(v)) for k, v in given(query).items() if v is not None]
        if pairs:
            url = f"{url}?{urlencode(pairs)}"
    headers: dict[str, Optional[str]] = {}
    content: Optional[bytes] = None
    once = False
    if body is not None and op.body == "form":
        fields = {k: str(v) for k, v in body.items() if v is not None}
        content = urlencode(fields).encode()
        headers["content-type"] = FORM_TYPE
        once = fields.get("grant_type") == "authorization_code"
    elif body is not None:
        content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
        headers["content-type"] = JSON_TYPE
    opts = options or {}
    for header, patch in (opts.get("headers") or {}).items():
        headers[header.lower()] = patch
    idempotency_key = opts.get("idempotency_key")
    if idempotency_key is not None:
        headers["idempotency-key"] = idempotency_key
    elif op.flags & IDEMPOTENT and op.method == "POST" and "idempotency-key" not in headers:
        # One key per call, reused by every retry: the server then performs the write once.
        headers["idempotency-key"] = str(uuid.uuid4())
    return PreparedRequest(op.method, url, content, headers, once)


def merge_headers(base: Mapping[str, str], patch: Mapping[str, Optional[str]]) -> dict[str, str]:
    """`base` with `patch` applied; `None` in the patch removes a header."""
    out = dict(base)
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out
