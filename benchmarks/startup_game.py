"""The game from process start to its interactive title screen, as `budapest56 play` starts it, then exit.

Runs the real command (argument parsing, language, the story from its cache in the saves
folder given as the first argument, the Textual app) with ``TEXTUAL_DRIVER`` set to
``benchmarks.ready_driver:ReadyDriver`` (benchmarks/run.py sets it), which reports when the
title screen is ready and ends the app: nothing is imported or changed before ``main`` runs.
Run it once first to fill the story cache, as every start after the first finds it.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.argv = ["budapest56", "play", "--saves-dir", sys.argv[1]]  # as the command line passes them
    sys.exit(main())
