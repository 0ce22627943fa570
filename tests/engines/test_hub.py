"""`vocalis models pull` against a real HTTP server on 127.0.0.1 that speaks Range requests."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx
import pytest

from vocalis.config import HubSettings, Settings
from vocalis.engines.catalog import HubFile, ModelSpec, find_model, model_status
from vocalis.engines.hub import PullProgress, pull
from vocalis.errors import DownloadFailed, ModelUnavailable

REPO = "acme/tiny-model"
SHARED_VOICES = Path("/work/shared/models/kokoro-voices")


@dataclass
class FakeHub:
    """What the test server serves and how it misbehaves; every GET is logged as (path, Range header)."""

    root: Path
    base_url: str = ""
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    drop_first: set[str] = field(default_factory=set)  # first GET sends half the body, then hangs up
    corrupt: set[str] = field(default_factory=set)  # same size, wrong bytes
    status: dict[str, int] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    ignore_range: bool = False
    stall_s: float = 0.0  # wait before answering, to trip the client's timeout
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url_path(self, repo: str, path: str) -> str:
        return f"/{repo}/resolve/main/{path}"

    def publish(self, path: str, data: bytes, repo: str = REPO) -> HubFile:
        file = self.root / self.url_path(repo, path).lstrip("/")
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
        return HubFile(path, hashlib.sha256(data).hexdigest(), len(data))


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        hub = self.server.hub
        path = unquote(urlsplit(self.path).path)
        range_header = self.headers.get("Range")
        with hub.lock:
            hub.requests.append((path, range_header))
            first = sum(1 for p, _ in hub.requests if p == path) == 1
        time.sleep(hub.stall_s)
        if path in hub.status:
            self.send_error(hub.status[path])
            return
        if path in hub.redirects:
            self.send_response(302)
            self.send_header("Location", hub.redirects[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        file = hub.root / path.lstrip("/")
        if not file.is_file():
            self.send_error(404)
            return
        data = file.read_bytes()
        if path in hub.corrupt:
            data = bytes(b ^ 0xFF for b in data[:16]) + data[16:]
        start = 0
        match = re.fullmatch(r"bytes=(\d+)-", range_header or "")
        if match and not hub.ignore_range:
            start = int(match.group(1))
            if start >= len(data):
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(data)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        body = data[start:]
        self.send_response(206 if match and not hub.ignore_range else 200)
        self.send_header("Content-Length", str(len(body)))
        if match and not hub.ignore_range:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.end_headers()
        if path in hub.drop_first and first:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep pytest output clean


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, hub: FakeHub) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hub = hub

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a stalled handler writing to a client that gave up is expected, not a failure


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[FakeHub]:
    state = FakeHub(root=tmp_path / "hub")
    state.root.mkdir()
    server = _Server(state)
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def settings_for(tmp_path: Path, base_url: str, timeout_s: float = 5.0) -> Settings:
    return Settings(
        data_dir=tmp_path / "data", voices_dir=None, hub=HubSettings(base_url=base_url, timeout_s=timeout_s)
    )


def tiny_spec(*files: HubFile, repo: str = REPO) -> ModelSpec:
    return ModelSpec(
        name="tiny",
        capability="tts",
        description="test model",
        license="MIT",
        packages=(),
        hub_repo=repo,
        hub_files=files,
        target_subdir="tiny",
    )


def payload(size: int, seed: int = 0) -> bytes:
    return bytes((i * 31 + seed) % 251 for i in range(size))


def test_pull_downloads_and_verifies_every_file(hub: FakeHub, tmp_path: Path) -> None:
    a = hub.publish("weights/a.bin", payload(4000, 1))
    b = hub.publish("b.json", b'{"ok": true}')
    result = pull(tiny_spec(a, b), settings_for(tmp_path, hub.base_url))
    assert result.model == "tiny"
    assert result.directory == tmp_path / "data" / "models" / "tiny"
    assert result.downloaded == ("weights/a.bin", "b.json")
    assert result.skipped == ()
    assert (result.directory / "a.bin").read_bytes() == payload(4000, 1)
    assert (result.directory / "b.json").read_bytes() == b'{"ok": true}'
    assert sorted(p.name for p in result.directory.iterdir()) == ["a.bin", "b.json"]
    assert all(rng is None for _, rng in hub.requests)


def test_present_verified_files_are_skipped_without_any_request(hub: FakeHub, tmp_path: Path) -> None:
    a = hub.publish("a.bin", payload(3000))
    settings = settings_for(tmp_path, hub.base_url)
    pull(tiny_spec(a), settings)
    hub.requests.clear()
    result = pull(tiny_spec(a), settings)
    assert result.skipped == ("a.bin",)
    assert result.downloaded == ()
    assert hub.requests == []


def test_a_present_file_with_the_wrong_content_is_downloaded_again(hub: FakeHub, tmp_path: Path) -> None:
    a = hub.publish("a.bin", payload(3000))
    settings = settings_for(tmp_path, hub.base_url)
    target = settings.models_dir / "tiny" / "a.bin"
    target.parent.mkdir(parents=True)
    target.write_bytes(payload(3000, 7))
    result = pull(tiny_spec(a), settings)
    assert result.downloaded == ("a.bin",)
    assert target.read_bytes() == payload(3000)


def test_dropped_connection_leaves_a_part_that_the_next_pull_resumes(hub: FakeHub, tmp_path: Path) -> None:
    data = payload(200_000, 3)
    a = hub.publish("big.bin", data)
    hub.drop_first.add(hub.url_path(REPO, "big.bin"))
    settings = settings_for(tmp_path, hub.base_url)
    directory = settings.models_dir / "tiny"

    with pytest.raises(DownloadFailed) as failed:
        pull(tiny_spec(a), settings)
    assert failed.value.retryable
    assert hub.url_path(REPO, "big.bin") in failed.value.message
    assert not (directory / "big.bin").exists()
    part = directory / "big.bin.part"
    kept = part.stat().st_size
    assert 0 < kept < len(data)
    assert part.read_bytes() == data[:kept]

    result = pull(tiny_spec(a), settings)
    assert result.downloaded == ("big.bin",)
    assert hub.requests[-1] == (hub.url_path(REPO, "big.bin"), f"bytes={kept}-")
    assert (directory / "big.bin").read_bytes() == data
    assert not part.exists()


def test_server_ignoring_range_restarts_from_zero(hub: FakeHub, tmp_path: Path) -> None:
    data = payload(50_000, 5)
    a = hub.publish("a.bin", data)
    hub.ignore_range = True
    settings = settings_for(tmp_path, hub.base_url)
    directory = settings.models_dir / "tiny"
    directory.mkdir(parents=True)
    (directory / "a.bin.part").write_bytes(data[:20_000])
    pull(tiny_spec(a), settings)
    assert hub.requests == [(hub.url_path(REPO, "a.bin"), "bytes=20000-")]
    assert (directory / "a.bin").read_bytes() == data


def test_complete_part_answered_with_416_is_verified_and_kept(hub: FakeHub, tmp_path: Path) -> None:
    data = payload(10_000, 2)
    a = hub.publish("a.bin", data)
    settings = settings_for(tmp_path, hub.base_url)
    directory = settings.models_dir / "tiny"
    directory.mkdir(parents=True)
    (directory / "a.bin.part").write_bytes(data)
    result = pull(tiny_spec(a), settings)
    assert result.downloaded == ("a.bin",)
    assert hub.requests == [(hub.url_path(REPO, "a.bin"), "bytes=10000-")]
    assert (directory / "a.bin").read_bytes() == data


def test_bad_part_answered_with_416_is_fetched_again_from_zero(hub: FakeHub, tmp_path: Path) -> None:
    data = payload(10_000, 2)
    a = hub.publish("a.bin", data)
    settings = settings_for(tmp_path, hub.base_url)
    directory = settings.models_dir / "tiny"
    directory.mkdir(parents=True)
    (directory / "a.bin.part").write_bytes(payload(10_000, 9))
    pull(tiny_spec(a), settings)
    assert [rng for _, rng in hub.requests] == ["bytes=10000-", None]
    assert (directory / "a.bin").read_bytes() == data


def test_corrupt_download_fails_and_leaves_nothing_behind(hub: FakeHub, tmp_path: Path) -> None:
    a = hub.publish("a.bin", payload(5000))
    hub.corrupt.add(hub.url_path(REPO, "a.bin"))
    settings = settings_for(tmp_path, hub.base_url)
    with pytest.raises(DownloadFailed) as failed:
        pull(tiny_spec(a), settings)
    served = hub.root / hub.url_path(REPO, "a.bin").lstrip("/")
    corrupt = bytes(b ^ 0xFF for b in served.read_bytes()[:16]) + served.read_bytes()[16:]
    message = failed.value.message
    assert "a.bin" in message
    assert a.sha256 is not None and a.sha256 in message
    assert hashlib.sha256(corrupt).hexdigest() in message
    assert failed.value.details["file"] == "a.bin"
    assert list((settings.models_dir / "tiny").iterdir()) == []


def test_size_is_checked_when_no_digest_is_known(hub: FakeHub, tmp_path: Path) -> None:
    hub.publish("a.bin", payload(5000))
    expected = HubFile("a.bin", None, 6000)
    settings = settings_for(tmp_path, hub.base_url)
    with pytest.raises(DownloadFailed, match="expected 6000 bytes, got 5000 bytes"):
        pull(tiny_spec(expected), settings)
    assert list((settings.models_dir / "tiny").iterdir()) == []


@pytest.mark.parametrize("status", [404, 500])
def test_http_errors_are_download_failed(hub: FakeHub, tmp_path: Path, status: int) -> None:
    a = hub.publish("a.bin", payload(100))
    hub.status[hub.url_path(REPO, "a.bin")] = status
    settings = settings_for(tmp_path, hub.base_url)
    with pytest.raises(DownloadFailed) as failed:
        pull(tiny_spec(a), settings)
    assert f"HTTP {status}" in failed.value.message
    assert f"{hub.base_url}{hub.url_path(REPO, 'a.bin')}" in failed.value.message
    assert "\n" not in failed.value.message
    assert failed.value.details["status"] == status
    assert failed.value.retryable
    assert list((settings.models_dir / "tiny").iterdir()) == []


def test_redirects_are_followed(hub: FakeHub, tmp_path: Path) -> None:
    data = payload(8000, 4)
    hub.publish("blobs/abc", data, repo="cdn")
    a = HubFile("a.bin", hashlib.sha256(data).hexdigest(), len(data))
    hub.redirects[hub.url_path(REPO, "a.bin")] = f"{hub.base_url}{hub.url_path('cdn', 'blobs/abc')}"
    result = pull(tiny_spec(a), settings_for(tmp_path, hub.base_url))
    assert (result.directory / "a.bin").read_bytes() == data


def test_connection_refused_fails_fast(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    a = HubFile("a.bin", None, 10)
    started = time.monotonic()
    with pytest.raises(DownloadFailed) as failed:
        pull(tiny_spec(a), settings_for(tmp_path, f"http://127.0.0.1:{port}"))
    assert time.monotonic() - started < 3
    assert f"http://127.0.0.1:{port}/{REPO}/resolve/main/a.bin" in failed.value.message
    assert "\n" not in failed.value.message
    assert isinstance(failed.value.__cause__, Exception)


def test_timeout_comes_from_settings(hub: FakeHub, tmp_path: Path) -> None:
    a = hub.publish("a.bin", payload(100))
    hub.stall_s = 0.6
    started = time.monotonic()
    with pytest.raises(DownloadFailed, match=r"timed out after 0\.2 s"):
        pull(tiny_spec(a), settings_for(tmp_path, hub.base_url, timeout_s=0.2))
    assert time.monotonic() - started < 0.55


def test_progress_reports_increasing_bytes(hub: FakeHub, tmp_path: Path) -> None:
    data = payload(600_000, 6)
    a = hub.publish("a.bin", data)
    b = hub.publish("b.bin", payload(1000))
    events: list[PullProgress] = []
    pull(tiny_spec(a, b), settings_for(tmp_path, hub.base_url), progress=events.append)
    of_a = [e for e in events if e.file == "a.bin"]
    done = [e.done_bytes for e in of_a]
    assert done == sorted(done)
    assert len(set(done)) > 2
    assert done[-1] == len(data)
    assert all(e.total_bytes == len(data) and e.files_total == 2 for e in of_a)
    assert events[-1] == PullProgress("b.bin", 1000, 1000, 2, 2)


def test_hubless_model_has_nothing_to_pull(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="ships in packages"):
        pull(find_model("kokoro-82m"), settings_for(tmp_path, "http://127.0.0.1:9"))


def test_pulls_real_kokoro_voice_packs_verified_by_the_catalog(hub: FakeHub, tmp_path: Path) -> None:
    names = ("af_bella.pt", "bf_emma.pt", "ff_siwis.pt")
    real = find_model("kokoro-voices")
    assert real.hub_repo is not None
    for name in names:
        served = hub.root / hub.url_path(real.hub_repo, f"voices/{name}").lstrip("/")
        served.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SHARED_VOICES / name, served)
    spec = dataclasses.replace(real, hub_files=tuple(f for f in real.hub_files if f.filename in names))
    settings = settings_for(tmp_path, hub.base_url)

    result = pull(spec, settings)

    assert result.directory == settings.models_dir / "kokoro-voices"
    assert sorted(result.downloaded) == [f"voices/{name}" for name in names]
    for name in names:
        assert (result.directory / name).read_bytes() == (SHARED_VOICES / name).read_bytes()
    status = model_status(spec, settings)
    assert status.ready and status.detail == "3 of 3 voice packs present"
    assert "3 of 55" in model_status(real, settings).detail


def test_a_caller_supplied_client_is_used_and_left_open(hub: FakeHub, tmp_path: Path) -> None:
    a = hub.publish("a.bin", payload(2000))
    with httpx.Client() as client:
        result = pull(tiny_spec(a), settings_for(tmp_path, hub.base_url), client=client)
        assert not client.is_closed
    assert result.downloaded == ("a.bin",)
