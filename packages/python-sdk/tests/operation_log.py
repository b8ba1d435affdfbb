"""Which operations of the generated table (regen/_generated/operations.py) the suite reached.

Every request of every client goes through `SyncTransport.request` / `AsyncTransport.request`; the
log wraps both for the session and notes each operation that came back from the stub with an HTTP
status (a 2xx, or the status of the typed error). Nothing is answered in its place: the real
transport runs, the log only reads what it returned.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any, Callable

from regen._core.async_transport import AsyncTransport
from regen._core.sync_transport import SyncTransport
from regen._errors import APIError
from regen._generated.operations import OPERATIONS


class OperationLog:
    def __init__(self) -> None:
        self.statuses: defaultdict[str, set[int]] = defaultdict(set)
        self._originals: list[tuple[type, Callable[..., Any]]] = []

    def note(self, operation_id: str, status: int | None) -> None:
        if status is not None:
            self.statuses[operation_id].add(status)

    def succeeded(self) -> set[str]:
        """Operations answered with a 2xx at least once."""
        return {op for op, seen in self.statuses.items() if any(200 <= s < 300 for s in seen)}

    def missing(self) -> list[str]:
        """Operations of the generated table never answered with a 2xx."""
        return sorted(set(OPERATIONS) - self.succeeded())

    def install(self) -> None:
        log = self
        sync_request = SyncTransport.request
        async_request = AsyncTransport.request

        @functools.wraps(sync_request)
        def sync_wrapper(self: SyncTransport, op: Any, **kwargs: Any) -> Any:
            try:
                raw = sync_request(self, op, **kwargs)
            except APIError as e:
                log.note(op.operation_id, e.status)
                raise
            log.note(op.operation_id, raw.http.status_code)
            return raw

        @functools.wraps(async_request)
        async def async_wrapper(self: AsyncTransport, op: Any, **kwargs: Any) -> Any:
            try:
                raw = await async_request(self, op, **kwargs)
            except APIError as e:
                log.note(op.operation_id, e.status)
                raise
            log.note(op.operation_id, raw.http.status_code)
            return raw

        self._originals = [(SyncTransport, sync_request), (AsyncTransport, async_request)]
        SyncTransport.request = sync_wrapper  # type: ignore[method-assign]
        AsyncTransport.request = async_wrapper  # type: ignore[method-assign]

    def uninstall(self) -> None:
        for cls, original in self._originals:
            cls.request = original  # type: ignore[attr-defined]
