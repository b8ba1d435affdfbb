"""Fixtures: the real reference stub (packages/stub), started per session on a free port; no mocked HTTP."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

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
