"""The contract's types: response models (pydantic), request `TypedDict`s and enum `Literal`s."""

from ._generated.models import *  # noqa: F403
from ._generated.params import *  # noqa: F403
