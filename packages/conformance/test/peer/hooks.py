"""Schemathesis hooks for the peer runs (conformance README, "The peer, side by side").

Loaded by `schemathesis.ts` (SCHEMATHESIS_HOOKS). Two things, each written down with its reason
in packages/conformance/README.md ("The peer, side by side"):

1. A fresh `Idempotency-Key` per request, as the contract tells clients to ("Use a fresh UUID per
   logical operation"). Schemathesis sends the parameter's documented example on every request;
   the same key with another body is, by contract, 422 `idempotency_key_reused`, so without this
   every write's `positive_data_acceptance` would judge nothing but the idempotency rule.

2. A failure judged on a 429 response is set aside (the runner's own rule: a 429 is never
   judged). The semantic fixtures run with a 40-per-3-seconds burst tier, and Schemathesis's
   ignored_auth probes then meet 429 instead of 401.

3. EXEMPTIONS: `positive_data_acceptance` failures whose response is a refusal the contract
   documents for input a schema cannot describe. Each is matched on the operation, the status
   and the error the response names, nothing broader; anything else still fails the run.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from typing import Any

import schemathesis

IDEMPOTENCY_KEY = "idempotency-key"


@schemathesis.hook
def before_call(context: Any, case: Any, **kwargs: Any) -> None:
    headers = case.headers
    if not headers:
        return
    for name, value in list(headers.items()):
        # Only a valid key (1-255 characters) is replaced: invalid ones are negative data.
        if name.lower() == IDEMPOTENCY_KEY and isinstance(value, str) and 1 <= len(value) <= 255:
            headers[name] = str(uuid.uuid4())


def _error(response: Any) -> tuple[str, str, str]:
    """(code, message, first detail path) of the contract's envelope or an RFC 6749 error."""
    try:
        body = json.loads(response.content)
    except (ValueError, TypeError):
        return ("", "", "")
    if not isinstance(body, dict):
        return ("", "", "")
    error = body.get("error")
    if isinstance(error, dict):
        details = error.get("details") or []
        path = details[0].get("path", "") if details and isinstance(details[0], dict) else ""
        return (str(error.get("code", "")), str(error.get("message", "")), str(path))
    if isinstance(error, str):  # OAuth (RFC 6749 §5.2)
        return (error, str(body.get("error_description", "")), "")
    return ("", "", "")


# Error codes that say the request itself is malformed (as the runner's positive_data_acceptance).
SHAPE_CODES = {"validation_error", "invalid_request", "unsupported_media_type", "payload_too_large"}

# (check, operation label regex, status, code regex, message regex, reason)
EXEMPTIONS: list[tuple[str, str, int, str, str, str]] = [
    (
        "positive_data_acceptance",
        r"^GET /api/v1/",
        400,
        "validation_error",
        r"^Invalid cursor$",
        "cursors are opaque: only a nextCursor the server handed out is valid (the documented"
        " example cursor names no page of this server)",
    ),
    (
        "positive_data_acceptance",
        r"^GET /oauth/authorize$",
        400,
        "invalid_request|invalid_client",
        r"^redirect_uri is not registered for this client$|^Unknown client_id ",
        "OAuth: client_id and redirect_uri must name a client registered with the server"
        " (RFC 6749 §4.1.2.1); the contract has no client registration",
    ),
    (
        "positive_data_acceptance",
        r"^GET /api/v1/analytics/summary$",
        400,
        "invalid_request",
        r"^The period may not exceed 366 days$|^`from` must be before `to`$",
        "getAnalyticsSummary: from before to and a period of at most 366 days (documented); a schema"
        " cannot relate two parameters",
    ),
    (
        "positive_data_acceptance",
        r"^GET /api/v1/usage/(series|requests)$",
        400,
        "invalid_request",
        r"^`from` must be before `to`$",
        "getUsageSeries, listRequestLogs: from before to (documented); a schema cannot relate two"
        " parameters",
    ),
    (
        "positive_data_acceptance",
        r"^(POST|PATCH) /api/v1/webhooks(/\{id\})?$",
        422,
        "webhook_url_refused",
        r"^url ",
        "webhook targets: the documented policy refuses non-http(s) URLs and non-public addresses,"
        " which a schema's format: uri cannot describe",
    ),
]


RATE_LIMITED = "a 429 is never judged (the runner's rule): it says the budget is spent, nothing about the request"


def exemption_for(check: str, label: str, status: int, code: str, message: str) -> str | None:
    if status == 429:
        return RATE_LIMITED
    if check == "positive_data_acceptance" and status == 422 and code and code not in SHAPE_CODES:
        # The runner's own rule: ids and input are real, a 422 with a state code (a customer or
        # commission that does not exist, stock that would go negative, expiresAt already past)
        # says the server state refused it, not the request's shape. (404 and 409 Schemathesis
        # already accepts.)
        return "state conflict: 422 with a state error code (" + code + ")"
    for e_check, e_label, e_status, e_code, e_message, reason in EXEMPTIONS:
        if (
            check == e_check
            and re.search(e_label, label)
            and status == e_status
            and re.fullmatch(e_code, code)
            and re.search(e_message, message)
        ):
            return reason
    return None


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    checks = getattr(failure, "checks", ())
    label = f"{case.operation.method.upper()} {case.operation.path}"
    code, message, _ = _error(response)
    # ignored_auth judges its own probes (without or with a wrong credential); a probe answered
    # 429 only appears in the failure's message.
    status = 429 if "got `429 " in (getattr(failure, "message", "") or "") else response.status_code
    for check in checks:
        reason = exemption_for(check, label, status, code, message)
        if reason:
            log = os.environ.get("REGEN_PEER_EXEMPT_LOG")
            if log:
                entry = {"check": check, "operation": label, "status": response.status_code, "reason": reason}
                with open(log, "a", encoding="utf-8") as out:
                    out.write(json.dumps(entry) + "\n")
            return False
    return True
