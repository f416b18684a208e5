"""Pause Python's cyclic garbage collector around bulk work that creates no cycles worth finding.

Loading a story and exploring its states create hundreds of thousands of small objects; the
collector rescans them again and again (measured: two thirds of the time of loading a
10,000-scene story). Reference counting still frees everything; we only skip the scans, and
when the collector resumes, what was made is filed with the oldest objects rather than scanned
as new (``resume``). The game's start pauses it the same way (``game.cli``, until the title is
ready).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            resume()


def resume() -> None:
    """Switch the collector back on, with everything made while it was off counted as old.

    What a pause made and kept is long-lived (a story, a state graph, Textual and the title
    screen) but sits in the youngest generation: the next young pass would scan all of it (half
    a second after a 50,000-scene story), for nothing. Freezing and unfreezing moves every object
    to the oldest generation without a scan. A forked game's frozen objects stay frozen
    (``game.classroom.forkserver``): with some frozen, the collector is only switched on.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
    gc.enable()
