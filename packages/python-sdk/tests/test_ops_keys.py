"""API keys, health and the current user, each operation called once against the stub (sync); a
new key is used for real, and rotation, deactivation and deletion are seen by the key itself."""

from __future__ import annotations

import pytest

import regen
from regen import RegenClient

from .conftest import Stub


@pytest.fixture
def client(stub: Stub) -> RegenClient:
    return RegenClient(api_key=stub.admin_key, base_url=stub.url, max_retries=0)


def test_health_without_and_with_a_credential(stub: Stub, client: RegenClient) -> None:
    health = client.health()
    assert (health.status, health.authenticated) == ("ok", True)
    assert health.version and health.time


def test_current_user(client: RegenClient) -> None:
    me = client.users.me()
    assert me.email.startswith("demo@") and me.id.startswith("usr_")


def test_api_key_lifecycle(stub: Stub, client: RegenClient) -> None:
    created = client.api_keys.create(name="py lifecycle", scopes=["read:orders"], environment="test")
    assert created.key.startswith("rg_test_") and created.last_four == created.key[-4:]
    assert created.id in {k.id for k in client.api_keys.list(limit=100)}
    assert client.api_keys.retrieve(created.id).scopes == ["read:orders"]

    own = RegenClient(api_key=created.key, base_url=stub.url, max_retries=0)
    assert own.orders.list(limit=1).data is not None
    with pytest.raises(regen.PermissionDeniedError):
        own.products.list(limit=1)

    renamed = client.api_keys.update(created.id, name="py renamed", scopes=["read:orders", "read:products"])
    assert (renamed.name, sorted(renamed.scopes)) == ("py renamed", ["read:orders", "read:products"])
    assert own.products.list(limit=1).data is not None

    assert client.api_keys.deactivate(created.id).status == "inactive"
    with pytest.raises(regen.AuthenticationError):
        own.orders.list(limit=1)
    assert client.api_keys.activate(created.id).status == "active"
    assert own.orders.list(limit=1).data is not None

    rotated = client.api_keys.rotate(created.id)
    assert rotated.id == created.id and rotated.key != created.key
    fresh = RegenClient(api_key=rotated.key, base_url=stub.url, max_retries=0)
    assert fresh.users.me().email

    deleted = client.api_keys.delete(created.id)
    assert (deleted.id, deleted.deleted) == (created.id, True)
    with pytest.raises(regen.AuthenticationError):
        fresh.users.me()
    with pytest.raises(regen.NotFoundError):
        client.api_keys.retrieve(created.id)
