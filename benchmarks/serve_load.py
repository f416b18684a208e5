"""Load for ``budapest56 serve`` on loopback: N browser-like sessions at once.

Each client opens the websocket a browser tab would, and waits until the game's title screen
has arrived. Memory is the resident size of every game process the server started, per session.
The request loop is bounded in count and time and stops by itself; only 127.0.0.1 is used.
"""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
MARKER = "New game"
TIMEOUT = 60.0


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


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def _session(url: str, started: float, arrived: list[float], release: asyncio.Event) -> float:
    """One browser-like tab: wait for the title screen, then stay connected until released."""
    seen = ""
    async with aiohttp.ClientSession() as http, http.ws_connect(url) as ws:
        while True:
            msg = await asyncio.wait_for(ws.receive(), TIMEOUT)
            if msg.type == aiohttp.WSMsgType.BINARY:
                seen += msg.data.decode("utf-8", "replace")
            elif msg.type == aiohttp.WSMsgType.TEXT:
                seen += msg.data
            else:
                raise RuntimeError(f"websocket closed before the title screen: {msg.type}")
            if MARKER in ANSI.sub("", seen):
                took = time.perf_counter() - started
                arrived.append(took)
                await release.wait()
                return took


def measure(n: int) -> tuple[float, float]:
    """Return (slowest time to first screen in s, resident MB per session) for n sessions."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", "--port", str(port), "--saves-dir", "/tmp/b56-bench-saves"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        url = f"http://127.0.0.1:{port}/ws?width=100&height=30"

        async def run() -> tuple[float, float]:
            started = time.perf_counter()
            arrived: list[float] = []
            release = asyncio.Event()
            tasks = [asyncio.create_task(_session(url, started, arrived, release)) for _ in range(n)]
            while len(arrived) < n:
                failed = [t for t in tasks if t.done() and t.exception()]
                if failed:
                    raise failed[0].exception()
                await asyncio.sleep(0.1)
            await asyncio.sleep(1.0)  # every game is on its title screen: read memory now
            rss = sum(_rss_mb(p) for p in descendants(server.pid)) / n
            release.set()
            await asyncio.gather(*tasks)
            return max(arrived), rss

        return asyncio.run(asyncio.wait_for(run(), TIMEOUT * 2))
    finally:
        server.terminate()
        server.wait(timeout=10)
