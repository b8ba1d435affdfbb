"""Fixtures: the real reference stub (packages/stub), started per session on a free port; no mocked HTTP."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .operation_log import OperationLog

REPO = Path(__file__).resolve().parents[3]
STUB_CLI = REPO / "packages/stub/dist/cli.js"
DEMO_PASSWORD = "regen-demo-password"
# Roomy limits: these tests measure the client, not the stub's budgets.
ROOMY = "standard=100000/1h,burst=10000/1m,write=100000/1h,auth=1000/15m"


class Stub:
    def __init__(self, *args: str) -> None:
        if not STUB_CLI.exists():
            pytest.fail(f"{STUB_CLI} is missing: run `npx turbo run build --filter=@regen/stub` first")
        self.admin_key = "rg_test_" + secrets.token_hex(16)
        self.proc = subprocess.Popen(
            [
                "node",
                str(STUB_CLI),
                "--port",
                "0",
                "--admin-key",
                self.admin_key,
                "--log-level",
                "silent",
                *args,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        self.url: str = json.loads(line)["url"]

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="session")
def stub() -> Iterator[Stub]:
    """The stub with chaos mode on (faults only where a test sends `Regen-Fault`) and roomy limits."""
    s = Stub("--chaos", "--rate-limits", ROOMY)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    # A key in the developer's environment must not make a test pass by accident.
    monkeypatch.delenv("REGEN_API_KEY", raising=False)
    monkeypatch.delenv("REGEN_BASE_URL", raising=False)


def fault(value: str) -> dict[str, dict[str, str]]:
    """Per-call options asking the stub for a fault (stub README, "Chaos mode")."""
    return {"headers": {"regen-fault": value}}


os.environ.setdefault("PYTHONHASHSEED", "0")

# Every operation the suite reaches (tests/operation_log.py); tests/test_every_operation.py checks
# at the end of the run that the generated operation table holds none the suite never called.
OPERATION_LOG = OperationLog()
COVERAGE_CHECK = "test_every_operation_of_the_table_was_called"
TESTS = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    OPERATION_LOG.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    OPERATION_LOG.uninstall()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The coverage check runs last, and only judges a run of the whole suite (no -k, -m, --deselect
    or node ids, every test module collected): a run of one file reaches only that file's operations."""
    last = [i for i in items if i.name == COVERAGE_CHECK]
    items[:] = [i for i in items if i.name != COVERAGE_CHECK] + last
    modules = {Path(str(i.path)).name for i in items}
    every = {p.name for p in TESTS.glob("test_*.py")}
    o = config.option
    filtered = bool(o.keyword or o.markexpr or o.deselect) or any("::" in a for a in config.args)
    config.stash[WHOLE_SUITE] = not filtered and every <= modules


WHOLE_SUITE = pytest.StashKey[bool]()


@pytest.fixture
def operation_log() -> OperationLog:
    return OPERATION_LOG


@pytest.fixture
def whole_suite(request: pytest.FixtureRequest) -> bool:
    return request.config.stash.get(WHOLE_SUITE, False)
