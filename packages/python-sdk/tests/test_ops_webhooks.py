"""Webhook endpoints, each operation called once against the stub (sync): an endpoint on a local
receiver gets a real signed delivery, which `regen.webhooks` verifies and the deliveries list shows."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

import regen
from regen import RegenClient
from regen.webhooks import verify_signature

from .conftest import Stub
from .webhook_receiver import Receiver


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


def test_webhook_endpoint_lifecycle_and_delivery(stub: Stub, receiver: Receiver) -> None:
    client = RegenClient(api_key=stub.admin_key, base_url=stub.url, max_retries=0)
    endpoint = client.webhooks.create(url=receiver.url, events=["order.created"])
    assert endpoint.secret.startswith("whsec_") and endpoint.status == "enabled"
    assert endpoint.id in {w.id for w in client.webhooks.list(limit=100)}
    assert client.webhooks.retrieve(endpoint.id).url == receiver.url

    customer = client.customers.list(limit=1).data[0].id
    product = next(p for p in client.products.list(active=True) if p.price.currency == "USD").id
    order = client.orders.create(
        customer_id=customer, currency="USD", items=[{"product_id": product, "quantity": 1}]
    )

    delivery = receiver.wait_for(lambda d: order.id.encode() in d.body)
    verify_signature(delivery.body, delivery.headers["regen-signature"], endpoint.secret)  # raises if wrong
    with pytest.raises(regen.WebhookVerificationError):
        verify_signature(delivery.body + b" ", delivery.headers["regen-signature"], endpoint.secret)
    event = json.loads(delivery.body)
    assert event["type"] == "order.created" and event["data"]["object"]["id"] == order.id

    deliveries = client.webhooks.deliveries(endpoint.id)
    seen = next(d for d in deliveries if d.event_id == delivery.headers["regen-event-id"])
    assert seen.event_type == "order.created" and seen.status == "delivered"
    assert seen.attempts

    updated = client.webhooks.update(endpoint.id, status="disabled", description="paused by the test")
    assert (updated.status, updated.description) == ("disabled", "paused by the test")

    deleted = client.webhooks.delete(endpoint.id)
    assert (deleted.id, deleted.deleted) == (endpoint.id, True)
    with pytest.raises(regen.NotFoundError):
        client.webhooks.retrieve(endpoint.id)
