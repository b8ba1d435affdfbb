"""API keys: both schemes, the environment variable, and secrets kept out of repr/str/errors."""

from __future__ import annotations

import httpx
import pytest

import regen
from regen import RegenClient

from .conftest import Stub


def test_api_key_call(stub: Stub) -> None:
    with RegenClient(api_key=stub.admin_key, base_url=stub.url) as client:
        health = client.health()
        assert health.authenticated is True
        assert health.credential is not None and health.credential.type == "api_key"
        assert client.orders.retrieve("ord_8x2Kq9Lm3Np").id == "ord_8x2Kq9Lm3Np"


def test_bearer_scheme_sends_authorization(stub: Stub) -> None:
    sent: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [sent.append]})
    with RegenClient(api_key=stub.admin_key, auth_scheme="bearer", base_url=stub.url, http_client=http) as c:
        assert c.users.me().email
    assert sent[0].headers["authorization"] == f"Bearer {stub.admin_key}"
    assert "x-api-key" not in sent[0].headers
    http.close()


def test_key_from_environment(stub: Stub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGEN_API_KEY", stub.admin_key)
    monkeypatch.setenv("REGEN_BASE_URL", stub.url)
    with RegenClient() as client:
        assert client.health().authenticated is True


def test_no_credential_is_an_error() -> None:
    with pytest.raises(regen.RegenError, match="No credentials"):
        RegenClient()


def test_secrets_absent_from_repr_str_and_errors(stub: Stub) -> None:
    client = RegenClient(api_key=stub.admin_key, base_url=stub.url)
    assert stub.admin_key not in repr(client) and stub.admin_key not in str(client)
    assert stub.admin_key not in repr(client.with_response)
    bad = "rg_test_" + "x" * 32
    wrong = RegenClient(api_key=bad, base_url=stub.url)
    with pytest.raises(regen.AuthenticationError) as caught:
        wrong.orders.list()
    for text in (str(caught.value), repr(caught.value), repr(vars(caught.value))):
        assert bad not in text
    created = client.api_keys.create(name="repr check", scopes=["read:orders"])
    assert created.key not in repr(created) and created.key not in str(created)
    client.close()
    wrong.close()


def test_plain_http_to_a_remote_host_is_refused() -> None:
    with pytest.raises(regen.RegenError, match="plain http"):
        RegenClient(api_key="rg_test_" + "a" * 32, base_url="http://api.example.com")
