"""``budapest56 play``: load the story, then hand it to the Textual app or to plain mode.

A broken story is refused here with its first problems and a pointer to ``budapest56 check``,
so a player never meets a traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.l10n import _, choose_language, set_language
from game.story import gcpause
from game.story.model import Story
from game.story.problems import StoryLoadError
from game.story.saves import SaveError, SaveStore, check_slot, saves_dir
from game.story.sentences import full_stop
from game.story.session import Session
from game.story.state import GameState

if TYPE_CHECKING:
    from game.tui.app import BudapestApp

SHOW_PROBLEMS = 10
CACHE_FOLDER = ".cache"  # inside the saves folder: the compiled story (and What if? answers)


def load_or_explain(root, lang: str | None = None, cache: Path | None = None, verbose: bool = False) -> Story | None:
    """Load the story (in ``lang``) or print why not (the first problems and where to look).

    With a ``cache`` folder, a compiled copy of the story kept there is used when it is exactly the
    story on disk (``game.story.storycache``); the YAML is read only when it is not.
    """
    try:
        if cache is not None:
            from game.story.storycache import load_story_cached

            return load_story_cached(root, lang, cache, verbose)
        from game.story.loader import load_story

        return load_story(root, lang)
    except StoryLoadError as exc:
        print(f"budapest56: the story in '{root}' has {len(exc.problems)} error(s):", file=sys.stderr)
        for problem in exc.problems[:SHOW_PROBLEMS]:
            print(f"  {problem}", file=sys.stderr)
        if len(exc.problems) > SHOW_PROBLEMS:
            print(f"  … and {len(exc.problems) - SHOW_PROBLEMS} more", file=sys.stderr)
        print(f"Run `budapest56 check {root}` for the full list.", file=sys.stderr)
        return None


def load_with_role(command: str, root, role: str | None) -> Story | int:
    """The story for a tool, or its exit code once it has said why not (1 broken story, 2 unknown role)."""
    story = load_or_explain(root)
    if story is None:
        return 1
    if role and role not in story.roles:
        print(f"budapest56 {command}: error: unknown role '{role}' (roles: {', '.join(story.roles)})", file=sys.stderr)
        return 2
    return story


def _clean_name(name: str) -> str:
    from game.story.roster import clean_name  # class sessions only: not on every start

    return clean_name(name)


def usage_error(message: str) -> int:
    print(
        f"usage: budapest56 play [DIR] [--plain] [--role ROLE] [--seed N] [--start SCENE] [--set NAME=VALUE] ...\n"
        f"budapest56 play: error: {message}",
        file=sys.stderr,
    )
    return 2


def run_play(args: argparse.Namespace) -> int:
    if args.width is not None and args.width != 0 and not 30 <= args.width <= 200:
        return usage_error("--width must be between 30 and 200 columns, or 0 for no wrapping")
    if args.load is not None:
        try:
            check_slot(args.load)
        except SaveError as exc:
            return usage_error(str(exc))
    if args.class_name is not None and not _clean_name(args.class_name):
        return usage_error("--class needs a name, e.g. --class 7b")
    if args.plain and args.group:
        return usage_error("--group is for the full-screen game on a projector; plain mode has no class vote")
    testing = args.start is not None or args.set_values or args.replay is not None
    if testing and (args.load or args.class_name or args.group):
        return usage_error("--start, --set and --replay are for testing a story: not with --load, --class or --group")
    if args.replay is not None and (args.start is not None or args.set_values):
        return usage_error("--replay has its own start: use --start and --set inside the replay file")
    try:
        lang = choose_language(args.lang, args.story)
    except ValueError as exc:
        return usage_error(f"--lang: {exc}")
    set_language(lang)
    saves = saves_dir(args.saves_dir)
    story = load_or_explain(args.story, lang, saves / CACHE_FOLDER, getattr(args, "verbose", False))
    if story is None:
        return 1
    if args.role is not None and args.role not in story.roles:
        return usage_error(f"unknown role '{args.role}' (choose from: {', '.join(story.roles)})")
    begin = None
    if testing:
        from game.story.replay import StartError, parse_set, read_replay, replay_state, start_state

        seed = args.seed if args.seed is not None else 0
        try:
            if args.replay is not None:
                begin = replay_state(story, read_replay(args.replay))
            else:
                begin = start_state(story, args.role, args.start, parse_set(args.set_values), seed)
        except StartError as exc:
            return usage_error(str(exc))
    args.lang = lang
    store = SaveStore(saves)
    if args.plain:
        return _play_plain(args, story, store, begin)
    app = tui_app(args, story, store, begin)
    app.run()
    if app.quit_hint:
        print(f"Your progress is saved; continue with:\n  {app.quit_hint}")
    return app.return_code or 0


def tui_app(args: argparse.Namespace, story: Story, store: SaveStore, begin: GameState | None = None) -> BudapestApp:
    """The full-screen app for ``play``'s options: in a terminal, and in each served browser tab."""
    from game.tui.app import BudapestApp

    return BudapestApp(
        story=story,
        store=store,
        role=args.role,
        seed=args.seed,
        load_slot=args.load,
        watch=args.watch,
        class_name=args.class_name or "",
        group=args.group,
        theme_name=args.theme or ("high-contrast" if os.environ.get("NO_COLOR") or args.group else None),
        text_width=args.width,
        rewind=args.rewind == "on",
        short=args.short,
        begin=begin,
    )


