"""Every kind of error the stub answers carries the contract's `code` and the response's request id
(`X-Request-Id`, the same in `request_id`, in `str(e)` and in the body's `error.requestId`)."""

from __future__ import annotations

import re
import secrets
from typing import Callable

import pytest

import regen
from regen import RegenClient

from .conftest import Stub, fault


def cancelled_order(c: RegenClient) -> str:
    customer = c.customers.list(limit=1).data[0].id
    product = next(p for p in c.products.list(active=True) if p.price.currency == "USD").id
    order = c.orders.create(
        customer_id=customer, currency="USD", items=[{"product_id": product, "quantity": 1}]
    )
    c.orders.cancel(order.id)
    return order.id


def reused_key(c: RegenClient) -> None:
    key = "py-reuse-" + secrets.token_hex(6)
    c.products.create(
        name="first",
        sku="PYR-" + secrets.token_hex(3).upper(),
        price={"amount": 1, "currency": "USD"},
        options={"idempotency_key": key},
    )
    c.products.create(
        name="other body",
        sku="PYR-" + secrets.token_hex(3).upper(),
        price={"amount": 2, "currency": "USD"},
        options={"idempotency_key": key},
    )


CASES: list[tuple[str, type[regen.APIError], int, str, Callable[[RegenClient, Stub], object]]] = [
    ("validation", regen.BadRequestError, 400, "validation_error", lambda c, s: c.orders.list(limit=0)),
    (
        "bad key",
        regen.AuthenticationError,
        401,
        "invalid_api_key",
        lambda c, s: RegenClient(api_key="rg_test_" + "q" * 32, base_url=s.url).users.me(),
    ),
    (
        "scope",
        regen.PermissionDeniedError,
        403,
        "insufficient_scope",
        lambda c, s: RegenClient(
            api_key=c.api_keys.create(name="narrow", scopes=["read:orders"]).key, base_url=s.url
        ).products.list(),
    ),
    (
        "missing",
        regen.NotFoundError,
        404,
        "not_found",
        lambda c, s: c.customers.retrieve("cus_doesNotExist1"),
    ),
    (
        "state",
        regen.ConflictError,
        409,
        "conflict",
        lambda c, s: c.orders.cancel(cancelled_order(c)),
    ),
    ("reused key", regen.UnprocessableEntityError, 422, "idempotency_key_reused", lambda c, s: reused_key(c)),
    (
        "rate limit",
        regen.RateLimitError,
        429,
        "rate_limit_exceeded",
        lambda c, s: c.orders.list(options=fault("429; retry-after=1")),
    ),
    (
        "unavailable",
        regen.InternalServerError,
        503,
        "service_unavailable",
        lambda c, s: c.orders.list(options=fault("503; retry-after=0")),
    ),
]


@pytest.mark.parametrize(("name", "kind", "status", "code", "call"), CASES, ids=[c[0] for c in CASES])
def test_error_carries_code_and_request_id(
    stub: Stub,
    name: str,
    kind: type[regen.APIError],
    status: int,
    code: str,
    call: Callable[[RegenClient, Stub], object],
) -> None:
    client = RegenClient(api_key=stub.admin_key, base_url=stub.url, max_retries=0)
    with pytest.raises(kind) as caught:
        call(client, stub)
    e = caught.value
    assert (e.status, e.code) == (status, code)
    assert e.request_id is not None and re.fullmatch(r"req_[A-Za-z0-9]+", e.request_id)
    assert e.headers is not None and e.headers["x-request-id"] == e.request_id
    assert f"(request {e.request_id})" in str(e) and code in str(e)


def test_request_ids_differ_per_request(stub: Stub) -> None:
    client = RegenClient(api_key=stub.admin_key, base_url=stub.url, max_retries=0)
    ids = set()
    for _ in range(3):
        with pytest.raises(regen.NotFoundError) as caught:
            client.orders.retrieve("ord_doesNotExist1")
        ids.add(caught.value.request_id)
    assert len(ids) == 3
