"""Base classes of the generated namespaces: each holds the client whose transport it calls."""

from __future__ import annotations

from .api_client import AsyncAPIClient, SyncAPIClient


class SyncResource:
    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class AsyncResource:
    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client
