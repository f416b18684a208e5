"""axe-core for the accessibility tests: the pinned release from the npm registry, cached.

``python3 -m tests.axe`` (run by .ci/run) fetches it with ``npm pack`` into ``.cache/`` in the
project folder; the browser tests read it from there, fetching it themselves if they can. It
is injected into the page by the test only: the game never serves it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

AXE_VERSION = "4.14.1"
ROOT = Path(__file__).resolve().parent.parent
CACHED = ROOT / ".cache" / f"axe-core-{AXE_VERSION}" / "axe.min.js"
# WCAG 2.2 AA, as axe-core tags it
WCAG22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def fetch() -> Path:
    """Download the pinned axe-core with npm (which checks the package's integrity) into the cache."""
    if CACHED.is_file():
        return CACHED
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed, so axe-core cannot be fetched")
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [npm, "pack", f"axe-core@{AXE_VERSION}", "--pack-destination", tmp, "--silent"],
            capture_output=True,
            text=True,
            timeout=180,
            cwd=tmp,
        )
        if result.returncode != 0:
            raise RuntimeError(f"npm pack axe-core@{AXE_VERSION} failed: {result.stderr.strip()[:300]}")
        with tarfile.open(Path(tmp) / f"axe-core-{AXE_VERSION}.tgz") as tar:
            member = tar.extractfile("package/axe.min.js")
            if member is None:
                raise RuntimeError("the axe-core package has no axe.min.js")
            data = member.read()
    CACHED.parent.mkdir(parents=True, exist_ok=True)
    partial = CACHED.with_suffix(".part")
    partial.write_bytes(data)
    os.replace(partial, CACHED)
    return CACHED


def axe_source() -> str:
    """The axe-core script, or a skip (a failure under CI, where .ci/run should have fetched it)."""
    import pytest

    try:
        return fetch().read_text(encoding="utf-8")
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"axe-core is missing: {exc}")
        pytest.skip(f"axe-core is not available: {exc}")


if __name__ == "__main__":
    try:
        print(f"axe-core {AXE_VERSION}: {fetch()}")
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        print(f"could not fetch axe-core: {exc}", file=sys.stderr)
        sys.exit(1)
