"""What every benchmark shares: its report built from the keys it declares, and a clear exit.

Each bench declares its top-level keys once (``REPORT_KEYS``) and builds its report through
``shaped``, so the declaration cannot drift from what a run prints; the smoke test imports the same
tuple. A smoke run (``--smoke``) keeps that shape with tiny inputs and says so in its summary line.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Mapping
from typing import Any

SMOKE_NOTE = " [smoke run: tiny inputs, not a measurement]"


class BenchFailed(Exception):
    """A benchmark could not run; the message says why and what to do."""


def shaped(keys: tuple[str, ...], values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` in the declared order; a key built but not declared, or declared but not built,
    is a bug in the bench (the smoke test would otherwise check a shape no run prints)."""
    missing = [k for k in keys if k not in values]
    extra = [k for k in values if k not in keys]
    if missing or extra:
        raise BenchFailed(
            f"the report does not match its declared keys: missing {missing}, undeclared {extra}"
        )
    return {k: values[k] for k in keys}


def run_main(name: str, main: Callable[[], None]) -> None:
    """Run ``main``; on failure print the traceback, then one line saying which bench failed and why,
    and exit 1 (argparse's own usage errors keep exit code 2)."""
    try:
        main()
    except BenchFailed as exc:
        print(f"{name} failed: {exc}", file=sys.stderr)
        sys.exit(1)
    except Exception as exc:  # any failure ends the run with one clear line
        traceback.print_exc()
        print(f"{name} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
