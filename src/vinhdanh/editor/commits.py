"""Each save a commit of the site's repository: only the files saved, by the officer who saved them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

EDITOR_EMAIL = "bien-tap@localhost"
"""The address of commits where git has none configured."""


class Repository:
    """The site's git repository, on the branch checked out when the editor started."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def of(cls, root: Path) -> Repository | None:
        """Return the repository whose work tree is root, or None where root is not one."""
        found = _git(root, "rev-parse", "--show-toplevel")
        if found.returncode != 0 or Path(found.stdout.strip()).resolve() != root.resolve():
            return None
        return cls(root)

    def branch(self) -> str:
        """Return the checked-out branch ("main" on a detached head)."""
        return _git(self.root, "symbolic-ref", "--short", "-q", "HEAD").stdout.strip() or "main"

    def commit(self, paths: list[str], message: str, officer: str) -> str | None:
        """Commit the given files (written or deleted) and nothing else; return why it failed, or None."""
        paths = [p for p in paths if (self.root / p).exists() or self._tracked(p)]
        paths = [p for p in paths if _git(self.root, "check-ignore", "-q", "--", p).returncode != 0]
        if not paths:
            return None
        email = _git(self.root, "config", "user.email").stdout.strip() or EDITOR_EMAIL
        env = {**os.environ}
        if not _git(self.root, "config", "user.name").stdout.strip():
            env |= {"GIT_COMMITTER_NAME": "Trình biên tập", "GIT_COMMITTER_EMAIL": email}
        added = _git(self.root, "add", "--all", "--", *paths, env=env)
        if added.returncode != 0:
            return added.stderr.strip()
        if _git(self.root, "diff", "--cached", "--quiet", "--", *paths).returncode == 0:
            return None  # saved as it was: nothing to commit
        done = _git(self.root, "commit", "--quiet", "--only", "-m", message, f"--author={officer} <{email}>",
                    "--", *paths, env=env)
        if done.returncode != 0:
            return done.stderr.strip() or done.stdout.strip() or f"git commit: exit status {done.returncode}"
        return None

    def _tracked(self, path: str) -> bool:
        return bool(_git(self.root, "ls-files", "--", path).stdout.strip())


def _git(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False, env=env)
