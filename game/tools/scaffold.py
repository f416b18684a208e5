"""``budapest56 new``: start a scene, a role or a whole story folder that passes ``check`` at once.

Authors learn the format fastest from a file that already works: every template here is
loaded and checked right after it is written, and the command says what to do next.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import sys
from pathlib import Path

from game.locations import schema_file
from game.story.loader import SCENE_ID, load_story_with_problems
from game.story.printable import printable

SCHEMA_NAME = "story.schema.json"
ROLE_ID = re.compile(r"[a-z][a-z0-9_]*")


SHIPPED_SCHEMA = schema_file(SCHEMA_NAME)  # docs/ in a checkout, inside the package when installed


def _schema_line(target: Path, story_root: Path) -> str:
    """The yaml-language-server line, with a path from ``target`` to a schema that exists.

    A story keeps its own copy of the schema (``new story`` makes it, ``new role``/``new scene``
    make it when missing), so the line works wherever the folder lives; in the shipped tree
    the line points at ``docs/story.schema.json`` like the shipped files do.
    """
    schema = story_root / SCHEMA_NAME
    if not schema.exists():
        inside_repo = story_root.resolve().is_relative_to(SHIPPED_SCHEMA.parents[1])
        if inside_repo and SHIPPED_SCHEMA.exists():
            schema = SHIPPED_SCHEMA
        else:
            _copy_schema(story_root)
    rel = os.path.relpath(schema.resolve(), target.parent.resolve())
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}\n"


def _copy_schema(story_root: Path) -> None:
    target = story_root / SCHEMA_NAME
    if SHIPPED_SCHEMA.exists() and not target.exists():
        target.write_text(SHIPPED_SCHEMA.read_text(encoding="utf-8"), encoding="utf-8")


STORY_TEMPLATE = """story:
  title: {title}
  intro: |
    One paragraph that sets the scene for the player.
  content_note: Say here what the story contains that a teacher should know about.
  questions:
    - A question for the class to discuss after playing.
"""

SOURCES_TEMPLATE = """sources:
  - id: {source}
    author: Write the author or body here
    title: Write the title of the source here
    year: 2000
    publisher: Write the publisher or archive here
    kind: scholarly
"""

ROLE_TEMPLATE = """roles:
  - id: {role}
    name: {name}
    portrait: |
      Who this person is, where they are when the story starts, and what is at stake.
    playtime: 5 minutes
    start: {role}.start
    variables:
      courage: {{initial: 1, min: 0, max: 3, label: Courage, describe: Write what this measure means in one line}}
    measures: [courage]
    questions:
      - A question about this role for the class.

role: {role}
scenes:
  - id: {role}.start
    title: The first scene
    where: Write the place here
    when: 1956-10-23 12:00
    text: |
      Write what the player sees. Mark *emphasis* with stars.
    choices:
      - text: Be brave
        result: Write what the choice led to, in one to three sentences.
        effects: [courage += 1]
        goto: {role}.end
      - text: Wait and see
        goto: {role}.end

  - id: {role}.end
    title: The end
    text:
      - Write how this ending feels.
      - if: courage >= 2
        text: This passage shows only when courage is 2 or more.
    ending:
      title: Write the ending's title
      kind: stayed
      epilogue: |
        What really happened to people in this position, with a source.
      cite: [{source}]
"""

# The template's stand-in texts: `budapest56 check` warns (W115) on any of them left in a story.
PLACEHOLDERS = (
    "One paragraph that sets the scene for the player.",
    "Say here what the story contains that a teacher should know about.",
    "A question for the class to discuss after playing.",
    "Write the author or body here",
    "Write the title of the source here",
    "Write the publisher or archive here",
    "Who this person is, where they are when the story starts, and what is at stake.",
    "Write what this measure means in one line",
    "A question about this role for the class.",
    "Write the place here",
    "Write what the player sees",
    "Write what the choice led to, in one to three sentences.",
    "This passage shows only when courage is 2 or more.",
    "Write how this ending feels.",
    "Write the ending's title",
    "What really happened to people in this position, with a source.",
)
PLACEHOLDER_SOURCE = "my-source"

SCENE_TEMPLATE = """
  - id: {scene}
    title: {title}
    where: Write the place here
    text: |
      Write what the player sees here.
    choices:
      - text: Go on
        goto: {start}
