"""Webhook signatures (`Regen-Signature`) and PKCE: pure functions, checked against their specs."""

from __future__ import annotations

import base64
import hashlib
import time

import pytest

from regen import WebhookVerificationError
from regen.pkce import build_authorize_url, code_challenge, create_pkce_pair, generate_code_verifier
from regen.webhooks import sign_payload, unwrap, verify_signature

SECRET = "whsec_" + "a" * 32
BODY = '{"id":"evt_1","type":"order.created"}'


def test_signature_round_trip() -> None:
    header = sign_payload(BODY, SECRET)
    verify_signature(BODY, header, SECRET)
    assert unwrap(BODY.encode(), header, SECRET)["type"] == "order.created"


def test_rotation_second_signature_matches() -> None:
    good = sign_payload(BODY, SECRET).split(",")[1]
    header = f"t={int(time.time())},v1={'0' * 64},{good}"
    verify_signature(BODY, header, SECRET)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "Missing"),
        ("v1=" + "0" * 64, "timestamp"),
        (f"t={int(time.time())}", "no v1"),
        (f"t={int(time.time())},v1={'0' * 64}", "matches"),
        (f"t={int(time.time()) - 3600},v1={'0' * 64}", "tolerance"),
    ],
)
def test_rejections(header: str | None, message: str) -> None:
    with pytest.raises(WebhookVerificationError, match=message):
        verify_signature(BODY, header, SECRET)


def test_tampered_body_fails() -> None:
    with pytest.raises(WebhookVerificationError):
        verify_signature(BODY + " ", sign_payload(BODY, SECRET), SECRET)


def test_pkce_s256() -> None:
    pair = create_pkce_pair()
    digest = hashlib.sha256(pair.code_verifier.encode()).digest()
    assert pair.code_challenge == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert pair.code_verifier not in repr(pair)
    assert code_challenge(pair.code_verifier) == pair.code_challenge
    assert 43 <= len(generate_code_verifier(43)) <= 128
    url = build_authorize_url(
        "http://127.0.0.1:4010", client_id="c", redirect_uri="http://127.0.0.1/cb", pkce=pair
    )
    assert "code_challenge_method=S256" in url
