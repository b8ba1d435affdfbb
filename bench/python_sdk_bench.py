"""Measures the Python SDK beside its alternatives in one process and one run (not a test; driven
by bench/python-sdk-bench.mjs, which starts the stub and generates the third-party client).

Per-call time of one list page (`GET /api/v1/orders?limit=N`, the same key and page for each):
`regen` (`client.orders.list(limit=N)`, a parsed `SyncPage[Order]`), bare `httpx` (`Client.get`
+ `.json()`), and the client openapi-python-client generated from the same contract
(`list_orders.sync`, parsed attrs models). Rounds are interleaved; each figure is the median over
rounds of the mean per call. Import time of `import regen`: the median wall time of fresh
interpreters running `import regen`, less the median of ones running nothing, and the cumulative
time `python -X importtime` reports for `regen` itself; beside it, `import regen, regen.types`:
the response models, which the import leaves to the first namespace used (`client.orders`).

Usage: python bench/python_sdk_bench.py BASE_URL API_KEY GENERATED_PACKAGE [limit] [calls] [rounds] [import_runs]
"""

from __future__ import annotations

import importlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable


def per_call(fn: Callable[[], object], calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - started) / calls


def interpreter_ms(code: str, runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def importtime_ms(module: str, runs: int, env: dict[str, str]) -> float:
    """Cumulative microseconds `-X importtime` gives the top-level `module` line, as a median in ms."""
    figures = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        ).stderr
        line = next(x for x in out.splitlines() if x.rstrip().endswith(f"| {module}"))
        figures.append(int(line.split("|")[1]) / 1000)
    return statistics.median(figures)


def main() -> None:
    base_url, key, generated = sys.argv[1], sys.argv[2], sys.argv[3]
    given = [int(a) for a in sys.argv[4:]]
    limit, calls, rounds, import_runs = given + [20, 300, 7, 15][len(given) :]

    import httpx
    import regen

    gen = importlib.import_module(generated)
    list_orders = importlib.import_module(f"{generated}.api.orders.list_orders")

    client = regen.RegenClient(api_key=key, base_url=base_url, max_retries=0)
    http = httpx.Client(base_url=base_url, headers={"x-api-key": key, "accept": "application/json"})
    other = gen.AuthenticatedClient(base_url=base_url, token=key, prefix="", auth_header_name="X-API-Key")

    def bare() -> object:
        r = http.get("/api/v1/orders", params={"limit": limit})
        r.raise_for_status()
        return r.json()

    contenders: dict[str, Callable[[], object]] = {
        "httpx (get + json)": bare,
        "regen client.orders.list": lambda: client.orders.list(limit=limit),
        "openapi-python-client list_orders.sync": lambda: list_orders.sync(client=other, limit=limit),
    }
    # The same page for each, and each really parsed it.
    ids = [o["id"] for o in bare()["data"]]  # type: ignore[index]
    assert [o.id for o in client.orders.list(limit=limit).data] == ids
    assert [o.id for o in list_orders.sync(client=other, limit=limit).data] == ids  # type: ignore[union-attr]
    assert len(ids) == limit, f"the page has {len(ids)} orders, not {limit}"

    for fn in contenders.values():  # warm-up: connections open, caches full
        per_call(fn, max(20, calls // 10))
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, fn in contenders.items():
            samples[name].append(per_call(fn, calls))
    medians = {name: statistics.median(s) * 1e6 for name, s in samples.items()}
    base = medians["httpx (get + json)"]

    env = {**os.environ}
    nothing = interpreter_ms("pass", import_runs, env)
    imports = {
        "import regen": interpreter_ms("import regen", import_runs, env) - nothing,
        # The response models load with the first namespace used (or `regen.types`): what that adds.
        "import regen, regen.types (the models)": interpreter_ms(
            "import regen, regen.types", import_runs, env
        )
        - nothing,
        "import httpx, pydantic": interpreter_ms("import httpx, pydantic", import_runs, env) - nothing,
        f"import {generated} (openapi-python-client)": interpreter_ms(
            f"import {generated}, {generated}.api.orders.list_orders", import_runs, env
        )
        - nothing,
    }
    regen_self = importtime_ms("regen", import_runs, env)

    print(f"\nPer call, one page of {limit} orders (median of {rounds} rounds × {calls} calls):")
    for name, us in medians.items():
        print(f"  {name:42} {us:8.0f} µs   {us / base:5.2f}× httpx")
    print(f"\nImport (median of {import_runs} fresh interpreters, less an empty one: {nothing:.0f} ms):")
    for name, ms in imports.items():
        print(f"  {name:42} {ms:8.1f} ms")
    print(f"  {'regen, cumulative in -X importtime':42} {regen_self:8.1f} ms")
    report = {
        "limit": limit,
        "calls": calls,
        "rounds": rounds,
        "per_call_us": medians,
        "ratio_to_httpx": {n: us / base for n, us in medians.items()},
        "import_ms": imports,
        "regen_importtime_ms": regen_self,
        "python": sys.version.split()[0],
    }
    print("\n" + json.dumps(report))


if __name__ == "__main__":
    main()
