"""`vocalis models pull`: download a model's files from the hub, verified and resumable.

Files land in ``settings.models_dir / spec.target_subdir``. Each one is written to ``NAME.part`` first
and only renamed into place once its size and sha256 match the catalog, so a file under its final
name is always complete. An interrupted download keeps its ``.part`` and the next pull continues it
with an HTTP Range request.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx

from vocalis.config import Settings
from vocalis.engines.catalog import HubFile, ModelSpec
from vocalis.errors import DownloadFailed, ModelUnavailable

CHUNK_BYTES = 1024 * 1024
PART_SUFFIX = ".part"
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


@dataclass(frozen=True)
class PullProgress:
    file: str  # path inside the hub repo
    done_bytes: int  # of this file, including bytes a resumed download already had
    total_bytes: int | None  # of this file, None when neither the catalog nor the server knows
    files_done: int
    files_total: int


@dataclass(frozen=True)
class PullResult:
    model: str
    directory: Path
    downloaded: tuple[str, ...]  # hub paths fetched (fully or by resuming) in this pull
    skipped: tuple[str, ...]  # hub paths already present and verified; no request was made


ProgressCallback = Callable[[PullProgress], None]


def pull(
    spec: ModelSpec,
    settings: Settings,
    *,
    progress: ProgressCallback | None = None,
    client: httpx.Client | None = None,
) -> PullResult:
    """Download every hub file of `spec` that is not already present and verified."""
    if spec.hub_repo is None or not spec.hub_files or spec.target_subdir is None:
        shipped = ", ".join(spec.packages) or "no package"
        raise ModelUnavailable(
            f"model {spec.name!r} ships in packages ({shipped}), nothing to pull",
            model=spec.name,
            packages=list(spec.packages),
        )
    directory = settings.models_dir / spec.target_subdir
    directory.mkdir(parents=True, exist_ok=True)
    owned = client is None
    http = (
        client if client is not None else httpx.Client(timeout=settings.hub.timeout_s, follow_redirects=True)
    )
    downloaded: list[str] = []
    skipped: list[str] = []
    total = len(spec.hub_files)
    try:
        for hub_file in spec.hub_files:
            if hub_file.filename in {"", ".", ".."}:  # a catalog entry must never escape its directory
                raise ValueError(f"hub file {hub_file.path!r} of {spec.name!r} has no usable file name")
            target = directory / hub_file.filename
            if target.is_file() and _mismatch(target, hub_file) is None:
                skipped.append(hub_file.path)
            else:
                url = hub_url(settings.hub.base_url, spec.hub_repo, hub_file.path)
                files_done = len(downloaded) + len(skipped)
                on_bytes = _reporter(progress, hub_file, files_done, total)
                _Download(http, url, hub_file, target, settings.hub.timeout_s).run(on_bytes)
                downloaded.append(hub_file.path)
            size = target.stat().st_size
            _reporter(progress, hub_file, len(downloaded) + len(skipped), total)(size, size)
    finally:
        if owned:
            http.close()
    return PullResult(spec.name, directory, tuple(downloaded), tuple(skipped))


def hub_url(base_url: str, repo: str, path: str) -> str:
    """The Hugging Face layout: ``{base}/{repo}/resolve/main/{path}``."""
    return f"{base_url.rstrip('/')}/{quote(repo)}/resolve/main/{quote(path)}"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _mismatch(path: Path, hub_file: HubFile) -> tuple[str, str] | None:
    """(expected, actual) for the first check `path` fails, or None when it matches the catalog."""
    size = path.stat().st_size
    if hub_file.size is not None and size != hub_file.size:
        return f"{hub_file.size} bytes", f"{size} bytes"
    if hub_file.sha256 is not None:
        actual = file_sha256(path)
        if actual != hub_file.sha256.lower():
            return f"sha256 {hub_file.sha256}", f"sha256 {actual}"
    return None


def _reporter(
    progress: ProgressCallback | None, hub_file: HubFile, files_done: int, files_total: int
) -> Callable[[int, int | None], None]:
    def report(done: int, size: int | None) -> None:
        if progress is not None:
            progress(PullProgress(hub_file.path, done, size, files_done, files_total))

    return report


class _Download:
    """One file: fetch into ``.part`` (resuming if one exists), verify, then rename into place."""

    def __init__(
        self, http: httpx.Client, url: str, hub_file: HubFile, target: Path, timeout_s: float
    ) -> None:
        self.http = http
        self.url = url
        self.hub_file = hub_file
        self.target = target
        self.part = target.with_name(target.name + PART_SUFFIX)
        self.timeout_s = timeout_s

    def run(self, on_bytes: Callable[[int, int | None], None]) -> None:
        # A second attempt only ever starts from zero, after the server showed the part was unusable.
        if not self._fetch(on_bytes):
            self.part.unlink(missing_ok=True)
            if not self._fetch(on_bytes):
                raise DownloadFailed(
                    f"hub {self.url} sent a partial response to a request for the whole file",
                    url=self.url,
                    file=self.hub_file.path,
                )
        mismatch = _mismatch(self.part, self.hub_file)
        if mismatch is not None:
            self.part.unlink(missing_ok=True)
            expected, actual = mismatch
            raise DownloadFailed(
                f"{self.hub_file.path} from {self.url} is corrupt: expected {expected}, got {actual}",
                url=self.url,
                file=self.hub_file.path,
                expected=expected,
                actual=actual,
            )
        os.replace(self.part, self.target)

    def _fetch(self, on_bytes: Callable[[int, int | None], None]) -> bool:
        """Fill the part file; False when it must be discarded and fetched again from zero."""
        offset = self.part.stat().st_size if self.part.is_file() else 0
        if self.hub_file.size is not None and offset > self.hub_file.size:
            self.part.unlink()
            offset = 0
        # identity encoding: with gzip the Range offsets would count compressed bytes, not the file's
        headers = {"Accept-Encoding": "identity"}
        if offset:
            headers["Range"] = f"bytes={offset}-"
        try:
            with self.http.stream(
                "GET", self.url, headers=headers, follow_redirects=True, timeout=self.timeout_s
            ) as response:
                if response.status_code == 416 and offset:
                    # the part may already be whole (we died before the rename); verification decides
                    return _mismatch(self.part, self.hub_file) is None
                response.raise_for_status()
                if response.status_code == 206:
                    if _range_start(response) != offset:
                        return False
                    mode, done = "ab", offset
                else:
                    mode, done = "wb", 0  # 200: the server ignored Range and sends the whole file
                size = self.hub_file.size or _total_size(response, done)
                on_bytes(done, size)
                # no chunk_size on iter_bytes: its buffer is lost when the connection drops, and with
                # it the bytes a resume would keep; the file's own 1 MiB buffer batches the writes
                with self.part.open(mode, buffering=CHUNK_BYTES) as out:
                    for chunk in response.iter_bytes():
                        out.write(chunk)
                        done += len(chunk)
                        on_bytes(done, size)
                    out.flush()
                    os.fsync(out.fileno())  # the rename must never publish bytes still in the page cache
        except httpx.HTTPStatusError as exc:
            status = exc.response.status_code
            raise DownloadFailed(
                f"hub {self.url} answered HTTP {status} {exc.response.reason_phrase}".rstrip(),
                url=self.url,
                status=status,
            ) from exc
        except httpx.TimeoutException as exc:
            raise DownloadFailed(
                f"hub {self.url} timed out after {self.timeout_s:g} s", url=self.url, cause="timeout"
            ) from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            cause = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise DownloadFailed(
                f"could not download {self.url}: {cause}", url=self.url, cause=type(exc).__name__
            ) from exc
        return True


def _range_start(response: httpx.Response) -> int | None:
    match = _CONTENT_RANGE.fullmatch(response.headers.get("Content-Range", "").strip())
    return int(match.group(1)) if match else None


def _total_size(response: httpx.Response, done: int) -> int | None:
    if response.status_code == 206:
        match = _CONTENT_RANGE.fullmatch(response.headers.get("Content-Range", "").strip())
        return int(match.group(3)) if match and match.group(3) != "*" else None
    length = response.headers.get("Content-Length")
    return done + int(length) if length and length.isdigit() else None
