"""The teacher console: ``budapest56 serve`` in the teacher's terminal, while the lesson runs.

The address students type, large and as a QR code; a live table of the class (name, role,
in-game date and scene, decisions, minutes played, finished or idle) read from the progress
files the games write; keys to send every tab a message, build the class report and stop the
session. The web server runs in this app's event loop, so one process serves and shows.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Digits, Footer, Input, RichLog, Static

from game.classroom import broadcast
from game.classroom.progress import IDLE_MINUTES, now, read_progress
from game.classroom.qr import qr_text

COLUMNS = ("Name", "Role", "In the story", "Scene", "Decisions", "Minutes", "Status")
DEFAULT_MESSAGE = "5 minutes left: finish your scene."
REFRESH_SECONDS = 2.0
LOG = logging.getLogger("budapest56.serve")


class AskScreen(ModalScreen[str | None]):
    """A question: with ``value``, one line of text to edit; without, Enter to confirm. Esc: None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("enter", "confirm", "Confirm", show=False)]

    def __init__(self, question: str, value: str | None = None) -> None:
        super().__init__()
        self.question, self.value = question, value

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Static(self.question)
            if self.value is not None:
                yield Input(value=self.value, max_length=broadcast.MAX_TEXT, id="ask-input")
                yield Static("Enter sends · Esc cancels", classes="hint")
            else:
                yield Static("Enter: yes · Esc: no", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_confirm(self) -> None:
        self.dismiss("")

    def action_cancel(self) -> None:
        self.dismiss(None)


class TeacherConsole(App[None]):
    TITLE = "Budapest 1956 — teacher console"
    CSS = """
    #top { height: auto; padding: 0 1; }
    #address { width: 1fr; height: auto; }
    #url-digits, #url-text { color: $accent; text-style: bold; }
    #url-text { padding: 1 0; }
    #qr { width: auto; height: auto; margin-left: 2; }
    #counts { margin-top: 1; }
    #students { height: 1fr; }
    #log { height: 7; border-top: solid $primary; }
    .hint { color: $text-muted; }
    AskScreen { align: center middle; }
    #ask { width: 70; max-width: 95%; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    """
    BINDINGS = [
        Binding("m", "message", "Message to every tab"),
        Binding("r", "report", "Build the report"),
        Binding("s", "stop", "Stop the session"),
        Binding("ctrl+q", "stop", "Stop", show=False, priority=True),
    ]

    def __init__(
        self,
        url: str,
        class_folder: Path | None,
        running: Callable[[], int] = lambda: 0,
        max_sessions: int = 0,
        idle_minutes: float = IDLE_MINUTES,
        refresh_seconds: float = REFRESH_SECONDS,
    ) -> None:
        super().__init__()
        self.url = url
        self.class_folder = class_folder
        self.running = running
        self.max_sessions = max_sessions
        self.idle_minutes = idle_minutes
        self.refresh_seconds = refresh_seconds
        self.stopping = False
        self.ready = False
        self.pending: list[str] = []

    # -- layout ------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        shown = re.sub(r"^https?://", "", self.url)
        with Horizontal(id="top"):
            with Vertical(id="address"):
                yield Static("Students open this address in a browser:")
                if re.fullmatch(r"[0-9.:]+", shown):
                    yield Digits(shown, id="url-digits")
                    yield Static(self.url, classes="hint")
                else:
                    yield Static(self.url, id="url-text")
                yield Static("", id="counts")
            if not re.match(r"https?://(localhost|127\.|\[::1\])", self.url):  # a phone cannot open localhost
                yield Static(qr_text(self.url), id="qr")
        yield DataTable(id="students", cursor_type="row", zebra_stripes=True)
        yield RichLog(id="log", max_lines=500, wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        self.begin_capture_print(self)  # a game's error output, printed by textual-serve, goes to the log
        self.ready = True
        for line in self.pending:
            self.write_log(line)
        self.pending.clear()
        self.refresh_students()
        self.set_interval(self.refresh_seconds, self.refresh_students)

    # -- the class ---------------------------------------------------------------------------------
    def refresh_students(self) -> None:
        table = self.query_one(DataTable)
        rows = read_progress(self.class_folder) if self.class_folder else []
        moment = now()
        table.clear()
        for p in rows:
            name = p.name if p.playthrough == 1 else f"{p.name} ({p.playthrough})"
            status = p.status(moment, self.idle_minutes)
            table.add_row(
                Text(name),
                Text(p.role),
                Text(p.when),
                Text(p.scene_title),
                Text(str(p.decisions), justify="right"),
                Text(str(int(p.play_seconds // 60)), justify="right"),
                Text(status, style="bold" if status.startswith("idle") else ""),
            )
        finished = sum(1 for p in rows if p.finished)
        cap = f" (at most {self.max_sessions})" if self.max_sessions else ""
        counts = f"{self.running()} game(s) running{cap} · {len(rows)} playthrough(s) · {finished} finished"
        if self.class_folder is None:
            counts += " · students are listed in a class session: serve --class NAME"
        self.query_one("#counts", Static).update(counts)

    # -- the log --------------------------------------------------------------------------------------
    def write_log(self, line: str) -> None:
        if self.stopping:
            return
        if not self.ready:
            self.pending.append(line)  # before the console is on screen: shown when it is
            return
        self.query_one(RichLog).write(Text(line))

    def on_print(self, event: events.Print) -> None:
        for line in event.text.splitlines():
            if line.strip():
                self.write_log(line)

    # -- keys -------------------------------------------------------------------------------------------
    def action_message(self) -> None:
        if self.class_folder is None:
            self.notify("Messages reach the games of a class: start serve with --class NAME.", severity="warning")
            return

        def send(text: str | None) -> None:
            if text is None:
                return
            try:
                message = broadcast.post(self.class_folder, text)
            except (OSError, ValueError) as exc:
                self.notify(f"Not sent: {exc}", severity="error", markup=False)
                return
            LOG.info("Message to every tab: %s", message.text)
            self.notify(f"Sent to every game: {message.text}", markup=False)

        self.push_screen(AskScreen("Message to every student's game:", DEFAULT_MESSAGE), send)

    @work(exclusive=True, group="report")
    async def action_report(self) -> None:
        if self.class_folder is None:
            self.notify("The report is built from a class: start serve with --class NAME.", severity="warning")
            return
        from game.classroom.report import build, read_summaries, write_report

        def make() -> tuple[int, int]:
            data = read_summaries(folder)
            if not data.summaries:
                return 0, len(data.skipped)
            write_report(build(data, folder.name), folder)
            return len(data.summaries), len(data.skipped)

        folder = self.class_folder
        try:
            players, skipped = await asyncio.to_thread(make)
        except OSError as exc:
            self.notify(f"The report could not be written: {exc}", severity="error", markup=False)
            return
        if not players:
            self.notify("No finished games yet: the report is built from finished playthroughs.", severity="warning")
            return
        also = f" ({skipped} file(s) skipped)" if skipped else ""
        where = folder / "report.html"
        LOG.info("Class report written: %s", where)
        self.notify(f"Report of {players} playthrough(s){also}:\n{where}", timeout=15, markup=False)

    def action_stop(self) -> None:
        def answer(yes: str | None) -> None:
            if yes is not None:
                self.stopping = True
                self.exit()

        self.push_screen(
            AskScreen("[b]Stop the session?[/b]\nEvery student's game is closed; each has autosaved."),
            answer,
        )


class ConsoleLog(logging.Handler):
    """Log records as lines in the console's log panel."""

    def __init__(self, console: TeacherConsole) -> None:
        super().__init__()
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):  # the console is closing: a lost log line is fine
            self.console.write_log(self.format(record))


def run_console(
    console: TeacherConsole, start: Callable[[], Awaitable[object]], stop: Callable[[object], Awaitable[None]]
) -> int:
    """Run the web server and the console in one event loop until the teacher stops."""

    async def main() -> None:
        runner = await start()
        try:
            await console.run_async()
        finally:
            await stop(runner)

    asyncio.run(main())
    return 0
