"""`import regen` stays cheap: the contract's response models (pydantic classes) load with the
first namespace used, not with the package (the benchmark measures the time; this proves the
mechanism, without timing anything)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")


def loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], env={"PYTHONPATH": SRC}, capture_output=True, text=True, check=True
    )
    return set(out.stdout.split())


def test_import_regen_loads_no_model() -> None:
    modules = loaded_after("import regen")
    assert "regen._generated.models" not in modules
    assert not {m for m in modules if m.startswith("regen._generated.resources.")}
    assert "pydantic.main" not in modules


def test_the_first_namespace_loads_the_models() -> None:
    code = "import regen\nc = regen.RegenClient(api_key='rg_test_' + 'a' * 32, base_url='http://127.0.0.1:9')\nc.orders"
    modules = loaded_after(code)
    assert {"regen._generated.models", "regen._generated.resources.orders"} <= modules
    assert "regen._generated.resources.webhooks" not in modules
