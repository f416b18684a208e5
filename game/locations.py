"""Where the game finds its story and keeps its files, from a checkout or from an installed package.

From a checkout (the project folder, with its ``pyproject.toml``), the story is ``scenes/`` and
saves go to ``saves/``, so authors and developers see their files beside the code. Installed
from a wheel (``pipx install``, ``uv tool install``, ``pip install``), the story is the copy
shipped inside the package and saves, class folders and anything else the game writes go to the
user's data folder (platformdirs: ``~/.local/share/budapest56`` on Linux, ``%LOCALAPPDATA%`` on
Windows, ``~/Library/Application Support`` on macOS). ``$BUDAPEST56_STORY`` and
``$BUDAPEST56_SAVES`` override both; an empty variable counts as not set.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "budapest56"
STORY_ENV = "BUDAPEST56_STORY"
SAVES_ENV = "BUDAPEST56_SAVES"

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent
SHIPPED_STORY = PACKAGE / "_scenes"  # scenes/ as the wheel installs it (see pyproject's package-dir)
SHIPPED_DOCS = PACKAGE / "_docs"  # the JSON Schemas of docs/, likewise


def in_checkout() -> bool:
    """Whether the game runs from the project folder (a clone, or an editable install of one)."""
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "scenes").is_dir()


def env_path(name: str) -> Path | None:
    value = os.environ.get(name, "")
    return Path(value) if value else None


def shipped_story() -> Path:
    """The story that comes with the game."""
    return CHECKOUT / "scenes" if in_checkout() else SHIPPED_STORY


def default_story() -> Path:
    """The story folder: $BUDAPEST56_STORY, else the shipped story."""
    return env_path(STORY_ENV) or shipped_story()


def data_dir() -> Path:
    """The folder the game writes to: the project folder in a checkout, else the user's data folder."""
    if in_checkout():
        return CHECKOUT
    from platformdirs import user_data_path  # only installed copies need it; keeps start-up lean

    return user_data_path(APP_NAME, appauthor=False)


def default_saves() -> Path:
    """Saves and class folders: $BUDAPEST56_SAVES, else ``saves/`` in the data folder."""
    return env_path(SAVES_ENV) or data_dir() / "saves"


def schema_file(name: str = "story.schema.json") -> Path:
    """A JSON Schema from docs/ for editors (``budapest56 new`` and ``translate`` copy it into a story)."""
    return CHECKOUT / "docs" / name if in_checkout() else SHIPPED_DOCS / name


def where() -> list[tuple[str, Path, str]]:
    """What ``budapest56 where`` prints: each folder in use and why it is that one."""
    checkout = in_checkout()
    shipped = "the story shipped with the game" + (", in this checkout" if checkout else ", in the installed package")
    return [
        ("story", default_story(), f"${STORY_ENV}" if env_path(STORY_ENV) else shipped),
        ("saves", default_saves(), f"${SAVES_ENV}" if env_path(SAVES_ENV) else "saves/ in the data folder"),
        ("data", data_dir(), "the project folder of this checkout" if checkout else "the user's data folder"),
    ]
