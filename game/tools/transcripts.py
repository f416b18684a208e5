"""``budapest56 playtest transcripts``: playthroughs written out as a player reads them.

Continuity slips — a passage that presupposes an act the player never did — only show when a
whole path is read in order. This writes a few distinct playthroughs per role as Markdown:
every screen's text exactly as plain mode prints it (the same ``screen_text``), the choices
offered and the one taken, what it led to, the fact cards found, and the ending. The runs are
chosen so that together they reach every ending and every choice of every key decision
(ChoiceScript's randomtest with "show text" is the model); random runs first, then runs steered
towards whatever is still missing.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.plain_render import choice_line, screen_text
from game.story import engine, markup
from game.story.model import Story
from game.story.state import GameState
from game.tools.reading import FAST, SLOW, screen_words

MARKER = "<!-- budapest56 transcripts -->"
POOL = 2000  # random runs to choose from, per role
TRIES = 300  # steered runs per target the random ones missed
MAX_STEPS = 500

Target = tuple[str, ...]  # ("ending", scene) or ("decision", scene, choice index)
Policy = Callable[[GameState, list[engine.ChoiceView], random.Random], int]


@dataclass
class Run:
    seed: int
    picks: list[int]  # choice indexes, in order
    state: GameState  # where it ended

    @property
    def key(self) -> tuple:
        return tuple((s.scene, s.choice, s.outcome) for s in self.state.path)


def play(story: Story, role: str, seed: int, policy: Policy, short: bool = False) -> Run | None:
    """One playthrough with the game seed ``seed`` (the short version with ``short``); None if it
    gets stuck or never ends."""
    chooser = random.Random(seed)
    state = engine.new_game(story, role, seed, short=short)
    picks: list[int] = []
    for _ in range(MAX_STEPS):
        if state.ending is not None:
            return Run(seed, picks, state)
        enabled = [v for v in engine.choices(story, state) if v.enabled]
        if not enabled:
            return None
        picks.append(policy(state, enabled, chooser))
        state = engine.choose(story, state, picks[-1])
    return None


def at_random(state: GameState, enabled: list[engine.ChoiceView], rng: random.Random) -> int:
    return rng.choice(enabled).index


def reach_map(story: Story, role: str) -> dict[str, set[str]]:
    """For each scene of the role, every scene a path could lead to from it (conditions ignored)."""
    out: dict[str, set[str]] = {}
    for scene in story.role_scenes(role):
        seen, todo = {scene.id}, [scene.id]
        while todo:
            for choice in story.scenes[todo.pop()].choices:
                for t in choice.targets:
                    if t not in seen and t in story.scenes:
                        seen.add(t)
                        todo.append(t)
        out[scene.id] = seen
    return out


def steer(story: Story, reach: dict[str, set[str]], target: Target) -> Policy:
    """Prefer choices that can still lead to the target's scene; at a decision, take its choice."""
    goal = target[1]

    def policy(state: GameState, enabled: list[engine.ChoiceView], rng: random.Random) -> int:
        if target[0] == "decision" and state.scene == goal:
            wanted = [v.index for v in enabled if v.index == int(target[2])]
            if wanted:
                return wanted[0]
        scene = story.scenes[state.scene]
        onward = [v for v in enabled if any(goal in reach.get(t, ()) for t in scene.choices[v.index].targets)]
        return rng.choice(onward or enabled).index

    return policy


def targets(story: Story, role: str) -> list[Target]:
    out: list[Target] = [("ending", s.id) for s in story.role_scenes(role) if s.ending]
    for scene in story.role_scenes(role):
        if scene.decision:
            out += [("decision", scene.id, str(c.index)) for c in scene.choices]
    return out


def describe(story: Story, target: Target) -> str:
    if target[0] == "ending":
        return f"ending {target[1]}"
    return f"choice '{story.scenes[target[1]].choices[int(target[2])].text}' in {target[1]}"


