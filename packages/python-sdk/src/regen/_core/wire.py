"""Request bodies from Python names to the contract's: keys of known schemas are renamed
(`customer_id` → `customerId`) by the generated table, recursively; free-form maps (`metadata`)
are sent as given, since their keys are the caller's data, not field names."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from .._generated.wire_fields import WIRE_FIELDS
from .types import NotGiven


def to_wire(schema: Optional[str], value: Any) -> Any:
    """`value` as the contract spells it, `schema` naming the component it follows (None: as is)."""
    if isinstance(value, (list, tuple)):
        return [to_wire(schema, v) for v in value]
    if schema is None or not isinstance(value, Mapping):
        return value
    fields = WIRE_FIELDS.get(schema, {})
    out: dict[str, Any] = {}
    for key, item in value.items():
        if isinstance(item, NotGiven):
            continue
        wire, nested = fields.get(key, (key, None))
        out[wire] = to_wire(nested, item)
    return out
