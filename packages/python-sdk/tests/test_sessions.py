"""JWT sessions: login, transparent single-flight refresh for threads and tasks, `on_tokens`,
logout; OAuth client credentials."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

import regen
from regen import AsyncRegenClient, RegenClient, TokenSet

from .conftest import DEMO_PASSWORD, Stub


def expire(stub: Stub, token: str, path: str) -> None:
    """Makes the stub treat `token` as expired from now on (chaos fault `expire-token`). The fault
    cycles per client, method, path and header value, so each test expires on a path of its own."""
    r = httpx.get(
        f"{stub.url}{path}",
        headers={"authorization": f"Bearer {token}", "regen-fault": "expire-token"},
    )
    assert r.status_code == 401


def test_login_and_single_flight_refresh_across_threads(stub: Stub) -> None:
    seen: list[TokenSet] = []
    client = RegenClient.login(
        email="demo@regen.test", password=DEMO_PASSWORD, mode="test", base_url=stub.url, on_tokens=seen.append
    )
    assert client.users.me().email == "demo@regen.test"
    assert len(seen) == 1
    tokens = client._tokens
    assert tokens is not None
    old = tokens.current_token()
    assert old is not None
    expire(stub, old, "/api/v1/users/me")
    with ThreadPoolExecutor(max_workers=20) as pool:
        emails = list(pool.map(lambda _: client.users.me().email, range(20)))
    assert emails == ["demo@regen.test"] * 20
    assert tokens.refreshes == 1
    assert len(seen) == 2 and seen[1].access_token != old
    assert old not in repr(seen[1]) and seen[1].access_token not in repr(seen[1])
    assert DEMO_PASSWORD not in repr(client)
    client.logout()
    with pytest.raises(regen.AuthenticationError):
        client.users.me()


async def test_async_single_flight_refresh_across_tasks(stub: Stub) -> None:
    seen: list[TokenSet] = []

    async def keep(tokens: TokenSet) -> None:
        seen.append(tokens)

    client = await AsyncRegenClient.login(
        email="demo@regen.test", password=DEMO_PASSWORD, base_url=stub.url, on_tokens=keep
    )
    tokens = client._tokens
    assert tokens is not None
    old = tokens.current_token()
    assert old is not None
    expire(stub, old, "/api/v1/orders")
    users = await asyncio.gather(*(client.users.me() for _ in range(20)))
    assert {u.email for u in users} == {"demo@regen.test"}
    assert tokens.refreshes == 1 and len(seen) == 2
    await client.close()


def test_wrong_password_is_an_authentication_error_without_the_password(stub: Stub) -> None:
    with pytest.raises(regen.AuthenticationError) as caught:
        RegenClient.login(email="demo@regen.test", password="not-the-password-123", base_url=stub.url)
    assert "not-the-password-123" not in str(caught.value)


def test_oauth_client_credentials(stub: Stub) -> None:
    seen: list[TokenSet] = []
    client = RegenClient(
        client_id="cli_regen_demo",
        client_secret="cs_regen_demo_secret",  # the stub's default demo client
        scopes=["read:orders"],
        base_url=stub.url,
        on_tokens=seen.append,
    )
    assert client.orders.list(limit=1).data
    assert len(seen) == 1 and seen[0].refresh_token is None
    assert "cs_regen_demo_secret" not in repr(client)
    with pytest.raises(regen.PermissionDeniedError) as caught:
        client.products.list()
    assert caught.value.scope == "read:products"
