"""Small shared types: the `NOT_GIVEN` sentinel, per-call options and a generated operation's description."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Mapping, Optional, TypedDict


class NotGiven:
    """Marks an argument the caller left out, as distinct from an explicit `None` (JSON `null`)."""

    _instance: Optional[NotGiven] = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


class RequestOptions(TypedDict, total=False):
    """Options of one call, passed as `options=` to every method."""

    timeout: float
    """Seconds for each attempt (headers and body); overrides the client's."""
    max_retries: int
    """Retries after the first attempt; overrides the client's."""
    idempotency_key: str
    """`Idempotency-Key` to send (a generated one otherwise, on idempotent writes)."""
    headers: Mapping[str, Optional[str]]
    """Extra headers; `None` removes one the client would send."""


# Transport flags of an operation, from the contract model.
IDEMPOTENT = 1
"""A write that carries an `Idempotency-Key`, the same on every retry."""
NO_AUTH = 2
"""Sends no credential (login, refresh, the OAuth endpoints)."""
OPTIONAL_AUTH = 4
"""Sends the credential when the client has one (health)."""

BodyKind = Literal["json", "form"]


@dataclass(frozen=True)
class Operation:
    """What the transport needs to know about one operation of the contract (generated)."""

    operation_id: str
    method: str
    path: str
    flags: int = 0
    body: Optional[BodyKind] = None
    cursor_param: Optional[str] = None
