"""Cursor pagination over the contract's list envelope `{success, data, hasMore, nextCursor}`.

Iterating a page (`for order in client.orders.list()`) yields every item of it and of the pages
after it; `iter_pages()` yields the pages."""

from __future__ import annotations

from typing import Any, AsyncIterator, Awaitable, Callable, Generator, Generic, Iterator, Optional, TypeVar

from .._errors import RegenError

T = TypeVar("T")


class _PageBase(Generic[T]):
    data: list[T]
    has_more: bool
    next_cursor: Optional[str]

    def __init__(self, body: Any, parse: Callable[[Any], T]) -> None:
        self.data = [parse(item) for item in body["data"]]
        self.has_more = bool(body.get("hasMore"))
        cursor = body.get("nextCursor")
        self.next_cursor = cursor if isinstance(cursor, str) and cursor else None

    def has_next_page(self) -> bool:
        return self.has_more and self.next_cursor is not None

    def _next_cursor(self) -> str:
        if self.next_cursor is None or not self.has_more:
            raise RegenError("No next page: check has_next_page() first.")
        return self.next_cursor

    def __repr__(self) -> str:
        return f"{type(self).__name__}(items={len(self.data)}, has_more={self.has_more})"


def _check_advanced(page: _PageBase[Any], following: _PageBase[Any]) -> None:
    # A server that hands back the same cursor would loop forever.
    if following.has_next_page() and following.next_cursor == page.next_cursor:
        raise RegenError(f"Pagination cursor did not advance ({page.next_cursor}).")


class SyncPage(_PageBase[T]):
    """One page of a list; iterating it yields every item of every page from here on."""

    def __init__(self, body: Any, parse: Callable[[Any], T], fetch: Callable[[str], SyncPage[T]]) -> None:
        super().__init__(body, parse)
        self._fetch = fetch

    def get_next_page(self) -> SyncPage[T]:
        return self._fetch(self._next_cursor())

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        page: SyncPage[T] = self
        while True:
            yield page
            if not page.has_next_page():
                return
            following = page.get_next_page()
            _check_advanced(page, following)
            page = following

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(_PageBase[T]):
    """One page of a list; `async for` over it yields every item of every page from here on."""

    def __init__(
        self, body: Any, parse: Callable[[Any], T], fetch: Callable[[str], Awaitable[AsyncPage[T]]]
    ) -> None:
        super().__init__(body, parse)
        self._fetch = fetch

    async def get_next_page(self) -> AsyncPage[T]:
        return await self._fetch(self._next_cursor())

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        page: AsyncPage[T] = self
        while True:
            yield page
            if not page.has_next_page():
                return
            following = await page.get_next_page()
            _check_advanced(page, following)
            page = following

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncPageRequest(Generic[T]):
    """What an async list method returns: `await` it for the first page, or `async for` over every item."""

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[T]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self._first()
        async for item in page:
            yield item
