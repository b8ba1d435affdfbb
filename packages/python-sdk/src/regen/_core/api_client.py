"""What generated resources call on a client: one method per envelope kind, sync and async. The
generated classes (src/regen/_generated/) only pass an operation, a parser and the arguments."""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional, TypeVar

from .async_transport import AsyncTransport
from .pagination import AsyncPage, AsyncPageRequest, SyncPage
from .response import APIResponse, RawResponse, with_response
from .sync_transport import SyncTransport
from .types import Operation, RequestOptions

T = TypeVar("T")
Query = Optional[Mapping[str, Any]]


def _unwrap(raw: RawResponse, envelope: bool) -> Any:
    return raw.body["data"] if envelope else raw.body


def _with_cursor(query: Query, op: Operation, cursor: str) -> dict[str, Any]:
    if op.cursor_param is None:
        raise ValueError(f"{op.method} {op.path} takes no cursor: the contract gives it one page.")
    return {**(query or {}), op.cursor_param: cursor}


class SyncAPIClient:
    _transport: SyncTransport

    def _raw(self, op: Operation, path: Any, query: Query, body: Any, options: Any) -> RawResponse:
        return self._transport.request(op, path=path, query=query, body=body, options=options)

    def _data(
        self,
        op: Operation,
        parse: Callable[[Any], T],
        *,
        envelope: bool = True,
        path: Optional[Mapping[str, str]] = None,
        query: Query = None,
        body: Any = None,
        options: Optional[RequestOptions] = None,
    ) -> T:
        return parse(_unwrap(self._raw(op, path, query, body, options), envelope))

    def _data_response(
        self,
        op: Operation,
        parse: Callable[[Any], T],
        *,
        envelope: bool = True,
        path: Optional[Mapping[str, str]] = None,
        query: Query = None,
        body: Any = None,
        options: Optional[RequestOptions] = None,
    ) -> APIResponse[T]:
        raw = self._raw(op, path, query, body, options)
        return with_response(raw, parse(_unwrap(raw, envelope)))

    def _empty(self, op: Operation, *, body: Any = None, options: Optional[RequestOptions] = None) -> None:
        self._raw(op, None, None, body, options)

    def _empty_response(
        self, op: Operation, *, body: Any = None, options: Optional[RequestOptions] = None
    ) -> APIResponse[None]:
        return with_response(self._raw(op, None, None, body, options), None)

    def _list(
        self,
        op: Operation,
        parse: Callable[[Any], T],
        *,
        path: Optional[Mapping[str, str]] = None,
        query: Query = None,
        options: Optional[RequestOptions] = None,
    ) -> SyncPage[T]:
        return self._page(op, parse, self._raw(op, path, query, None, options), path, query, options)

    def _list_response(
        self,
        op: Operation,
        parse: Callable[[Any], T],
        *,
        path: Optional[Mapping[str, str]] = None,
        query: Query = None,
        options: Optional[RequestOptions] = None,
    ) -> APIResponse[SyncPage[T]]:
        raw = self._raw(op, path, query, None, options)
        return with_response(raw, self._page(op, parse, raw, path, query, options))

    def _page(
        self,
        op: Operation,
        parse: Callable[[Any], T],
        raw: RawResponse,
        path: Optional[Mapping[str, str]],
        query: Query,
        options: Optional[RequestOptions],
    ) -> SyncPage[T]:
        def fetch(cursor: str) -> SyncPage[T]:
            return self._list(op, parse, path=path, query=_with_cursor(query, op, cursor), options=options)

        return SyncPage(raw.body, parse, fetch)


class AsyncAPIClient:
    _transport: AsyncTransport

    async def _raw(self, op: Operation, path: Any, query: Query, body: Any, options: Any) -> RawResponse:
        return await self._transport.request(op, path=path, query=query, body=body, options=options)

    async def _data(
        self,
        op: Operation,
        parse: Callable[[Any], T],
        *,
        envelope: bool = True,
        path: Optional[Mapping[str, str]] = None,
        query: Query = None,
        body: Any = None,
        options: Optional[RequestOptions] = None,
    ) -> T:
        return parse(_unwrap(await self._raw(op, path, query, body, options), envelope))

    async def _data_response(
        self,
        op: Operation,
        parse: Callable[[Any], T],
        *,
        envelope: bool = True,
        path: Optional[Mapping[str, str]] = None,
        query: Query = None,
        body: Any = None,
        options: Optional[RequestOptions] = None,
    ) -> APIResponse[T]:
        raw = await self._raw(op, path, query, body, options)
        return with_response(raw, parse(_unwrap(raw, envelope)))

    async def _empty(
        self, op: Operation, *, body: Any = None, options: Optional[RequestOptions] = None
    ) -> None:
        await self._raw(op, None, None, body, options)

    async def _empty_response(
        self, op: Operation, *, body: Any = None, options: Optional[RequestOptions] = None
    ) -> APIResponse[None]:
        return with_response(await self._raw(op, None, None, body, options), None)

    def _list(
        self,
        op: Operation,
        parse: Callable[[Any], T],
        *,
        path: Optional[Mapping[str, str]] = None,
        query: Query = None,
        options: Optional[RequestOptions] = None,
    ) -> AsyncPageRequest[T]:
        async def first() -> AsyncPage[T]:
            raw = await self._raw(op, path, query, None, options)
            return self._page(op, parse, raw, path, query, options)

        return AsyncPageRequest(first)

    async def _list_response(
        self,
        op: Operation,
        parse: Callable[[Any], T],
        *,
        path: Optional[Mapping[str, str]] = None,
        query: Query = None,
        options: Optional[RequestOptions] = None,
    ) -> APIResponse[AsyncPage[T]]:
        raw = await self._raw(op, path, query, None, options)
        return with_response(raw, self._page(op, parse, raw, path, query, options))

    def _page(
        self,
        op: Operation,
        parse: Callable[[Any], T],
        raw: RawResponse,
        path: Optional[Mapping[str, str]],
        query: Query,
        options: Optional[RequestOptions],
    ) -> AsyncPage[T]:
        async def fetch(cursor: str) -> AsyncPage[T]:
            return await self._list(
                op, parse, path=path, query=_with_cursor(query, op, cursor), options=options
            )

        return AsyncPage(raw.body, parse, fetch)
