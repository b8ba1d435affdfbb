"""Cursor pagination across pages, sync and async, and `with_response` metadata."""

from __future__ import annotations

from regen import AsyncRegenClient, RegenClient

from .conftest import Stub


def test_iterates_every_page(stub: Stub) -> None:
    with RegenClient(api_key=stub.admin_key, base_url=stub.url) as client:
        first = client.orders.list(limit=3)
        assert len(first.data) == 3 and first.has_next_page()
        pages = list(first.iter_pages())
        ids = [o.id for o in client.orders.list(limit=3)]
        assert len(pages) > 2
        assert ids == [o.id for p in pages for o in p.data]
        assert len(ids) == len(set(ids))


def test_filters_reach_the_server(stub: Stub) -> None:
    with RegenClient(api_key=stub.admin_key, base_url=stub.url) as client:
        paid = list(client.orders.list(status="paid", limit=50))
        assert paid and all(o.status == "paid" for o in paid)


async def test_async_iterates_every_page(stub: Stub) -> None:
    async with AsyncRegenClient(api_key=stub.admin_key, base_url=stub.url) as client:
        ids = [o.id async for o in client.orders.list(limit=4)]
        first = await client.orders.list(limit=4)
        pages = [p async for p in first.iter_pages()]
        assert ids == [o.id for p in pages for o in p.data]
        assert len(pages) > 1


def test_with_response(stub: Stub) -> None:
    with RegenClient(api_key=stub.admin_key, base_url=stub.url) as client:
        r = client.with_response.orders.retrieve("ord_8x2Kq9Lm3Np")
        assert r.data.id == "ord_8x2Kq9Lm3Np"
        assert r.status_code == 200 and r.request_id and r.request_id.startswith("req_")
        assert r.rate_limit is not None and r.rate_limit.limit > 0
        assert client.rate_limit is not None
        page = client.with_response.orders.list(limit=1)
        assert len(page.data.data) == 1


async def test_async_with_response(stub: Stub) -> None:
    async with AsyncRegenClient(api_key=stub.admin_key, base_url=stub.url) as client:
        r = await client.with_response.health()
        assert r.data.status == "ok" and r.request_id
