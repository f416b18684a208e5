"""The game from process start to its interactive title screen (story loaded), then exit."""

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.story.loader import load_story  # noqa: E402
from game.story.saves import SaveStore  # noqa: E402
from game.tui.app import BudapestApp  # noqa: E402


class Timed(BudapestApp):
    # Textual resolves a relative CSS_PATH beside the file that defines the class: point it back
    CSS_PATH = str(Path(__file__).resolve().parent.parent / "game" / "tui" / "app.tcss")

    def on_ready(self) -> None:
        self.exit()


if __name__ == "__main__":
    story = load_story(Path(__file__).resolve().parent.parent / "scenes")
    with tempfile.TemporaryDirectory() as tmp:
        Timed(story=story, store=SaveStore(Path(tmp))).run(headless=True)
