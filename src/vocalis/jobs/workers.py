"""Who a worker is (host:pid:random) and when its claims count as abandoned."""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta
from uuid import uuid4

from vocalis.store.tables import utcnow


def new_worker_id() -> str:
    """host:pid:random: the host and pid let a restarted server see at once that a claim's holder died."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid4().hex[:8]}"


def holder_is_dead(worker: str | None) -> bool:
    """True only when the claim was made on this host by a process that no longer exists."""
    host, _, rest = (worker or "").partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, someone else's
        return False
    return False


def stale_cutoff(stale_after_s: float) -> datetime:
    return utcnow() - timedelta(seconds=stale_after_s)
