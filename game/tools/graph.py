"""``budapest56 graph``: the story map (like Twine's), as Graphviz DOT, Mermaid, SVG or PNG.

Each role's start scene comes first and is marked (▶, bold, an entry arrow in DOT); endings are
drawn as double circles (DOT) or stadiums (Mermaid); scenes that show a crossing event — a moment
several roles live — are marked with a star, so a teacher can see where the three stories meet.
Labels wrap instead of being cut. SVG and PNG are drawn by Graphviz's ``dot`` where it is
installed; without it the command says how to get it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import textwrap

from game.story.model import Scene, Story

START = "▶ "
WRAP = 28  # characters per line of a label: long texts wrap, they are never cut


def _label(scene: Scene, crossing: set[str], start: bool) -> str:
    star = "★ " if set(scene.events) & crossing else ""
    title = scene.ending.title if scene.ending else (scene.title or scene.id)
    return f"{START if start else ''}{star}{title}"


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, WRAP, break_long_words=False, break_on_hyphens=False) or [""]


def _scenes(story: Story, role: str | None) -> list[Scene]:
    """The role's scenes, its start scene first, so the map reads from where the player begins."""
    scenes = [s for s in story.scenes.values() if role is None or s.role == role]
    starts = {r.start for r in story.roles.values()}
    return sorted(scenes, key=lambda s: s.id not in starts)


def _edge_text(choice, i: int) -> str:
    extra = f" ({choice.outcomes[i].chance}%)" if choice.outcomes else ""
    return choice.text + extra + (" (otherwise)" if choice.otherwise else "")


def to_dot(story: Story, role: str | None = None) -> str:
    crossing = set(story.crossing_events())
    esc = lambda t: t.replace("\\", "\\\\").replace('"', '\\"')  # noqa: E731
    label = lambda t: "\\n".join(esc(line) for line in _wrap(t))  # noqa: E731
    lines = [
        "digraph story {",
        "  rankdir=LR;",
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica"];',
    ]
    roles = [role] if role else list(story.roles)
    for r in roles:
        start = story.roles[r].start
        lines.append(f'  subgraph "cluster_{r}" {{')
        lines.append(f'    label="{esc(story.roles[r].name)}";')
        lines.append(f'    "start:{r}" [shape=point, width=0.15, label=""];')
        for scene in _scenes(story, r):
            attrs = [f'label="{label(_label(scene, crossing, scene.id == start))}"']
            if scene.ending:
                attrs.append("shape=doublecircle")
            if set(scene.events) & crossing:
                attrs.append("penwidth=2.5")
            if scene.id == start:
                attrs.append('style="rounded,bold"')
            lines.append(f'    "{scene.id}" [{", ".join(attrs)}];')
        lines.append(f'    "start:{r}" -> "{start}";')
        lines.append("  }")
    for scene in _scenes(story, role):
        for choice in scene.choices:
            for i, target in enumerate(choice.targets):
                style = ", style=dashed" if choice.condition or choice.otherwise else ""
                lines.append(f'  "{scene.id}" -> "{target}" [label="{label(_edge_text(choice, i))}"{style}];')
    lines.append("}")
    return "\n".join(lines)


def to_mermaid(story: Story, role: str | None = None) -> str:
    crossing = set(story.crossing_events())
    ids: dict[str, str] = {}

    def node(scene_id: str) -> str:
        return ids.setdefault(scene_id, f"n{len(ids)}")

    esc = lambda t: t.replace('"', "#quot;")  # noqa: E731
    label = lambda t: "<br/>".join(esc(line) for line in _wrap(t))  # noqa: E731
    lines = ["flowchart LR"]
    roles = [role] if role else list(story.roles)
    starts = []
    for r in roles:
        start = story.roles[r].start
        lines.append(f'  subgraph {r}["{esc(story.roles[r].name)}"]')
        for scene in _scenes(story, r):
            text = label(_label(scene, crossing, scene.id == start))
            shape = f'(["{text}"])' if scene.ending else f'["{text}"]'
            lines.append(f"    {node(scene.id)}{shape}")
        lines.append("  end")
        if start in story.scenes:
            starts.append(node(start))
    for scene in _scenes(story, role):
        for choice in scene.choices:
            for i, target in enumerate(choice.targets):
                arrow = "-.->" if choice.condition or choice.otherwise else "-->"
                lines.append(f'  {node(scene.id)} {arrow}|"{label(_edge_text(choice, i))}"| {node(target)}')
    if starts:
        lines.append("  classDef start stroke-width:4px")
        lines.append(f"  class {','.join(starts)} start")
    marked = [node(s.id) for s in _scenes(story, role) if set(s.events) & crossing]
    if marked:
        lines.append("  classDef crossing stroke-width:3px,stroke:#b5651d")
        lines.append(f"  class {','.join(marked)} crossing")
    return "\n".join(lines)


DOT_MISSING = (
    "--format {fmt} needs Graphviz's `dot` program, which is not installed here "
    "(Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz; Windows: winget install graphviz). "
    "--format dot or --format mermaid work without it"
)


def render(dot_source: str, fmt: str) -> bytes:
    """SVG or PNG bytes drawn by Graphviz's ``dot``; RuntimeError with the reason when it cannot."""
    program = shutil.which("dot")
    if program is None:
        raise RuntimeError(DOT_MISSING.format(fmt=fmt))
    try:
        done = subprocess.run(
            [program, f"-T{fmt}"], input=dot_source.encode("utf-8"), capture_output=True, timeout=120, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"Graphviz's dot could not draw the map: {exc}") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"Graphviz's dot could not draw the map: {reason[0] if reason else 'no reason given'}")
    return done.stdout


def run_graph(args: argparse.Namespace) -> int:
    from game.play import load_with_role

    if args.format == "png" and args.out is None and sys.stdout.isatty():
        print("budapest56 graph: error: a PNG is not text: write it with --out map.png", file=sys.stderr)
        return 2
    story = load_with_role("graph", args.story, args.role)
    if isinstance(story, int):
        return story
    if args.format == "mermaid":
        data = (to_mermaid(story, args.role) + "\n").encode("utf-8")
    elif args.format == "dot":
        data = (to_dot(story, args.role) + "\n").encode("utf-8")
    else:
        try:
            data = render(to_dot(story, args.role), args.format)
        except RuntimeError as exc:
            print(f"budapest56 graph: error: {exc}", file=sys.stderr)
            return 1
    if args.out is not None:
        try:
            args.out.write_bytes(data)
        except OSError as exc:
            print(f"budapest56 graph: error: cannot write '{args.out}': {exc.strerror}", file=sys.stderr)
            return 1
        print(f"Wrote the story map to {args.out}", file=sys.stderr)
        return 0
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0
