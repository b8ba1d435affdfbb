"""Typed errors carry the status, the contract's error code and the request id."""

from __future__ import annotations

import pytest

import regen
from regen import RegenClient

from .conftest import Stub


@pytest.fixture
def client(stub: Stub) -> RegenClient:
    return RegenClient(api_key=stub.admin_key, base_url=stub.url, max_retries=0)


def test_404_not_found(client: RegenClient) -> None:
    with pytest.raises(regen.NotFoundError) as caught:
        client.orders.retrieve("ord_doesNotExist1")
    e = caught.value
    assert (e.status, e.code) == (404, "not_found")
    assert e.request_id and e.request_id.startswith("req_")
    assert e.request_id in str(e)


def test_422_unprocessable(client: RegenClient) -> None:
    with pytest.raises(regen.UnprocessableEntityError) as caught:
        client.orders.create(
            customer_id=next(iter(client.customers.list(limit=1))).id,
            currency="USD",
            items=[{"product_id": "prd_noSuchProduct1", "quantity": 1}],
        )
    assert caught.value.status == 422
    assert caught.value.code in ("unprocessable_entity", "not_found")


def test_400_validation_details(client: RegenClient) -> None:
    with pytest.raises(regen.BadRequestError) as caught:
        client.orders.list(limit=100000)
    assert caught.value.code == "validation_error"
    assert caught.value.details and caught.value.details[0].path


def test_401_authentication(stub: Stub) -> None:
    with pytest.raises(regen.AuthenticationError) as caught:
        RegenClient(api_key="rg_test_" + "z" * 32, base_url=stub.url).users.me()
    assert caught.value.status == 401
    assert caught.value.code == "invalid_api_key"
