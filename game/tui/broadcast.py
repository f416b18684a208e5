"""The teacher's messages in a class game: a notice in every tab ("5 minutes left…").

Started only in a class session. Every few seconds the game reads the class folder's
``broadcast.json`` (written by the teacher console, see ``game/classroom/broadcast.py``) and
shows each message it has not shown yet, once, as a notification that stays for a while.
"""

from __future__ import annotations

from textual.app import App

from game.classroom.broadcast import Inbox

POLL_SECONDS = 3.0
SHOW_SECONDS = 30


def listen(app: App, class_folder) -> None:
    """Poll the class folder's messages for as long as the app runs (no-op without a class)."""
    if class_folder is None:
        return
    inbox = Inbox(class_folder)

    def check() -> None:
        for message in inbox.new():
            app.notify(message.text, title="From your teacher", timeout=SHOW_SECONDS, markup=False)

    app.set_interval(POLL_SECONDS, check, name="teacher messages")
