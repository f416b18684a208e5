"""``budapest56 graph``: the story map (like Twine's), as Graphviz DOT or Mermaid.

Endings are drawn as double circles (DOT) or stadiums (Mermaid); scenes that show a crossing
event — a moment several roles live — are marked with a star, so a teacher can see where the
three stories meet.
"""

from __future__ import annotations

import argparse
import sys

from game.story.model import Scene, Story


def _label(scene: Scene, crossing: set[str]) -> str:
    star = "★ " if set(scene.events) & crossing else ""
    title = scene.ending.title if scene.ending else (scene.title or scene.id)
    return f"{star}{title}"


def _short(text: str, n: int = 28) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _scenes(story: Story, role: str | None) -> list[Scene]:
    return [s for s in story.scenes.values() if role is None or s.role == role]


def to_dot(story: Story, role: str | None = None) -> str:
    crossing = set(story.crossing_events())
    esc = lambda t: t.replace("\\", "\\\\").replace('"', '\\"')  # noqa: E731
    lines = ["digraph story {", "  rankdir=LR;", '  node [shape=box, style=rounded, fontname="Helvetica"];']
    roles = [role] if role else list(story.roles)
    for r in roles:
        lines.append(f'  subgraph "cluster_{r}" {{')
        lines.append(f'    label="{esc(story.roles[r].name)}";')
        for scene in _scenes(story, r):
            attrs = [f'label="{esc(_label(scene, crossing))}"']
            if scene.ending:
                attrs.append("shape=doublecircle")
            if set(scene.events) & crossing:
                attrs.append("penwidth=2.5")
            if scene.id == story.roles[r].start:
                attrs.append('style="rounded,bold"')
            lines.append(f'    "{scene.id}" [{", ".join(attrs)}];')
        lines.append("  }")
    for scene in _scenes(story, role):
        for choice in scene.choices:
            for i, target in enumerate(choice.targets):
                extra = f" ({choice.outcomes[i].chance}%)" if choice.outcomes else ""
                style = ", style=dashed" if choice.condition else ""
                lines.append(f'  "{scene.id}" -> "{target}" [label="{esc(_short(choice.text) + extra)}"{style}];')
    lines.append("}")
    return "\n".join(lines)


def to_mermaid(story: Story, role: str | None = None) -> str:
    crossing = set(story.crossing_events())
    ids: dict[str, str] = {}

    def node(scene_id: str) -> str:
        return ids.setdefault(scene_id, f"n{len(ids)}")

    esc = lambda t: t.replace('"', "#quot;")  # noqa: E731
    lines = ["flowchart LR"]
    roles = [role] if role else list(story.roles)
    for r in roles:
        lines.append(f'  subgraph {r}["{esc(story.roles[r].name)}"]')
        for scene in _scenes(story, r):
            label = esc(_label(scene, crossing))
            shape = f'(["{label}"])' if scene.ending else f'["{label}"]'
            lines.append(f"    {node(scene.id)}{shape}")
        lines.append("  end")
    for scene in _scenes(story, role):
        for choice in scene.choices:
            for i, target in enumerate(choice.targets):
                extra = f" ({choice.outcomes[i].chance}%)" if choice.outcomes else ""
                arrow = "-.->" if choice.condition else "-->"
                lines.append(f'  {node(scene.id)} {arrow}|"{esc(_short(choice.text) + extra)}"| {node(target)}')
    marked = [node(s.id) for s in _scenes(story, role) if set(s.events) & crossing]
    if marked:
        lines.append("  classDef crossing stroke-width:3px,stroke:#b5651d")
        lines.append(f"  class {','.join(marked)} crossing")
    return "\n".join(lines)


def run_graph(args: argparse.Namespace) -> int:
    from game.play import load_or_explain

    story = load_or_explain(args.story)
    if story is None:
        return 1
    if args.role and args.role not in story.roles:
        print(f"budapest56 graph: error: unknown role '{args.role}' (roles: {', '.join(story.roles)})", file=sys.stderr)
        return 2
    print(to_dot(story, args.role) if args.format == "dot" else to_mermaid(story, args.role))
    return 0
