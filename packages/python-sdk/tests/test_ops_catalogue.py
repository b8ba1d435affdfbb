"""Products, inventory and customers, each operation called once against the stub (sync), with
the effect of every write read back."""

from __future__ import annotations

import secrets

import pytest

import regen
from regen import RegenClient

from .conftest import Stub


@pytest.fixture
def client(stub: Stub) -> RegenClient:
    return RegenClient(api_key=stub.admin_key, base_url=stub.url, max_retries=0)


def test_products_lifecycle(client: RegenClient) -> None:
    sku = "PY-" + secrets.token_hex(4).upper()
    created = client.products.create(
        name="Python test tonic", sku=sku, price={"amount": 1234, "currency": "USD"}
    )
    assert (created.sku, created.price.amount, created.price.currency) == (sku, 1234, "USD")
    assert created.id.startswith("prd_") and created.active is True

    assert client.products.retrieve(created.id).name == "Python test tonic"
    updated = client.products.update(created.id, active=False, description=None)
    assert (updated.active, updated.description) == (False, None)
    assert created.id not in {p.id for p in client.products.list(active=True)}
    assert created.id in {p.id for p in client.products.list(active=False)}

    deleted = client.products.delete(created.id)
    assert (deleted.id, deleted.deleted) == (created.id, True)
    with pytest.raises(regen.NotFoundError):
        client.products.retrieve(created.id)


def test_inventory_levels_and_adjustments(client: RegenClient) -> None:
    levels = client.inventory.list(limit=5)
    assert 0 < len(levels.data) <= 5
    level = levels.data[0]
    assert level.available == level.on_hand - level.reserved

    adjustment = client.inventory.adjustments.create(product_id=level.product_id, delta=7, reason="restock")
    assert (adjustment.product_id, adjustment.delta) == (level.product_id, 7)
    after = client.inventory.retrieve(level.product_id)
    assert after.on_hand == level.on_hand + 7

    recent = client.inventory.adjustments.list(limit=10)
    assert adjustment.id in {a.id for a in recent.data}


def test_low_stock_filter(client: RegenClient) -> None:
    for level in client.inventory.list(low_stock=True, limit=20).data:
        assert level.available <= level.low_stock_threshold


def test_customers(client: RegenClient) -> None:
    first = client.customers.list(limit=2)
    assert len(first.data) == 2 and all(c.id.startswith("cus_") for c in first.data)
    customer = client.customers.retrieve(first.data[0].id)
    assert customer.email == first.data[0].email
    by_email = client.customers.list(email=customer.email)
    assert [c.id for c in by_email.data] == [customer.id]

    tag = secrets.token_hex(4)
    updated = client.customers.update(customer.id, metadata={"py_tag": tag})
    assert updated.metadata is not None and updated.metadata["py_tag"] == tag
    assert client.customers.retrieve(customer.id).metadata == updated.metadata
