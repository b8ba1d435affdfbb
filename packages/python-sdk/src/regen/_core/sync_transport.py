"""The sync request pipeline: build once, then per attempt attach the credential, send, classify,
and retry after the server's `Retry-After` or a jittered backoff. The async twin is ./async_transport.py."""

from __future__ import annotations

import time
from typing import Any, Callable, Mapping, Optional, Protocol, Union

import httpx

from .._errors import APIError
from .attempt import connection_error, log, log_retry
from .request import build_request, merge_headers
from .response import RawResponse, classify
from .retry import RetryPolicy, retry_delay
from .types import NO_AUTH, OPTIONAL_AUTH, Operation, RequestOptions


class SyncCredential(Protocol):
    def headers(self, optional: bool) -> dict[str, str]: ...
    def can_renew(self, sent: Mapping[str, str]) -> bool: ...
    def secrets(self) -> list[Optional[str]]: ...


class SyncTransport:
    def __init__(
        self,
        *,
        base_url: str,
        http: httpx.Client,
        credential: SyncCredential,
        anonymous: SyncCredential,
        max_retries: int,
        timeout: float,
        policy: RetryPolicy,
        redact: Callable[[str], str],
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url
        self.http = http
        self.credential = credential
        self.anonymous = anonymous
        self.max_retries = max_retries
        self.timeout = timeout
        self.policy = policy
        self.redact = redact
        self.sleep = sleep
        self.last_response: Optional[httpx.Response] = None

    def request(
        self,
        op: Operation,
        *,
        path: Optional[Mapping[str, str]] = None,
        query: Optional[Mapping[str, Any]] = None,
        body: Any = None,
        options: Optional[RequestOptions] = None,
    ) -> RawResponse:
        opts: RequestOptions = options or {}
        prepared = build_request(self.base_url, op, path, query, body, opts)
        credential = self.anonymous if op.flags & NO_AUTH else self.credential
        optional = bool(op.flags & OPTIONAL_AUTH)
        timeout = opts.get("timeout", self.timeout)
        max_retries = 0 if prepared.once else opts.get("max_retries", self.max_retries)
        replayable = not prepared.once  # one refresh-and-replay per call, outside the retry budget
        retry = 0
        while True:
            sent = credential.headers(optional)
            headers = merge_headers(sent, prepared.headers)
            log.debug("→ %s %s", prepared.method, prepared.url)
            outcome: Union[RawResponse, APIError]
            try:
                response = self.http.request(
                    prepared.method, prepared.url, content=prepared.content, headers=headers, timeout=timeout
                )
            except httpx.HTTPError as exc:
                outcome = connection_error(exc, prepared, timeout)
            else:
                self.last_response = response
                log.debug("← %s %s %s", response.status_code, prepared.method, prepared.url)
                renew: Any = getattr(credential, "renew", None)
                if response.status_code == 401 and replayable and renew and credential.can_renew(sent):
                    replayable = False
                    renew(sent)
                    continue
                outcome = classify(response, self.redact)
            if isinstance(outcome, RawResponse):
                return outcome
            delay = retry_delay(outcome, retry, max_retries, self.policy)
            if delay is None:
                raise outcome
            log_retry(delay, retry, outcome)
            self.sleep(delay)
            retry += 1
