"""Calls that must NOT type-check: tests/test_typing.py runs mypy on this file and expects an error
on every line with an expect-error comment (and nowhere else)."""

from __future__ import annotations

from regen import RegenClient


def wrong(client: RegenClient) -> None:
    client.orders.list(state="paid")  # expect-error: no such parameter
    client.orders.list(status="shipped")  # expect-error: not an OrderStatus
    client.orders.list(limit="50")  # expect-error: limit is an int
    client.orders.create(currency="USD", items=[])  # expect-error: customer_id is required
    client.orders.create(customer_id="c", currency="USD", items=[{"productId": "p", "quantity": 1}])  # expect-error: snake_case keys
    client.orders.retrieve(42)  # expect-error: ids are strings
    client.api_keys.rotate("key_1", options={"retries": 1})  # expect-error: no such option
    client.orders.retrieve("ord_1").customerId  # expect-error: attributes are snake_case
    client.oauth.token(body={"grant_type": "password", "username": "u"})  # expect-error: no such grant