def _play_plain(args: argparse.Namespace, story: Story, store: SaveStore, begin: GameState | None = None) -> int:
    from game.plain import PlainGame

    if not gc.isenabled():  # paused by the command line while the game started (game.cli.main)
        gcpause.resume()

    session = Session(story, store, class_name=args.class_name or "", rewind=args.rewind == "on", short=args.short)
    game = PlainGame(session, width=78 if args.width is None else args.width)
    game.title()
    if begin is not None:
        from game.story.replay import begin_note

        session.begin_test(begin)
        game.say(f"({begin_note(begin)})")
        return game.play()
    if args.class_name and not _sign_in(game, session):
        return 1
    if args.load:
        try:
            loaded = (session.store or store).load(args.load, story)  # a student loads from their own folder
        except SaveError as exc:
            print(
                _("budapest56: cannot load '{slot}': {error}. The file was left as it is.").format(
                    slot=args.load, error=exc
                ),
                file=sys.stderr,
            )
            return 1
        if loaded.scene_missing:
            game.say(
                _("This save stopped at scene '{scene}', which the story no longer has.").format(
                    scene=loaded.state.scene
                )
            )
            session.restart(loaded, args.seed)
            if session.last_error:
                game.say(session.last_error)
            else:
                game.say(
                    _("Starting the role '{role}' again; the old save is kept, moved aside.").format(
                        role=loaded.state.role
                    )
                )
        else:
            session.resume(loaded)
            for note in loaded.notes:
                game.say(_("(The story was changed since this save: {note}.)").format(note=note))
    else:
        role = args.role or game.pick_role()
        if role is None:
            return 1
        session.start(role, args.seed)
        if session.last_error:
            game.say(
                _("Warning: {error} You can play on, but this game may not be kept.").format(
                    error=full_stop(session.last_error)
                )
            )
        game.say(_("(seed {seed}: play the same path again with --seed {seed})").format(seed=session.require().seed))
    return game.play()


def _sign_in(game, session: Session) -> bool:
    """A class session in plain mode: a name, and for a returning student their code."""
    from game.story.roster import Roster, RosterError, clean_name

    folder = session.class_folder()
    if folder is None:
        game.say(_("Saving is switched off, so this class session cannot keep your game."))
        return True
    roster = Roster(folder)
    answer = game.ask(_("Your name or a pseudonym> "))
    if answer is None:
        game.say(_("End of input before a name was given. Nothing was started."))
        return False
    name = clean_name(answer) or "anonymous"
    if roster.named(name):
        game.say(_("Welcome back, {name}. Type the code you were given when you first played,").format(name=name))
        game.say(_("or press Enter alone to start as a new player with the same name."))
        while True:
            code = game.ask(_("Your code> "))
            if code is None:
                game.say(_("End of input before a code was given. Nothing was started."))
                return False
            student = roster.find(name, code) if code.strip() else None
            if student is not None or not code.strip():
                break
            game.say(_("That code does not belong to this name. Try again, or press Enter alone to start new."))
        if student is not None:
            session.join(student)
            game.say(_("Welcome back, {name}: your own saved games are yours to continue.").format(name=student.name))
            return True
    try:
        student = roster.enrol(name)
    except RosterError as exc:
        game.say(_("Your game cannot be saved: {error}. Tell your teacher. You can still play.").format(error=exc))
        session.player = name
        session.autosave_enabled = False
        return True
    session.join(student)
    game.say(
        _("{name}, your code is {code}. Write it down: with your name it opens your own game").format(
            name=student.name, code=student.code
        )
    )
    game.say(_("next time. Nobody else's game can get mixed with yours."))
    return True
