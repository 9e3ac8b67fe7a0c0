"""An earlier commit checked out beside this one, for a benchmark that runs both in one run."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def worktree(ref: str, root: Path) -> Iterator[Path]:
    """``ref`` of the repository at ``root`` checked out in a temporary git worktree, removed
    (worktree and folder) on leaving."""
    with tempfile.TemporaryDirectory(prefix="rag-against-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), ref],
            cwd=root,
            check=True,
            capture_output=True,
        )
        try:
            yield tree
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(tree)],
                cwd=root,
                check=False,
                capture_output=True,
            )
