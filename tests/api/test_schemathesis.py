"""Schemathesis against a real server: every operation of the OpenAPI schema, valid and invalid inputs.

The server runs on PostgreSQL (stricter than SQLite: NUL bytes and 64-bit integers fail there) and every
call is signed in with a user's API key. Each operation gets a few deterministic examples of each
generation mode; a failing case is recorded, not shrunk, so the run stays inside its time budget and the
report lists every operation that failed at once.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import status_code_conformance

from tests.servers import serving
from vocalis.api.app import create_app
from vocalis.config import DatabaseSettings, Settings
from vocalis.graph import Vocalis

EXAMPLES_PER_MODE = 2
BUDGET_S = 90.0
CHECKS = [schemathesis.checks.not_a_server_error, status_code_conformance]


@dataclass
class Findings:
    cases: int = 0
    operations: int = 0
    by_check: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    seconds: Counter[str] = field(default_factory=Counter)

    def record(self, operation: str, exc: BaseException) -> None:
        failures = getattr(exc, "exceptions", [exc])
        for failure in failures:
            name = type(failure).__name__
            self.by_check[name] += 1
            self.examples.setdefault(f"{name} {operation}", str(failure)[:400])


@pytest.fixture
def fuzzed_server(
    settings: Settings, services: Vocalis, postgres_url: str, tmp_path: Any
) -> Iterator[tuple[str, str]]:
    """A server on PostgreSQL, not in local mode: (base URL, a user's API key)."""
    limits = settings.limits.model_copy(update={"requests_per_minute": 100_000})  # 429s are not the point
    server_settings = settings.model_copy(
        update={
            "data_dir": tmp_path / "fuzz-data",
            "database": DatabaseSettings(url=postgres_url),
            "limits": limits,
        }
    )
    app = create_app(server_settings, engines=services.engines)
    with serving(app) as base:
        accounts = app.state.vocalis.accounts
        user = accounts.directory.create("fuzz@example.org", "correct horse battery", actor_id=None)
        yield base, str(accounts.keys.create(user, "fuzz", None).key)


def _probe(
    operation: Any, mode: GenerationMode, findings: Findings, call: Callable[[schemathesis.Case], object]
) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_MODE,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def probe(case: schemathesis.Case) -> None:
        findings.cases += 1
        started = time.monotonic()
        try:
            call(case)
        except (Exception, FailureGroup) as exc:
            findings.record(operation.label, exc)
        findings.seconds[operation.label] += time.monotonic() - started

    with contextlib.suppress(Unsatisfiable):  # nothing to make invalid: an operation without inputs
        probe()


def test_no_operation_answers_a_server_error_or_an_undeclared_status(fuzzed_server: tuple[str, str]) -> None:
    base, key = fuzzed_server
    schema = schemathesis.openapi.from_dict(requests.get(f"{base}/openapi.json", timeout=30).json())
    headers = {"Authorization": f"Bearer {key}"}
    findings = Findings()
    started = time.monotonic()
    session = requests.Session()
    for result in schema.get_all_operations():
        operation = result.ok()
        findings.operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _probe(
                operation,
                mode,
                findings,
                lambda case: case.call_and_validate(
                    base_url=base, session=session, headers=headers, checks=CHECKS, timeout=60
                ),
            )
    elapsed = time.monotonic() - started
    summary = (
        f"{findings.operations} operations, {findings.cases} cases in {elapsed:.0f} s; "
        f"failures by check: {dict(findings.by_check)}"
    )
    waiting = sum(findings.seconds.values())
    print(
        summary,
        f"({waiting:.0f} s waiting for the server)",
        "slowest:",
        [(op, round(t, 1)) for op, t in findings.seconds.most_common(6)],
    )
    assert not findings.by_check, (
        summary + "\n" + "\n".join(f"{k}: {v}" for k, v in findings.examples.items())
    )
    assert elapsed < BUDGET_S, summary