def covers(story: Story, run: Run) -> set[Target]:
    found: set[Target] = {("ending", run.state.ending or "")}
    for step in run.state.path:
        scene = story.scenes.get(step.scene)
        if scene is not None and scene.decision:
            found.add(("decision", step.scene, str(step.choice)))
    return found


def pick_runs(
    story: Story, role: str, first_seed: int, want: int, short: bool = False
) -> tuple[list[Run], list[Target]]:
    """The fewest distinct runs that reach every target they can, topped up to ``want``; and the
    targets no run reached."""
    runs: dict[tuple, Run] = {}
    for seed in range(first_seed, first_seed + POOL):
        run = play(story, role, seed, at_random, short)
        if run is not None:
            runs.setdefault(run.key, run)
    reached = set().union(*(covers(story, r) for r in runs.values())) if runs else set()
    reach = reach_map(story, role)
    seed = first_seed + POOL
    for target in targets(story, role):
        if target in reached:
            continue
        for _ in range(TRIES):
            seed += 1
            run = play(story, role, seed, steer(story, reach, target), short)
            if run is not None and target in covers(story, run):
                runs.setdefault(run.key, run)
                reached |= covers(story, run)
                break
    chosen: list[Run] = []
    left = set(reached)
    pool = sorted(runs.values(), key=lambda r: r.seed)
    while left:
        best = max(pool, key=lambda r: len(covers(story, r) & left))
        chosen.append(best)
        left -= covers(story, best)
    for run in pool:
        if len(chosen) >= want:
            break
        if run not in chosen:
            chosen.append(run)
    order = {t[1]: i for i, t in enumerate(targets(story, role)) if t[0] == "ending"}
    chosen.sort(key=lambda r: (order.get(r.state.ending or "", 99), r.seed))
    return chosen, [t for t in targets(story, role) if t not in reached]


# -- writing -----------------------------------------------------------------------------------------
_MD_START = re.compile(r"^(\d+)\. |^([#>]|[+*-](?= ))")  # a heading, a quote or a list item; *emphasis* stays


def _para(text: str) -> str:
    """Plain story text as Markdown paragraphs, kept from turning into headings or lists."""
    out = []
    for para in markup.reflow(text).split("\n\n"):
        out.append(_MD_START.sub(lambda m: f"{m.group(1)}\\. " if m.group(1) else f"\\{m.group(2)}", para))
    return "\n\n".join(out)


def render(story: Story, run: Run, number: int, total: int) -> tuple[str, int]:
    """One transcript as Markdown, and the words a player reads on its path."""
    role = story.roles[run.state.role]
    terms = {g.id: g.term for g in story.glossary.values()}
    state = engine.new_game(story, role.id, run.seed, short=run.state.short)
    unlocked = list(state.facts)
    body: list[str] = []
    typed: list[str] = []
    words = 0
    for n, pick in enumerate([*run.picks, None], 1):
        shown = screen_text(story, state, unlocked, terms)
        words += screen_words(story, state, shown.choices)
        body += [f"## {n}. {shown.header}", "", f"`{state.scene}`", ""]
        body += [line for a in shown.arrival for line in (f"> *{_para(a)}*", "")]
        body += [line for p in shown.passages if p for line in (_para(p), "")]
        body += [line for _, title in shown.cards for line in (f"★ *Fact card unlocked: {title}*", "")]
        if pick is None:
            break
        offered = [
            choice_line(i, v) + ("   ← chosen" if v.index == pick else "") for i, v in enumerate(shown.choices, 1)
        ]
        typed.append(str(next(i for i, v in enumerate(shown.choices, 1) if v.index == pick)))
        body += ["```text", *offered, "```", ""]
        decision = story.scenes[state.scene].decision
        if decision:
            body += [f"*Key decision: {decision.label}*", ""]
        before = state.facts
        state = engine.choose(story, state, pick)
        unlocked = [f for f in state.facts if f not in before]
    ending = story.scenes[state.scene].ending
    if ending:
        body += [
            f"## The end: {ending.title}",
            "",
            f"*What happened to people like you:* {_para(markup.plain(ending.epilogue, terms))}",
            "",
        ]
    decisions = [
        f"{story.scenes[s.scene].decision.label} → {s.text}"
        for s in run.state.path
        if story.scenes[s.scene].decision  # type: ignore[union-attr]
    ]
    head = [
        f"# {role.name} — transcript {number} of {total}: {ending.title if ending else 'unfinished'}",
        "",
        f"Seed {run.seed} · {len(run.picks)} choices · {words:,} words (about {words / FAST:.0f} minutes at "
        f"{FAST} words a minute, {words / SLOW:.0f} at {SLOW}) · ending `{run.state.ending}`",
        "",
        f"Play it yourself: `budapest56 play --plain --role {role.id} --seed {run.seed}"
        + (" --short" if run.state.short else "")
        + "`, then type "
        + " ".join(typed),
        "",
    ]
    if decisions:
        head += ["Key decisions on this path:", "", *[f"- {d}" for d in decisions], ""]
    return "\n".join([*head, "---", "", *body]), words


