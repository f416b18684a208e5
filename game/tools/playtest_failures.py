"""What a playtest reports when something went wrong, and what an author asked it to fail on.

A failure is only useful if it can be seen again: each one is printed with the choices that led
to it and, for the exhaustive search, the chance outcome taken at each roll (the search follows
every branch, so a seed cannot reproduce it). With ``--replays DIR`` each failure is also written
as a replay file that ``budapest56 play --replay FILE`` follows exactly. ``--fail-on`` turns what
is otherwise information — a choice no playthrough took, a scene none reached — into a failing
exit code, for a story's CI.
"""

from __future__ import annotations

from pathlib import Path

from game.story.model import Story
from game.story.replay import replay_text

FAIL_ON = ("never-taken", "unreached")
SHOWN = 10


def _steps(story: Story, failure) -> list[tuple[str, int]]:
    outcomes = list(getattr(failure, "outcomes", []) or [])
    return [(text, outcomes[i] if i < len(outcomes) else -1) for i, text in enumerate(failure.path)]


def _path_text(story: Story, failure) -> str:
    if not failure.path:
        return "(at the start)"
    parts = []
    for text, outcome in _steps(story, failure):
        parts.append(text if outcome < 0 else f"{text} [outcome {outcome + 1}]")
    return " → ".join(parts)


def failure_lines(story: Story, failures: list, exhaustive: bool, replays: Path | None, story_arg: Path) -> list[str]:
    """The failures of one role, each with its path; replay files written when asked."""
    lines: list[str] = []
    for n, f in enumerate(failures[:SHOWN], 1):
        where = "in the exhaustive search" if exhaustive else f"seed {f.seed}"
        lines.append(f"  FAILURE ({f.kind}) {where}: {f.detail}")
        lines.append(f"    reproduce: {_path_text(story, f)}")
        if replays is not None:
            path = replays / f"{f.role}-{f.kind}-{n}.yaml"
            note = f"playtest FAILURE ({f.kind}) {where}: {f.detail}"
            path.write_text(replay_text(f.role, 0 if exhaustive else f.seed, _steps(story, f), note), encoding="utf-8")
            lines.append(f"    replay:    budapest56 play --story {story_arg} --replay {path}")
    if len(failures) > SHOWN:
        lines.append(f"  … {len(failures) - SHOWN} more failures")
    if failures and replays is None:
        lines.append("  (add --replays DIR to write each failure as a file for `budapest56 play --replay FILE`)")
    return lines


def prepare_replays(folder: Path | None) -> str | None:
    """Make the replay folder; the reason it cannot be made, or None."""
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"cannot make the folder '{folder}' for replays: {exc.strerror}"
    return None


def asked_failures(story: Story, role: str, cov, fail_on: list[str]) -> list[str]:
    """One line per thing the author asked to fail on that this playtest found."""
    lines = []
    scenes = story.role_scenes(role)
    if "unreached" in fail_on:
        missing = [s.id for s in scenes if s.id not in cov.scenes]
        if missing:
            lines.append(f"  --fail-on unreached: {len(missing)} scene(s) or ending(s) never reached (listed above)")
    if "never-taken" in fail_on:
        untaken = [
            (s.id, c.index)
            for s in scenes
            if s.id in cov.scenes
            for c in s.choices
            if (s.id, c.index) not in cov.choices
        ]
        if untaken:
            lines.append(
                f"  --fail-on never-taken: {len(untaken)} choice(s) never taken, or with a condition never true"
                " (listed above)"
            )
    return lines
