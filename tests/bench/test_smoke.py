"""Every benchmark still runs against the current code: `python -m bench.NAME --smoke` exits 0 and
prints one JSON document with the top-level keys of a full run, then its one-line summary.

Each bench declares those keys once (``REPORT_KEYS``, which it builds its report through), and the
two benches with a committed full-run result are checked against it, so the declaration is what a
full run really prints.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bench.report import SMOKE_NOTE

REPO = Path(__file__).resolve().parents[2]
# Longest first (seconds on 2 cores: 65, 63, 58, 26, 14, 11, 8, 8): the workers take them in this order.
BENCHES = ("interview", "cloning", "languages", "coaching", "tts", "analysis", "api", "jobs")
COMMITTED_FULL_RUNS = {
    "jobs": "jobs-2026-11-28-heart.json",
    "cloning": "cloning-2026-11-28.json",
    "languages": "languages-2026-12-06.json",
}


def declared_keys(name: str) -> tuple[str, ...]:
    keys: tuple[str, ...] = importlib.import_module(f"bench.{name}").REPORT_KEYS
    return keys


@pytest.mark.parametrize("name", BENCHES)
def test_smoke_run_prints_the_report_of_a_full_run(name: str, tmp_path: Path) -> None:
    # The environment passes through (voice packs, the session's stock-profile cache, PYTHONPATH);
    # the data directory is this test's own.
    env = {**os.environ, "VOCALIS_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-m", f"bench.{name}", "--smoke"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"bench.{name} --smoke failed:\n{result.stderr[-4000:]}"
    *document, summary = result.stdout.strip().splitlines()
    report = json.loads("\n".join(document))  # nothing else on stdout: a user can pipe it into jq
    assert tuple(report) == declared_keys(name)
    assert summary.endswith(SMOKE_NOTE), summary


@pytest.mark.parametrize("name", sorted(COMMITTED_FULL_RUNS))
def test_declared_keys_are_those_of_the_committed_full_run(name: str) -> None:
    committed = json.loads((REPO / "bench" / "results" / COMMITTED_FULL_RUNS[name]).read_text())
    assert sorted(committed) == sorted(declared_keys(name))


class _Refusing(BaseHTTPRequestHandler):
    """A server that wants credentials, as `vocalis serve` without local mode does."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"error": {"code": "unauthorized", "message": "sign in or send an API key"}}'
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_refused_bench_exits_non_zero_saying_what_to_pass(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {**os.environ, "VOCALIS_DATA_DIR": str(tmp_path / "data")}
    env.pop("VOCALIS_API_KEY", None)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bench.api", "--smoke", "--url", url],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("bench.api failed: ") and "401" in last and "--api-key" in last, last
    assert result.stdout == ""
