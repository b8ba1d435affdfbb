"""Orders, commissions, payouts, analytics and usage, each operation called once against the stub
(sync), with the effect of every write read back."""

from __future__ import annotations

import time

import pytest

from regen import RegenClient

from .conftest import Stub


@pytest.fixture
def client(stub: Stub) -> RegenClient:
    return RegenClient(api_key=stub.admin_key, base_url=stub.url, max_retries=0)


def usd_product(client: RegenClient) -> str:
    return next(p for p in client.products.list(active=True) if p.price.currency == "USD").id


def test_order_lifecycle(client: RegenClient) -> None:
    customer = client.customers.list(limit=1).data[0].id
    product = usd_product(client)
    order = client.orders.create(
        customer_id=customer, currency="USD", items=[{"product_id": product, "quantity": 3}]
    )
    assert (order.status, order.customer_id, order.items[0].quantity) == ("pending", customer, 3)
    assert order.total.amount == order.items[0].unit_price.amount * 3

    assert client.orders.retrieve(order.id).id == order.id
    updated = client.orders.update(order.id, metadata={"po": "PY-1"})
    assert updated.metadata == {"po": "PY-1"}
    pending = {o.id for o in client.orders.list(status="pending", customer_id=customer, limit=100)}
    assert order.id in pending

    cancelled = client.orders.cancel(order.id, reason="python test")
    assert cancelled.status == "cancelled"
    assert client.orders.retrieve(order.id).status == "cancelled"


def test_commissions_and_payouts(client: RegenClient) -> None:
    approved = client.commissions.list(status="approved", limit=2).data
    assert len(approved) == 2 and all(c.payout_id is None for c in approved)
    assert client.commissions.retrieve(approved[0].id).amount == approved[0].amount

    payout = client.commissions.payouts.create(commission_ids=[c.id for c in approved])
    assert sorted(payout.commission_ids) == sorted(c.id for c in approved)
    assert payout.amount.amount == sum(c.amount.amount for c in approved)
    assert payout.id in {p.id for p in client.commissions.payouts.list(limit=100)}

    # The stub pays a payout 100 ms after it is created.
    deadline = time.monotonic() + 5
    while (fetched := client.commissions.payouts.retrieve(payout.id)).status != "paid":
        assert time.monotonic() < deadline, f"payout still {fetched.status}"
        time.sleep(0.05)
    assert fetched.paid_at is not None
    assert client.commissions.retrieve(approved[0].id).payout_id == payout.id


def test_analytics_summary(client: RegenClient) -> None:
    start = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 300 * 86400))
    summary = client.analytics.summary(from_=start)
    assert summary.period.from_[:10] == start[:10]
    assert summary.orders.count > 0 and summary.orders.revenue.amount > 0
    assert summary.top_products


def test_usage_series_and_request_log(client: RegenClient) -> None:
    client.users.me()
    series = client.usage.series(granularity="hour")
    assert series.granularity == "hour" and series.buckets
    assert series.totals.requests == sum(b.requests for b in series.buckets) > 0

    log = client.usage.requests.list(operation_id="getCurrentUser", limit=5)
    assert log.data and {e.operation_id for e in log.data} == {"getCurrentUser"}
    assert all(e.method == "GET" and e.path == "/api/v1/users/me" for e in log.data)
