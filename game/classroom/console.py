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
from game.l10n import N_, _
from game.tui.lang import translate_bindings

COLUMNS = (N_("Name"), N_("Role"), N_("In the story"), N_("Scene"), N_("Decisions"), N_("Minutes"), N_("Status"))
DEFAULT_MESSAGE = N_("5 minutes left: finish your scene.")
STATUS = (N_("finished"), N_("playing"), N_("idle"))  # what progress.status says, in the console's language
REFRESH_SECONDS = 2.0
LOG = logging.getLogger("budapest56.serve")


class AskScreen(ModalScreen[str | None]):
    """A question: with ``value``, one line of text to edit; without, Enter to confirm. Esc: None."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel")), Binding("enter", "confirm", N_("Confirm"), show=False)]

    def __init__(self, question: str, value: str | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.question, self.value = question, value

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Static(self.question)
            if self.value is not None:
                yield Input(value=self.value, max_length=broadcast.MAX_TEXT, id="ask-input")
                yield Static(_("Enter sends · Esc cancels"), classes="hint")
            else:
                yield Static(_("Enter: yes · Esc: no"), classes="hint")

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
        Binding("m", "message", N_("Message to every tab")),
        Binding("r", "report", N_("Build the report")),
        Binding("s", "stop", N_("Stop the session")),
        Binding("ctrl+q", "stop", N_("Stop"), show=False, priority=True),
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
        self.title = _("Budapest 1956 — teacher console")
        translate_bindings(self)
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
                yield Static(_("Students open this address in a browser:"))
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
        table.add_columns(*(_(c) for c in COLUMNS))
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
                Text(_status_label(status), style="bold" if status.startswith("idle") else ""),
            )
        finished = sum(1 for p in rows if p.finished)
        cap = " " + _("(at most {n})").format(n=self.max_sessions) if self.max_sessions else ""
        counts = _("{running} game(s) running{cap} · {rows} playthrough(s) · {finished} finished").format(
            running=self.running(), cap=cap, rows=len(rows), finished=finished
        )
        if self.class_folder is None:
            counts += " · " + _("students are listed in a class session: serve --class NAME")
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
            self.notify(_("Messages reach the games of a class: start serve with --class NAME."), severity="warning")
            return

        def send(text: str | None) -> None:
            if text is None:
                return
            try:
                message = broadcast.post(self.class_folder, text)
            except (OSError, ValueError) as exc:
                self.notify(_("Not sent: {error}").format(error=exc), severity="error", markup=False)
                return
            LOG.info("Message to every tab: %s", message.text)
            self.notify(_("Sent to every game: {text}").format(text=message.text), markup=False)

        self.push_screen(AskScreen(_("Message to every student's game:"), _(DEFAULT_MESSAGE)), send)

    @work(exclusive=True, group="report")
    async def action_report(self) -> None:
        if self.class_folder is None:
            self.notify(_("The report is built from a class: start serve with --class NAME."), severity="warning")
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
            self.notify(_("The report could not be written: {error}").format(error=exc), severity="error", markup=False)
            return
        if not players:
            self.notify(_("No finished games yet: the report is built from finished playthroughs."), severity="warning")
            return
        also = " " + _("({n} file(s) skipped)").format(n=skipped) if skipped else ""
        where = folder / "report.html"
        LOG.info("Class report written: %s", where)
        shown = _("Report of {n} playthrough(s){also}:").format(n=players, also=also)
        self.notify(f"{shown}\n{where}", timeout=15, markup=False)

    def action_stop(self) -> None:
        def answer(yes: str | None) -> None:
            if yes is not None:
                self.stopping = True
                self.exit()

        self.push_screen(
            AskScreen(_("[b]Stop the session?[/b]\nEvery student's game is closed; each has autosaved.")),
            answer,
        )


def _status_label(status: str) -> str:
    """A student's status (game.classroom.progress) in the console's language."""
    if status.startswith("idle "):
        return _("idle {n} min").format(n=status.split()[1])
    return _(status)


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