"""


def _verify(root: Path) -> int:
    story, problems = load_story_with_problems(root)
    errors = [p for p in problems if p.severity == "error"]
    for p in errors:
        print(p, file=sys.stderr)
    return 1 if errors or story is None else 0


def yaml_text(text: str) -> str:
    """Any text as a YAML scalar that reads back as exactly that text (``x: y``, ``[oops``, ``#``).

    A JSON string is a valid YAML double-quoted scalar; control characters and unpaired
    surrogates are made spaces first so the file can be written and read.
    """
    return json.dumps(" ".join(printable(text).split()), ensure_ascii=False)


def new_story(folder: Path) -> int:
    try:
        return _new_story(folder)
    except OSError as exc:
        print(f"budapest56 new: error: cannot create the story in '{folder}': {exc.strerror}", file=sys.stderr)
        return 1


def _new_story(folder: Path) -> int:
    if folder.exists() and not folder.is_dir():
        print(f"budapest56 new: error: '{folder}' already exists and is a file, not a folder", file=sys.stderr)
        return 2
    if folder.exists() and any(folder.iterdir()):
        print(f"budapest56 new: error: '{folder}' already exists and is not empty", file=sys.stderr)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    _copy_schema(folder)
    title = folder.resolve().name.replace("-", " ").title() or "My story"
    files = {
        folder / "story.yaml": STORY_TEMPLATE.format(title=yaml_text(title)),
        folder / "sources.yaml": SOURCES_TEMPLATE.format(source=PLACEHOLDER_SOURCE),
        folder / "main" / "role.yaml": ROLE_TEMPLATE.format(
            role="main", name="The main character", source=PLACEHOLDER_SOURCE
        ),
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_schema_line(path, folder) + text, encoding="utf-8")
    status = _verify(folder)
    if status == 0:
        shown = shlex.quote(str(folder))
        print(f"Created story '{folder}'. Play it:  budapest56 play --story {shown} --watch")
        print(f"Check it:  budapest56 check {shown}  (it lists the template texts still to replace, W115)")
    return status


def new_role(story_root: Path, role: str) -> int:
    if not ROLE_ID.fullmatch(role):
        print(f"budapest56 new: error: role id '{role}' must be lower-case letters, digits and '_'", file=sys.stderr)
        return 2
    folder = story_root / role
    if folder.exists():
        print(f"budapest56 new: error: '{folder}' already exists", file=sys.stderr)
        return 2
    story, _ = load_story_with_problems(story_root)
    if story is not None and role in story.roles:
        print(f"budapest56 new: error: role '{role}' already exists", file=sys.stderr)
        return 2
    source = next(iter(story.sources), None) if story else None
    folder.mkdir(parents=True)
    text = ROLE_TEMPLATE.format(role=role, name=f"The {role.replace('_', ' ')}", source=source or f"{role}-source")
    if source is None:
        text = SOURCES_TEMPLATE.format(source=f"{role}-source") + "\n" + text
    path = folder / "role.yaml"
    path.write_text(_schema_line(path, story_root) + text, encoding="utf-8")
    status = _verify(story_root)
    if status == 0:
        print(f"Created role '{role}' in {path}. Play it:  budapest56 play --story {story_root} --role {role} --watch")
    return status


def new_scene(story_root: Path, scene_id: str) -> int:
    role = scene_id.split(".", 1)[0]
    if not SCENE_ID.fullmatch(scene_id) or "." not in scene_id:
        print(f"budapest56 new: error: scene id '{scene_id}' must look like role.name (lower case)", file=sys.stderr)
        return 2
    story, problems = load_story_with_problems(story_root)
    if story is None:
        print("budapest56 new: error: the story has errors; fix them first (budapest56 check)", file=sys.stderr)
        return 1
    if role not in story.roles:
        print(f"budapest56 new: error: no role '{role}' (roles: {', '.join(story.roles)})", file=sys.stderr)
        return 2
    if scene_id in story.scenes:
        print(
            f"budapest56 new: error: scene '{scene_id}' already exists at {story.scenes[scene_id].mark}",
            file=sys.stderr,
        )
        return 2
    path = story_root / role / "new-scenes.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(_schema_line(path, story_root) + f"role: {role}\nscenes:\n", encoding="utf-8")
    title = scene_id.rsplit(".", 1)[-1].replace("-", " ").replace("_", " ").capitalize()
    with path.open("a", encoding="utf-8") as fh:
        fh.write(SCENE_TEMPLATE.format(scene=scene_id, title=title, start=story.roles[role].start))
    status = _verify(story_root)
    if status == 0:
        print(f"Added scene '{scene_id}' to {path}.")
        print(f"Now lead a choice to it from another scene:  goto: {scene_id}")
    return status


def run_new(args: argparse.Namespace) -> int:
    if args.what == "story":
        return new_story(Path(args.name))
    if not args.story.is_dir():
        print(f"budapest56 new: error: story folder '{args.story}' not found (use --story DIR)", file=sys.stderr)
        return 2
    try:
        if args.what == "role":
            return new_role(args.story, args.name)
        return new_scene(args.story, args.name)
    except OSError as exc:
        print(f"budapest56 new: error: cannot write in '{args.story}': {exc.strerror}", file=sys.stderr)
        return 1
