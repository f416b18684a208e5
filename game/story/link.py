"""Loading, stage 3: link the built story — start scenes, roles across choices, epilogue, role order, glossary marks.

These checks need the whole story at once (a choice's target may be a scene in another file,
of another role). The story is fixed up in place: the epilogue gets its events and the roles
are put in the story's declared order.
"""

from __future__ import annotations

from game.story.keys import GLOSSARY_MARK
from game.story.model import Story
from game.story.parse import Parsed
from game.story.problems import Mark, did_you_mean


def link(story: Story, parsed: Parsed, role_marks: dict[str, Mark]) -> None:
    """Check every cross-reference that needs the whole story, recording problems in ``parsed``."""
    f, ids = parsed.f, parsed.ids
    for role in story.roles.values():
        mark = role_marks.get(role.id, role.mark)
        start = story.scenes.get(role.start)
        if not parsed.known("scenes", role.start):
            f.error(
                mark,
                f"start scene '{role.start}' of role '{role.id}' does not exist{did_you_mean(role.start, ids['scenes'])}",
                "E033",
            )
        elif start is not None and start.role != role.id:
            f.error(mark, f"start scene '{role.start}' belongs to role '{start.role}', not '{role.id}'", "E048")
    for scene in story.scenes.values():
        for choice in scene.choices:
            for target in choice.targets:
                other = story.scenes.get(target)
                if other is not None and other.role != scene.role:
                    f.error(
                        choice.mark,
                        f"choice leads to '{target}' of role '{other.role}', but this scene is in role '{scene.role}'",
                        "E048",
                    )
    _link_short(story, parsed)
    for event_id, mark in parsed.meta_epilogue:
        if event_id in story.timeline:
            story.meta.epilogue.append(event_id)
        elif not parsed.known("timeline", event_id):
            f.error(
                mark,
                f"unknown timeline event '{event_id}' in the story epilogue{did_you_mean(event_id, story.timeline)}",
                "E032",
            )
    order = parsed.role_order
    for role_id, mark in order:
        if role_id not in story.roles:
            parsed.problems.warning(
                mark,
                f"role '{role_id}' in the story's role order does not exist{did_you_mean(role_id, story.roles)}",
                "W111",
            )
    listed = [r for r, _ in order if r in story.roles]
    story.roles = {r: story.roles[r] for r in listed + [r for r in story.roles if r not in listed]}
    for text, mark in marked_texts(story):
        for match in GLOSSARY_MARK.finditer(text):
            term = match.group(1).strip()
            if term not in story.glossary and not parsed.known("glossary", term):
                f.error(mark, f"unknown glossary term [[{term}]]{did_you_mean(term, story.glossary)}", "E034")


def marked_texts(story: Story) -> list[tuple[str, Mark]]:
    """Every text that may hold [[glossary]] marks, with where it was written."""
    out: list[tuple[str, Mark]] = []
    for scene in story.scenes.values():
        out.extend((p.text, p.mark) for p in scene.passages)
        for choice in scene.choices:
            if choice.result:
                out.append((choice.result, choice.result_mark))
            out.extend((o.text, o.mark) for o in choice.outcomes if o.text)
        if scene.ending:
            out.append((scene.ending.epilogue, scene.mark))
    out.extend((c.text, c.mark) for c in story.facts.values())
    out.extend((e.text, e.mark) for e in story.timeline.values())
    out.extend((g.text, g.mark) for g in story.glossary.values())
    return out


def _link_short(story: Story, parsed: Parsed) -> None:
    """``short_goto`` stays in the scene's role and never leads round in a circle."""
    for scene in story.scenes.values():
        target = story.scenes.get(scene.short_goto)
        if target is None:
            continue
        if target.role != scene.role:
            parsed.f.error(
                scene.mark,
                f"short_goto of '{scene.id}' leads to '{target.id}' of role '{target.role}', not '{scene.role}'",
                "E048",
            )
            continue
        seen = [scene.id]
        while target is not None and target.short_goto:
            if target.id in seen:
                loop = " → ".join([*seen, target.id])
                parsed.f.error(scene.mark, f"short_goto leads round in a circle: {loop}", "E051")
                break
            seen.append(target.id)
            target = story.scenes.get(target.short_goto)
