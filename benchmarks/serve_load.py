"""Load for ``budapest56 serve`` on loopback: browser-like sessions at once, full games, hang-ups.

Each client opens the websocket a browser tab would, and waits until the game's title screen has
arrived. Three measurements, each against a freshly started server (``--no-console``):

- ``measure(n)``: n sessions opened in the same instant, against a server whose spare games are
  ready (as before a lesson); the slowest time to the title screen, and the memory of the game
  processes (sessions and spares; the fork server's own memory is given apart);
- ``measure_full_games()``: one session per role plays a whole game to its ending (keys chosen
  from the autosave, as a player would), and memory is read at the end;
- ``measure_hangups(n)``: n sessions reach their title screen, then the client process is killed
  (no websocket goodbye, like a laptop lid closing); game processes are counted before and after.

Memory is given as PSS (each shared page divided among the processes that share it: the honest
cost of forked processes) and as RSS (shared pages counted in full in every process). Request
loops are bounded in count and time and stop by themselves; only 127.0.0.1 is used.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
MARKER = "New game"
TIMEOUT = 60.0
SPARES = 30  # serve's default


@dataclass
class Memory:
    """Average per game process (sessions and spares, PSS and RSS), the fork server's own PSS, and
    the whole server's PSS with its number of game processes."""

    pss_mb: float
    rss_mb: float
    forkserver_mb: float
    total_mb: float
    games: int


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _kb(path: str, key: str) -> float:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def memory(server_pid: int) -> Memory:
    """Memory of the game processes, and of the fork server (the server's one child) apart."""
    pids = descendants(server_pid)
    forkserver, games = pids[0], pids[1:] or pids[:1]

    def mb(pid: int, path: str, key: str) -> float:
        return _kb(f"/proc/{pid}/{path}", key) / 1024

    pss = [mb(p, "smaps_rollup", "Pss:") for p in games]
    rss = [mb(p, "status", "VmRSS:") for p in games]
    own = mb(forkserver, "smaps_rollup", "Pss:")
    return Memory(sum(pss) / len(games), sum(rss) / len(games), own, sum(pss) + own, len(games))


def _cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total


@contextlib.contextmanager
def serving(saves: Path, spares: int = SPARES) -> Iterator[tuple[subprocess.Popen, str]]:
    """A server as a teacher starts it before the lesson: answering, and its spare games ready."""
    port = _free_port()
    cmd = [sys.executable, "-m", "game", "serve", "--port", str(port), "--saves-dir", str(saves), "--no-console"]
    cmd += ["--max-sessions", "100", "--spares", str(spares)]  # the hang-up run opens 50
    server = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        while len(descendants(server.pid)) < 1 + spares and time.monotonic() < deadline:
            time.sleep(0.2)
        busy, deadline = -1, time.monotonic() + 60
        while time.monotonic() < deadline:  # ready for a lesson: every spare has drawn and gone idle
            time.sleep(1.0)
            now = _cpu_ticks(descendants(server.pid))
            if now == busy:
                break
            busy = now
        yield server, f"http://127.0.0.1:{port}/ws?width=100&height=30"
    finally:
        server.terminate()
        server.wait(timeout=15)


async def _title(ws: aiohttp.ClientWebSocketResponse) -> None:
    seen = ""
    while MARKER not in ANSI.sub("", seen):
        msg = await asyncio.wait_for(ws.receive(), TIMEOUT)
        if msg.type == aiohttp.WSMsgType.BINARY:
            seen += msg.data.decode("utf-8", "replace")
        elif msg.type != aiohttp.WSMsgType.TEXT:
            raise RuntimeError(f"websocket closed before the title screen: {msg.type}")


async def _drain(ws: aiohttp.ClientWebSocketResponse) -> None:
    """Keep reading what the game draws, as a browser does, until the socket closes."""
    with contextlib.suppress(Exception):
        async for _msg in ws:
            pass


async def _session(url: str, started: float, arrived: list[float], release: asyncio.Event) -> float:
    """One browser-like tab: wait for the title screen, then stay connected until released."""
    async with aiohttp.ClientSession() as http, http.ws_connect(url) as ws:
        await _title(ws)
        took = time.perf_counter() - started
        arrived.append(took)
        drain = asyncio.create_task(_drain(ws))
        await release.wait()
        drain.cancel()
        return took


def measure(n: int, spares: int = SPARES) -> tuple[float, Memory]:
    """(slowest time to the first screen in s, memory) for n sessions opened at once."""
    with tempfile.TemporaryDirectory() as saves, serving(Path(saves), spares) as (server, url):

        async def run() -> tuple[float, Memory]:
            started = time.perf_counter()
            arrived: list[float] = []
            release = asyncio.Event()
            tasks = [asyncio.create_task(_session(url, started, arrived, release)) for _ in range(n)]
            while len(arrived) < n:
                failed = [t for t in tasks if t.done() and t.exception()]
                if failed:
                    raise failed[0].exception()
                await asyncio.sleep(0.05)
            await asyncio.sleep(1.0)  # every game is on its title screen: read memory now
            used = memory(server.pid)
            release.set()
            await asyncio.gather(*tasks)
            return max(arrived), used

        return asyncio.run(asyncio.wait_for(run(), TIMEOUT * 2))


