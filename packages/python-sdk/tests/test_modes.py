"""Test and live mode (stub README, "Accounts, test and live mode"): an `rg_test_…` key and an
`rg_live_…` key of one account see two disjoint sets of data, a write in one mode is invisible in
the other, and `RegenClient.login(..., mode="test")` is a test-mode session."""

from __future__ import annotations

import secrets

import pytest

import regen
from regen import AsyncRegenClient, RegenClient

from .conftest import DEMO_PASSWORD, Stub

DOCUMENTED_LIVE_ORDER = "ord_8x2Kq9Lm3Np"  # the demo account's live data (stub README)
EVERY_SCOPE = [
    "read:orders",
    "write:orders",
    "read:products",
    "write:products",
    "read:customers",
    "write:api_keys",
]


@pytest.fixture(scope="module")
def keys(stub: Stub) -> dict[str, str]:
    with RegenClient(api_key=stub.admin_key, base_url=stub.url) as admin:
        return {
            env: admin.api_keys.create(name=f"py {env}", scopes=EVERY_SCOPE, environment=env).key  # type: ignore[arg-type]
            for env in ("test", "live")
        }


def client(stub: Stub, key: str) -> RegenClient:
    return RegenClient(api_key=key, base_url=stub.url, max_retries=0)


def test_keys_carry_their_mode(stub: Stub, keys: dict[str, str]) -> None:
    assert keys["test"].startswith("rg_test_") and keys["live"].startswith("rg_live_")
    for env, key in keys.items():
        credential = client(stub, key).health().credential
        assert credential is not None and credential.mode == env


def test_test_and_live_keys_see_disjoint_data(stub: Stub, keys: dict[str, str]) -> None:
    test, live = client(stub, keys["test"]), client(stub, keys["live"])
    test_orders = {o.id for o in test.orders.list(limit=100)}
    live_orders = {o.id for o in live.orders.list(limit=100)}
    assert test_orders and live_orders and not test_orders & live_orders
    assert DOCUMENTED_LIVE_ORDER in live_orders
    assert live.orders.retrieve(DOCUMENTED_LIVE_ORDER).id == DOCUMENTED_LIVE_ORDER
    with pytest.raises(regen.NotFoundError) as caught:
        test.orders.retrieve(DOCUMENTED_LIVE_ORDER)
    assert caught.value.code == "not_found"
    assert not {c.id for c in test.customers.list(limit=100)} & {c.id for c in live.customers.list(limit=100)}


def test_a_write_in_test_mode_stays_in_test_mode(stub: Stub, keys: dict[str, str]) -> None:
    test, live = client(stub, keys["test"]), client(stub, keys["live"])
    sku = "PYM-" + secrets.token_hex(4).upper()
    product = test.products.create(name="Test-mode tonic", sku=sku, price={"amount": 100, "currency": "USD"})
    assert test.products.retrieve(product.id).sku == sku
    with pytest.raises(regen.NotFoundError):
        live.products.retrieve(product.id)
    assert sku not in {p.sku for p in live.products.list()}


def test_a_test_key_cannot_create_a_live_key(stub: Stub, keys: dict[str, str]) -> None:
    test = client(stub, keys["test"])
    with pytest.raises(regen.UnprocessableEntityError) as caught:
        test.api_keys.create(name="escalate", scopes=["read:orders"], environment="live")
    assert caught.value.code == "unprocessable_entity" and caught.value.request_id


def test_login_in_test_mode_sees_the_test_data(stub: Stub, keys: dict[str, str]) -> None:
    session = RegenClient.login(
        email="demo@regen.test", password=DEMO_PASSWORD, mode="test", base_url=stub.url
    )
    credential = session.health().credential
    assert credential is not None and (credential.type, credential.mode) == ("jwt", "test")
    session_orders = {o.id for o in session.orders.list(limit=100)}
    assert session_orders == {o.id for o in client(stub, keys["test"]).orders.list(limit=100)}
    with pytest.raises(regen.NotFoundError):
        session.orders.retrieve(DOCUMENTED_LIVE_ORDER)

    live_session = RegenClient.login(email="demo@regen.test", password=DEMO_PASSWORD, base_url=stub.url)
    credential = live_session.health().credential
    assert credential is not None and credential.mode == "live"  # the default
    assert live_session.orders.retrieve(DOCUMENTED_LIVE_ORDER).id == DOCUMENTED_LIVE_ORDER


async def test_async_login_in_test_mode(stub: Stub) -> None:
    session = await AsyncRegenClient.login(
        email="demo@regen.test", password=DEMO_PASSWORD, mode="test", base_url=stub.url
    )
    health = await session.health()
    assert health.credential is not None and health.credential.mode == "test"
    with pytest.raises(regen.NotFoundError):
        await session.orders.retrieve(DOCUMENTED_LIVE_ORDER)
    await session.close()
