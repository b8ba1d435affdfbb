"""Turning a parsed JSON body into the generated types (pydantic validates every response)."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

Parser = Callable[[Any], Any]


def list_of(model: type[M]) -> Callable[[Any], list[M]]:
    """A parser of a JSON array of `model`."""

    def parse(value: Any) -> list[M]:
        return [model.model_validate(v) for v in value]

    return parse


def as_is(value: Any) -> Any:
    """A value the contract gives no model for, passed through."""
    return value
