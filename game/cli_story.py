"""One way to name a story on the command line: ``budapest56 COMMAND DIR`` or ``--story DIR``.

Every command that reads a story takes the folder both ways, so an author never has to remember
which command wanted which. This module adds the two arguments, settles them into
``args.story`` after parsing (one clear usage error when they disagree or the folder is not
there), untangles ``playtest [MODE] [DIR]``, and writes the roles of the story that ``play``
will load into ``play --help``.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

from game.story.problems import closest

PLAYTEST_MODES = ("random", "exhaustive", "transcripts")


def add_story(p: argparse.ArgumentParser, positional: bool = True) -> None:
    """``[DIR]`` and ``--story DIR``, meaning the same thing."""
    if positional:
        p.add_argument(
            "story_pos", nargs="?", type=Path, default=None, metavar="DIR", help="story folder (same as --story DIR)"
        )
    p.add_argument(
        "--story", type=Path, default=None, metavar="DIR", help="story folder (default: the shipped scenes/)"
    )


def settle_story(
    parser: argparse.ArgumentParser, args: argparse.Namespace, default: Callable[[], Path], commands: tuple[str, ...]
) -> None:
    """Fold the positional DIR into ``args.story``; refuse two different folders or a missing one."""
    if args.command == "playtest":
        _untangle_playtest(parser, args)
    given = getattr(args, "story_pos", None)
    flag = getattr(args, "story", None)
    if given is not None and flag is not None and given != flag:
        parser.error(f"the story folder is given twice ('{given}' and --story '{flag}'): give it once")
    chosen = given or flag
    if not hasattr(args, "story"):
        return
    if chosen is not None and not chosen.is_dir() and not (args.command == "new" and args.what == "story"):
        hint = ""
        near = closest(str(chosen), commands) if given is not None else None
        if near is not None and args.command == "play":
            hint = f" — did you mean the command '{near}'?"
        parser.error(f"story folder '{chosen}' not found{hint}")
    args.story = chosen or default()


def _untangle_playtest(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """``playtest``, ``playtest DIR``, ``playtest exhaustive DIR`` and ``playtest DIR exhaustive`` all work."""
    words = [str(w) for w in (args.mode, args.story_pos) if w is not None]
    modes = [w for w in words if w in PLAYTEST_MODES]
    folders = [Path(w) for w in words if w not in PLAYTEST_MODES]
    for folder in folders:
        near = closest(str(folder), PLAYTEST_MODES)
        if near is not None and not folder.is_dir():
            parser.error(f"unknown mode '{folder}' — did you mean '{near}'?")
    if len(modes) > 1 or len(folders) > 1:
        parser.error("playtest takes one MODE (random or exhaustive) and one story folder DIR")
    args.mode = modes[0] if modes else "random"
    args.story_pos = folders[0] if folders else None


def story_in_argv(play: argparse.ArgumentParser, argv: list[str], default: Callable[[], Path]) -> Path:
    """The story a ``play`` command line names, read before parsing (for ``play --help``)."""
    takes_value = {s for a in play._actions if a.option_strings and a.nargs is None for s in a.option_strings}
    words = iter(argv)
    for word in words:
        if word.startswith("--story="):
            return Path(word.split("=", 1)[1])
        if word == "--story":
            return Path(next(words, "."))
        if word in takes_value:
            next(words, None)
        elif not word.startswith("-"):
            return Path(word)
    return default()


def describe_roles(play: argparse.ArgumentParser, root: Path) -> None:
    """Write the roles of the story ``play`` would load into its --role help."""
    from game.story.loader import load_story_with_problems

    if root.is_dir():
        story, _ = load_story_with_problems(root)
        if story is not None:
            roles = ", ".join(story.roles) or "none"
            text = f"start this role at once; the story in {_shown(root)} has: {roles}"
        else:
            text = f"start this role at once (the story in {_shown(root)} has errors: budapest56 check {_shown(root)})"
    else:
        text = f"start this role at once (no story folder at {_shown(root)})"
    for action in play._actions:
        if action.dest == "role":
            action.help = text


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path) if not path.is_absolute() or path.is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)
