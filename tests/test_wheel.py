"""A normal install works: the sdist and the wheel carry the story, and the installed game plays.

Builds the sdist from a clean copy of the project, the wheel from that sdist (so both are
complete), installs the wheel into a fresh virtual environment and plays a role to an ending in
plain mode from an unrelated folder, as someone who ran ``pipx install .`` would. No network:
the build uses this environment's setuptools, and the new environment borrows this one's
dependencies through a ``.pth`` line instead of downloading them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from game.story import engine
from tests.conftest import ROOT

PROJECT = ["game", "scenes", "docs", "pyproject.toml", "README.md"]


def run(cmd: list, cwd: Path, **kw) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=300, **kw)
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result


def first_choices_to_an_ending(story, role: str, seed: int) -> list[int]:
    """The plain-mode numbers (disabled choices count) of the first open choice in every scene."""
    state, numbers = engine.new_game(story, role, seed), []
    while state.ending is None and len(numbers) < 200:
        views = engine.choices(story, state)
        n, view = next((n, v) for n, v in enumerate(views, 1) if v.enabled)
        numbers.append(n)
        state = engine.choose(story, state, view.index)
    assert state.ending is not None
    return numbers


def test_installed_wheel_finds_its_story_and_plays_to_an_ending(tmp_path, shipped):
    src, dist, venv, elsewhere = (tmp_path / d for d in ("src", "dist", "venv", "elsewhere"))
    for name in PROJECT:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(
            ROOT / name,
            src / name,
            **({"ignore": shutil.ignore_patterns("__pycache__")} if copy is shutil.copytree else {}),
        )
    hook = f"from setuptools import build_meta as b; b.build_sdist({str(dist)!r})"
    run([sys.executable, "-c", hook], cwd=src)
    (sdist,) = dist.glob("budapest56-*.tar.gz")
    run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", dist, sdist],
        cwd=tmp_path,
    )
    (wheel,) = dist.glob("budapest56-*.whl")

    names = set(zipfile.ZipFile(wheel).namelist())
    package = {p.relative_to(ROOT).as_posix() for p in (ROOT / "game").rglob("*") if p.is_file()}
    package = {p for p in package if "__pycache__" not in p}  # code, stylesheets, templates, catalogues
    assert package <= names, f"missing from the wheel (see pyproject's packages): {sorted(package - names)}"
    story = {"game/_scenes/" + p.relative_to(ROOT / "scenes").as_posix() for p in (ROOT / "scenes").rglob("*.yaml")}
    schemas = {f"game/_docs/{p.name}" for p in (ROOT / "docs").glob("*.schema.json")}
    assert story <= names and schemas <= names

    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel],
        cwd=tmp_path,
    )
    site = Path(
        run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path).stdout.strip()
    )
    ours = sysconfig.get_paths()
    (site / "borrowed-dependencies.pth").write_text("".join(f"{p}\n" for p in {ours["purelib"], ours["platlib"]}))

    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDAPEST56_")}
    env |= {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data"), "BUDAPEST56_SAVES": ""}
    game = venv / "bin" / "budapest56"
    where = run([game, "where"], cwd=elsewhere, env=env).stdout
    assert f"story: {site / 'game' / '_scenes'}" in where
    assert f"saves: {tmp_path / 'data' / 'budapest56' / 'saves'}" in where
    assert "budapest56 where" in run([game, "--help"], cwd=elsewhere, env=env).stdout
    assert " 0 error(s)" in run([game, "check"], cwd=elsewhere, env=env).stdout

    keys = "".join(f"{n}\n" for n in first_choices_to_an_ending(shipped, "radio", 3)) + "\n"
    played = run([game, "play", "--plain", "--role", "radio", "--seed", "3"], cwd=elsewhere, env=env, input=keys)
    assert "THE END" in played.stdout and "Your path, 1 of " in played.stdout
    assert list((tmp_path / "data" / "budapest56" / "saves").glob("autosave-radio*.json"))
    assert sorted(os.listdir(elsewhere)) == []  # nothing written into the working folder
