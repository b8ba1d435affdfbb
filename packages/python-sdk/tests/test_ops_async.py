"""A representative subset of the operations through `AsyncRegenClient` against the stub: reads,
a list iterated across pages, writes with their effect read back, and concurrent calls."""

from __future__ import annotations

import asyncio
import secrets

import pytest

import regen
from regen import AsyncRegenClient

from .conftest import Stub


async def test_async_catalogue_writes_and_reads(stub: Stub) -> None:
    async with AsyncRegenClient(api_key=stub.admin_key, base_url=stub.url, max_retries=0) as client:
        health = await client.health()
        assert health.authenticated is True
        sku = "PYA-" + secrets.token_hex(4).upper()
        product = await client.products.create(
            name="Async tonic", sku=sku, price={"amount": 500, "currency": "EUR"}
        )
        assert (await client.products.retrieve(product.id)).sku == sku
        assert (await client.products.update(product.id, name="Async tonic 2")).name == "Async tonic 2"
        assert (await client.products.delete(product.id)).deleted is True
        with pytest.raises(regen.NotFoundError) as caught:
            await client.products.retrieve(product.id)
        assert (caught.value.status, caught.value.code) == (404, "not_found") and caught.value.request_id


async def test_async_pages_and_with_response(stub: Stub) -> None:
    async with AsyncRegenClient(api_key=stub.admin_key, base_url=stub.url, max_retries=0) as client:
        first = await client.orders.list(limit=2)
        assert len(first.data) == 2 and first.has_more
        ids = [o.id async for o in client.orders.list(limit=2)]
        assert len(ids) == len(set(ids)) > 2 and ids[:2] == [o.id for o in first.data]

        r = await client.with_response.orders.retrieve(ids[0])
        assert r.status_code == 200 and r.data.id == ids[0]
        assert r.request_id and r.request_id.startswith("req_") and r.rate_limit is not None


async def test_async_concurrent_reads(stub: Stub) -> None:
    async with AsyncRegenClient(api_key=stub.admin_key, base_url=stub.url) as client:
        customers = (await client.customers.list(limit=5)).data
        fetched = await asyncio.gather(*(client.customers.retrieve(c.id) for c in customers))
        assert [c.id for c in fetched] == [c.id for c in customers]
        me, keys, series = await asyncio.gather(
            client.users.me(), client.api_keys.list(), client.usage.series()
        )
        assert me.email and keys.data and series.buckets
