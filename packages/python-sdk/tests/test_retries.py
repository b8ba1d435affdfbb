"""Retries: `Retry-After` in seconds, as an HTTP-date and in milliseconds (`retry-after-ms`, from
the stub's chaos fault), 503 runs, dropped connections, the cap, and one `Idempotency-Key` reused by
every retry of a write (so the write happens once)."""

from __future__ import annotations

import time

import httpx
import pytest

import regen
from regen import AsyncRegenClient, RegenClient

from .conftest import Stub, fault


def recording(stub: Stub, sent: list[httpx.Request], **kwargs: object) -> RegenClient:
    http = httpx.Client(event_hooks={"request": [sent.append]})
    return RegenClient(api_key=stub.admin_key, base_url=stub.url, http_client=http, **kwargs)  # type: ignore[arg-type]


def test_429_retry_after_seconds(stub: Stub) -> None:
    sent: list[httpx.Request] = []
    client = recording(stub, sent)
    started = time.monotonic()
    assert client.orders.retrieve("ord_8x2Kq9Lm3Np", options=fault("429; retry-after=1")).id
    assert len(sent) == 2
    assert time.monotonic() - started >= 0.9


def test_429_retry_after_http_date(stub: Stub) -> None:
    sent: list[httpx.Request] = []
    client = recording(stub, sent)
    assert client.orders.retrieve("ord_8x2Kq9Lm3Np", options=fault("429; retry-after=1; format=date")).id
    assert len(sent) == 2


def test_429_retry_after_ms_wins_over_retry_after(stub: Stub) -> None:
    # `Retry-After: 30` beside `retry-after-ms: 200`: a client that ignored the milliseconds form
    # would wait 30 s (under the 60 s cap) instead of 0.2 s.
    sent: list[httpx.Request] = []
    client = recording(stub, sent)
    started = time.monotonic()
    assert client.orders.retrieve(
        "ord_8x2Kq9Lm3Np", options=fault("429; retry-after=30; retry-after-ms=200")
    ).id
    elapsed = time.monotonic() - started
    assert len(sent) == 2
    assert 0.15 <= elapsed < 5


def test_503_retry_after_ms_run(stub: Stub) -> None:
    sent: list[httpx.Request] = []
    client = recording(stub, sent, max_retries=3)
    started = time.monotonic()
    assert client.products.list(
        limit=1, options=fault("503; retry-after=30; retry-after-ms=100; count=2")
    ).data
    assert len(sent) == 3 and 0.15 <= time.monotonic() - started < 5


def test_rate_limit_error_reports_retry_after_ms_in_seconds(stub: Stub) -> None:
    client = RegenClient(api_key=stub.admin_key, base_url=stub.url, max_retries=0)
    with pytest.raises(regen.RateLimitError) as caught:
        client.orders.list(limit=1, options=fault("429; retry-after=3600; retry-after-ms=1500"))
    assert caught.value.retry_after == 1.5
    assert caught.value.headers is not None and caught.value.headers["retry-after-ms"] == "1500"


def test_retry_after_past_the_cap_raises_at_once(stub: Stub) -> None:
    client = RegenClient(api_key=stub.admin_key, base_url=stub.url)
    started = time.monotonic()
    with pytest.raises(regen.RateLimitError) as caught:
        client.orders.retrieve("ord_8x2Kq9Lm3Np", options=fault("429; retry-after=huge"))
    assert caught.value.retry_after is not None and caught.value.retry_after > 60
    assert caught.value.code == "rate_limit_exceeded"
    assert time.monotonic() - started < 5


def test_503_run_then_success(stub: Stub) -> None:
    sent: list[httpx.Request] = []
    client = recording(stub, sent, max_retries=3)
    assert client.products.list(limit=1, options=fault("503; retry-after=0; count=2")).data
    assert len(sent) == 3


def test_503_exhausts_the_budget(stub: Stub) -> None:
    client = RegenClient(api_key=stub.admin_key, base_url=stub.url, max_retries=1)
    with pytest.raises(regen.InternalServerError) as caught:
        client.products.list(limit=1, options=fault("503; retry-after=0; count=5"))
    assert caught.value.status == 503


def demo_ids(client: RegenClient) -> tuple[str, str]:
    """A customer and an active USD product of the demo data."""
    customer = next(iter(client.customers.list(limit=1)))
    product = next(p for p in client.products.list(active=True) if p.price.currency == "USD")
    return customer.id, product.id


def test_create_retried_after_429_reuses_the_idempotency_key(stub: Stub) -> None:
    sent: list[httpx.Request] = []
    client = recording(stub, sent)
    customer, product = demo_ids(client)
    sent.clear()
    order = client.orders.create(
        customer_id=customer,
        currency="USD",
        items=[{"product_id": product, "quantity": 1}],
        options=fault("429; retry-after=0"),
    )
    keys = {r.headers.get("idempotency-key") for r in sent}
    assert len(sent) == 2 and len(keys) == 1 and None not in keys
    assert order.status == "pending"


def test_dropped_connection_after_the_write_makes_one_resource(stub: Stub) -> None:
    sent: list[httpx.Request] = []
    client = recording(stub, sent)
    customer, product = demo_ids(client)
    before = len(list(client.orders.list(customer_id=customer, limit=100)))
    order = client.orders.create(
        customer_id=customer,
        currency="USD",
        items=[{"product_id": product, "quantity": 1}],
        options=fault("reset; when=after"),
    )
    creates = [r for r in sent if r.method == "POST"]
    assert len(creates) == 2 and len({r.headers["idempotency-key"] for r in creates}) == 1
    after = list(client.orders.list(customer_id=customer, limit=100))
    assert len(after) == before + 1 and order.id in {o.id for o in after}


async def test_async_retry_after_ms(stub: Stub) -> None:
    async with AsyncRegenClient(api_key=stub.admin_key, base_url=stub.url) as client:
        started = time.monotonic()
        page = await client.orders.list(limit=1, options=fault("429; retry-after=30; retry-after-ms=150"))
        assert page.data and 0.1 <= time.monotonic() - started < 5


async def test_async_retry_after(stub: Stub) -> None:
    async with AsyncRegenClient(api_key=stub.admin_key, base_url=stub.url) as client:
        order = await client.orders.retrieve("ord_8x2Kq9Lm3Np", options=fault("429; retry-after=0"))
        assert order.id == "ord_8x2Kq9Lm3Np"


def test_timeout_is_typed(stub: Stub) -> None:
    client = RegenClient(api_key=stub.admin_key, base_url=stub.url, timeout=0.3, max_retries=0)
    with pytest.raises(regen.APITimeoutError):
        client.health(options=fault("slow; delay=2s"))
