"""Base class of the generated response models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class RegenModel(BaseModel):
    """A response object: snake_case attributes, read from the contract's camelCase names.

    Unknown fields are kept (a newer server may add some); building is deferred to first use, so
    `import regen` does not pay for every model of the contract.
    """

    model_config = ConfigDict(populate_by_name=True, extra="allow", defer_build=True)
