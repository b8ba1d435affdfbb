"""Type tests: mypy --strict accepts tests/typing/good_calls.py and rejects each marked line of
tests/typing/bad_calls.py (a wrong parameter name or type is a type error, not a runtime surprise)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "typing"
PACKAGE = HERE.parents[1]


def mypy(file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(file)],
        cwd=PACKAGE,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_good_calls_type_check() -> None:
    result = mypy(HERE / "good_calls.py")
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
def test_bad_calls_are_type_errors() -> None:
    source = (HERE / "bad_calls.py").read_text().splitlines()
    expected = {i + 1 for i, line in enumerate(source) if "# expect-error" in line}
    result = mypy(HERE / "bad_calls.py")
    found = {int(m) for m in re.findall(r"bad_calls\.py:(\d+): error", result.stdout)}
    assert expected, "no expectations"
    assert found == expected, result.stdout
