"""Every operation of the generated table (regen/_generated/operations.py) was called against the
stub by this suite and answered with a 2xx at least once. A new operation in the contract lands in
the table by `npm run generate`; until a test calls it, this check fails and names it."""

from __future__ import annotations

import pytest

from regen._generated.operations import OPERATIONS

from .operation_log import OperationLog


def test_every_operation_of_the_table_was_called(operation_log: OperationLog, whole_suite: bool) -> None:
    if not whole_suite:
        pytest.skip("judges only a run of the whole suite (run `pytest` without -k, -m or node ids)")
    missing = operation_log.missing()
    assert not missing, f"never answered with a 2xx in this run: {', '.join(missing)}"
    assert operation_log.succeeded() <= set(OPERATIONS)
