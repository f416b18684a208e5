"""Reference for the start-up benchmark: a bare Textual app showing one line.

Run with ``TEXTUAL_DRIVER=benchmarks.ready_driver:ReadyDriver`` (benchmarks/run.py does), which
reports when its screen is ready and ends it.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Static("Budapest 1956")


if __name__ == "__main__":
    Bare().run()
