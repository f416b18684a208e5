"""The game from process start to its interactive title screen, as `budapest56 play` starts it, then exit.

Runs the real command (argument parsing, language, the story from its cache in the saves
folder given as the first argument, the Textual app) headless; the only change is that the app
exits as soon as its title screen is ready. Run it once first to fill the story cache, as every
start after the first finds it.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["TEXTUAL_DRIVER"] = "textual.drivers.headless_driver:HeadlessDriver"

import game.tui.app  # noqa: E402  (imported by `play` anyway; here first, to add the exit)
from game.cli import main  # noqa: E402

game.tui.app.BudapestApp.on_ready = lambda self: self.exit()

if __name__ == "__main__":
    sys.exit(main(["play", "--saves-dir", sys.argv[1]]))
