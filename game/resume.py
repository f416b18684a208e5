"""The command that goes on with a game next time, with the same story and saves folder.

Printed when a player quits, so it must work when pasted: a game played with ``--story`` or
``--saves-dir`` cannot be continued without them. The shipped story and the default saves
folder are left out to keep the line short.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from game.locations import default_saves, shipped_story


def play_command(
    story_root: str | Path,
    saves_root: Path | None,
    *,
    plain: bool = False,
    slot: str = "",
    class_name: str = "",
) -> str:
    """``budapest56 play [--plain] [--story DIR] [--saves-dir DIR] [--class NAME] [--load SLOT]``, shell-quoted."""
    words = ["budapest56", "play"]
    if plain:
        words.append("--plain")
    if Path(story_root).resolve() != shipped_story().resolve():
        words += ["--story", str(story_root)]
    if saves_root is not None and saves_root.resolve() != default_saves().resolve():
        words += ["--saves-dir", str(saves_root)]
    if class_name:
        words += ["--class", class_name]
    if slot:
        words += ["--load", slot]
    return shlex.join(words)
