"""Reference for the start-up benchmark: a bare Textual app showing one line, exiting when ready."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Static("Budapest 1956")

    def on_ready(self) -> None:
        self.exit()


if __name__ == "__main__":
    Bare().run(headless=True)
