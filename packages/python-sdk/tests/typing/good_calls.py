"""Calls that must type-check under mypy --strict (checked, never run: scripts/check-python.mjs)."""

from __future__ import annotations

from typing import Optional

from typing_extensions import assert_type

from regen import APIResponse, AsyncPageRequest, AsyncRegenClient, RegenClient, SyncPage
from regen.types import Health, Order


def sync_calls(client: RegenClient) -> None:
    assert_type(client.orders.list(status="paid", limit=50), SyncPage[Order])
    order = client.orders.create(
        customer_id="cus_1", currency="USD", items=[{"product_id": "prd_1", "quantity": 2}]
    )
    assert_type(order, Order)
    assert_type(order.customer_id, str)
    assert_type(client.health(), Health)
    assert_type(client.with_response.orders.retrieve("ord_1"), APIResponse[Order])
    client.api_keys.rotate("key_1", options={"idempotency_key": "k", "max_retries": 0})
    cancelled: Optional[str] = client.orders.cancel("ord_1", reason="duplicate").cancellation_reason
    del cancelled
    # A union body (oneOf) takes plain dicts, checked against the variants' TypedDicts.
    client.oauth.token(body={"grant_type": "client_credentials", "client_id": "c", "client_secret": "s"})


async def async_calls(client: AsyncRegenClient) -> None:
    assert_type(client.orders.list(limit=5), AsyncPageRequest[Order])
    assert_type(await client.orders.retrieve("ord_1"), Order)
    async for order in client.orders.list():
        assert_type(order, Order)
