"""Where the benches find the machine's shared models and audio (never fetched at run time)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """The nearest ``shared`` directory beside the checkout or an ancestor of it: ../shared for a
    clone, ../../shared for a git worktree kept one level deeper (e.g. wt/NAME)."""
    for parent in REPO.parents:
        if (parent / "shared").is_dir():
            return parent / "shared"
    return REPO.parent / "shared"


def shared_voices() -> Path:
    return shared_dir() / "models" / "kokoro-voices"
