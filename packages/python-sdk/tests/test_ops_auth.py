"""The auth and OAuth operations called directly through their generated methods (sync), as the
TypeScript suite calls them: login, refresh and logout of a JWT session; an OAuth token and its
revocation. Each effect is seen by a later call."""

from __future__ import annotations

import pytest

import regen
from regen import RegenClient

from .conftest import DEMO_PASSWORD, Stub


def anonymous(stub: Stub) -> RegenClient:
    # login, refresh and the OAuth endpoints send no credential; any key satisfies the constructor.
    return RegenClient(api_key="rg_test_" + "0" * 32, base_url=stub.url, max_retries=0)


def test_login_refresh_logout(stub: Stub) -> None:
    client = anonymous(stub)
    login = client.auth.login(email="demo@regen.test", password=DEMO_PASSWORD, mode="test")
    assert login.user.email == "demo@regen.test" and login.expires_in > 0

    pair = client.auth.refresh(refresh_token=login.refresh_token)
    assert pair.access_token != login.access_token and pair.refresh_token != login.refresh_token
    session = RegenClient(access_token=pair.access_token, base_url=stub.url, max_retries=0)
    health = session.health()
    assert health.credential is not None and (health.credential.type, health.credential.mode) == (
        "jwt",
        "test",
    )
    assert session.auth.logout(refresh_token=pair.refresh_token).revoked is True
    with pytest.raises(regen.AuthenticationError):
        client.auth.refresh(refresh_token=pair.refresh_token)


def test_oauth_token_and_revoke(stub: Stub) -> None:
    client = anonymous(stub)
    token = client.oauth.token(
        body={
            "grant_type": "client_credentials",
            "client_id": "cli_regen_demo",
            "client_secret": "cs_regen_demo_secret",  # the stub's default demo client
            "scope": "read:orders",
        }
    )
    assert (token.token_type, token.scope) == ("Bearer", "read:orders") and token.expires_in > 0

    bearer = RegenClient(api_key=token.access_token, auth_scheme="bearer", base_url=stub.url, max_retries=0)
    assert bearer.orders.list(limit=1).data
    assert (
        client.oauth.revoke(
            token=token.access_token, client_id="cli_regen_demo", client_secret="cs_regen_demo_secret"
        )
        is None
    )
    with pytest.raises(regen.AuthenticationError):
        bearer.orders.list(limit=1)