def _slug(scene_id: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", scene_id.rsplit(".", 1)[-1].lower()).strip("-") or "end"


def _prepare(out: Path) -> str | None:
    """Make ``out`` ready; a folder holding anything but earlier transcripts is left alone."""
    if out.exists() and not out.is_dir():
        return f"'{out}' is a file, not a folder"
    if out.is_dir() and any(out.iterdir()):
        index = out / "index.md"
        try:
            ours = index.read_text(encoding="utf-8").startswith(MARKER)
        except (OSError, UnicodeError):
            ours = False
        if not ours:
            return f"'{out}' already holds other files: give a new or empty folder"
        for old in [*out.glob("*/[0-9][0-9]-*.md"), index]:  # only what an earlier run wrote
            old.unlink()
    out.mkdir(parents=True, exist_ok=True)
    return None


def write_transcripts(
    story: Story, roles: list[str], out: Path, first_seed: int, want: int, short: bool = False
) -> list[str]:
    """Write the transcripts and an index; return the lines to print."""
    index = [MARKER, f"# Transcripts: {story.meta.title}", ""]
    flag = " --short" if short else ""
    index += [f"Written by `budapest56 playtest transcripts --seed {first_seed}{flag}`. Each file is one playthrough,"]
    index += ["every screen as a player reads it. Together they reach every ending and every key-decision choice.", ""]
    report: list[str] = []
    for role_id in roles:
        role = story.roles[role_id]
        runs, missing = pick_runs(story, role_id, first_seed, want, short)
        folder = out / role_id
        folder.mkdir(parents=True, exist_ok=True)
        index += [f"## {role.name}", "", "| transcript | ending | choices | words |", "|---|---|---|---|"]
        for n, run in enumerate(runs, 1):
            text, words = render(story, run, n, len(runs))
            name = f"{n:02d}-{_slug(run.state.ending or 'unfinished')}.md"
            (folder / name).write_text(text + "\n", encoding="utf-8")
            title = story.scenes[run.state.ending].ending.title if run.state.ending else "unfinished"  # type: ignore[union-attr]
            index.append(f"| [{role_id}/{name}]({role_id}/{name}) | {title} | {len(run.picks)} | {words:,} |")
        index.append("")
        if missing:
            index += ["Never reached, even by runs steered towards them:", ""]
            index += [f"- {describe(story, t)}" for t in missing] + [""]
        all_targets = targets(story, role_id)
        endings = sum(1 for t in all_targets if t[0] == "ending")
        found_endings = endings - sum(1 for t in missing if t[0] == "ending")
        choices = len(all_targets) - endings
        found_choices = choices - sum(1 for t in missing if t[0] == "decision")
        report.append(
            f"{role_id}: {len(runs)} transcripts in {folder}/ — {found_endings} of {endings} endings, "
            f"{found_choices} of {choices} key-decision choices"
            + (f"; never reached: {'; '.join(describe(story, t) for t in missing)}" if missing else "")
        )
    (out / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    return report + [f"Index: {out / 'index.md'}"]