async def _play_to_the_end(url: str, saves: Path, position: int, role: str, story, ended: list[str], release) -> None:
    """Pick the first open choice at every scene, reading the state from the role's autosave;
    at the ending, stay connected (summary on screen) until released."""
    from game.story import engine
    from game.story.saves import SaveStore

    store, path = SaveStore(saves), saves / f"autosave-{role}.json"
    async with aiohttp.ClientSession() as http, http.ws_connect(url) as ws:
        await _title(ws)
        drain = asyncio.create_task(_drain(ws))
        await ws.send_str(json.dumps(["stdin", "n"]))
        await asyncio.sleep(0.5)
        await ws.send_str(json.dumps(["stdin", str(position)]))
        steps = -1
        for _ in range(600):  # bounded: a playthrough is 20–40 choices
            await asyncio.sleep(0.1)
            try:
                loaded = store.load_path(path, story)
            except Exception:  # noqa: BLE001 — not written yet, or being replaced
                continue
            if loaded.state.ending is not None:
                break
            if len(loaded.history) == steps:
                continue
            steps = len(loaded.history)
            views = engine.choices(story, loaded.state)
            pick = next(i for i, v in enumerate(views, 1) if v.enabled)
            await ws.send_str(json.dumps(["stdin", str(pick)]))
        else:
            raise RuntimeError(f"{role}: no ending reached")
        ended.append(role)
        await release.wait()
        drain.cancel()


def measure_full_games() -> Memory:
    """Memory per session when one game per role has reached its ending (summary shown)."""
    from game.story.loader import load_story

    story = load_story(ROOT / "scenes")
    roles = list(story.roles)
    # No spares here: the memory read is that of the three games alone (and the fork server).
    with tempfile.TemporaryDirectory() as tmp, serving(Path(tmp), spares=0) as (server, url):

        async def run() -> Memory:
            ended: list[str] = []
            release = asyncio.Event()
            games = [
                asyncio.create_task(_play_to_the_end(url, Path(tmp), i, role, story, ended, release))
                for i, role in enumerate(roles, 1)
            ]
            while len(ended) < len(roles):
                failed = [t for t in games if t.done() and t.exception()]
                if failed:
                    raise failed[0].exception()
                await asyncio.sleep(0.1)
            await asyncio.sleep(1.0)  # every summary screen is drawn
            used = memory(server.pid)
            release.set()
            await asyncio.gather(*games)
            return used

        return asyncio.run(asyncio.wait_for(run(), TIMEOUT * 5))


HANGUP_CLIENT = """
import asyncio, sys, aiohttp
sys.path.insert(0, sys.argv[3])
from benchmarks.serve_load import _title
async def main():
    http = aiohttp.ClientSession()
    sockets = [await http.ws_connect(sys.argv[1]) for _ in range(int(sys.argv[2]))]
    await asyncio.gather(*[_title(ws) for ws in sockets])
    print("ready", flush=True)
    await asyncio.sleep(3600)
asyncio.run(main())
"""


def measure_hangups(n: int = 50) -> tuple[int, int, int]:
    """(processes before, with n sessions, and 10 s after the clients were killed), no spares."""
    with tempfile.TemporaryDirectory() as saves, serving(Path(saves), spares=0) as (server, url):
        before = len(descendants(server.pid))
        client = subprocess.Popen(
            [sys.executable, "-c", HANGUP_CLIENT, url, str(n), str(ROOT)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert client.stdout is not None and client.stdout.readline().strip() == "ready"
            during = len(descendants(server.pid))
        finally:
            client.send_signal(signal.SIGKILL)
            client.wait()
        deadline = time.monotonic() + 10
        while len(descendants(server.pid)) > before and time.monotonic() < deadline:
            time.sleep(0.2)
        return before, during, len(descendants(server.pid))


if __name__ == "__main__":
    for count, ahead in ((1, SPARES), (10, SPARES), (30, SPARES), (30, 0)):
        first, used = measure(count, ahead)
        print(
            f"{count} sessions, {ahead} spares: slowest first screen {first:.2f} s; per game process "
            f"PSS {used.pss_mb:.0f} MB, RSS {used.rss_mb:.0f} MB; {used.games} processes, {used.total_mb:.0f} MB in all "
            f"(fork server {used.forkserver_mb:.0f} MB)"
        )
    used = measure_full_games()
    print(f"after full games: PSS {used.pss_mb:.0f} MB, RSS {used.rss_mb:.0f} MB per game")
    print("processes before / during / after 50 hang-ups:", measure_hangups(50))
