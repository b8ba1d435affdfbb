"""The async request pipeline, step for step the sync one (./sync_transport.py) with `await`."""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable, Mapping, Optional, Protocol, Union

import httpx

from .._errors import APIError
from .attempt import connection_error, log, log_retry
from .request import build_request, merge_headers
from .response import RawResponse, classify
from .retry import RetryPolicy, retry_delay
from .types import NO_AUTH, OPTIONAL_AUTH, Operation, RequestOptions


class AsyncCredential(Protocol):
    async def aheaders(self, optional: bool) -> dict[str, str]: ...
    def can_renew(self, sent: Mapping[str, str]) -> bool: ...
    def secrets(self) -> list[Optional[str]]: ...


class AsyncTransport:
    def __init__(
        self,
        *,
        base_url: str,
        http: httpx.AsyncClient,
        credential: AsyncCredential,
        anonymous: AsyncCredential,
        max_retries: int,
        timeout: float,
        policy: RetryPolicy,
        redact: Callable[[str], str],
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
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

    async def request(
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
        replayable = not prepared.once
        retry = 0
        while True:
            sent = await credential.aheaders(optional)
            headers = merge_headers(sent, prepared.headers)
            log.debug("→ %s %s", prepared.method, prepared.url)
            outcome: Union[RawResponse, APIError]
            try:
                response = await self.http.request(
                    prepared.method, prepared.url, content=prepared.content, headers=headers, timeout=timeout
                )
            except httpx.HTTPError as exc:
                outcome = connection_error(exc, prepared, timeout)
            else:
                self.last_response = response
                log.debug("← %s %s %s", response.status_code, prepared.method, prepared.url)
                renew: Any = getattr(credential, "arenew", None)
                if response.status_code == 401 and replayable and renew and credential.can_renew(sent):
                    replayable = False
                    await renew(sent)
                    continue
                outcome = classify(response, self.redact)
            if isinstance(outcome, RawResponse):
                return outcome
            delay = retry_delay(outcome, retry, max_retries, self.policy)
            if delay is None:
                raise outcome
            log_retry(delay, retry, outcome)
            await self.sleep(delay)
            retry += 1
