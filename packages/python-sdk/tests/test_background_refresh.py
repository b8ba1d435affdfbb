"""Proactive refresh, as @regen/client's token cycler: inside the refresh window (from a quarter
of the lifetime before expiry) a call still sends the current token and a refresh runs in the
background (a thread, or a task); calls wait only in the last tenth. A stub whose access tokens
live 12 s makes the window reachable: renewal from 3 s before expiry, blocking from 1.2 s. (With
4 s tokens the 0.6 s between the two was shorter than a busy CI machine's stalls: a call meant for
the window arrived in the blocking part and, rightly, waited for the new token.)"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import httpx
import pytest

from regen import AsyncRegenClient, RegenClient

from .conftest import DEMO_PASSWORD, ROOMY, Stub


@pytest.fixture(scope="module")
def short_lived() -> Iterator[Stub]:
    s = Stub("--rate-limits", ROOMY, "--access-token-ttl", "12s")
    yield s
    s.close()


def bearer(r: httpx.Request) -> str:
    return r.headers.get("authorization", "")[len("Bearer ") :]


def test_a_call_in_the_window_refreshes_in_the_background(short_lived: Stub) -> None:
    sent: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [sent.append]})
    client = RegenClient.login(
        email="demo@regen.test", password=DEMO_PASSWORD, base_url=short_lived.url, http_client=http
    )
    tokens = client._tokens
    assert tokens is not None and tokens._state is not None
    state = tokens._state
    assert state.refresh_at < state.must_refresh_at < state.expires_at
    client.users.me()
    assert tokens.refreshes == 0  # before the window: no refresh

    time.sleep(max(0.0, state.refresh_at - time.time()) + 0.05)
    assert time.time() < state.must_refresh_at
    assert client.users.me().email == "demo@regen.test"
    me_calls = [r for r in sent if r.url.path == "/api/v1/users/me"]
    assert bearer(me_calls[-1]) == state.token  # the call did not wait for the new token

    deadline = time.monotonic() + 3
    while tokens.refreshes == 0 or tokens._state is state:
        assert time.monotonic() < deadline, "no background refresh"
        time.sleep(0.02)
    fresh = tokens.current_token()
    assert fresh is not None and fresh != state.token and tokens.refreshes == 1
    client.users.me()
    assert bearer([r for r in sent if r.url.path == "/api/v1/users/me"][-1]) == fresh
    http.close()


async def test_async_a_call_in_the_window_refreshes_in_a_task(short_lived: Stub) -> None:
    sent: list[httpx.Request] = []

    async def keep(r: httpx.Request) -> None:
        sent.append(r)

    http = httpx.AsyncClient(event_hooks={"request": [keep]})
    client = await AsyncRegenClient.login(
        email="demo@regen.test", password=DEMO_PASSWORD, base_url=short_lived.url, http_client=http
    )
    tokens = client._tokens
    assert tokens is not None and tokens._state is not None
    state = tokens._state
    await asyncio.sleep(max(0.0, state.refresh_at - time.time()) + 0.05)
    assert time.time() < state.must_refresh_at
    assert (await client.users.me()).email == "demo@regen.test"
    me_calls = [r for r in sent if r.url.path == "/api/v1/users/me"]
    assert bearer(me_calls[-1]) == state.token

    deadline = time.monotonic() + 3
    while tokens._state is state:
        assert time.monotonic() < deadline, "no background refresh"
        await asyncio.sleep(0.02)
    assert tokens.refreshes == 1
    await client.users.me()
    assert (
        bearer([r for r in sent if r.url.path == "/api/v1/users/me"][-1])
        == tokens.current_token()
        != state.token
    )
    await http.aclose()
