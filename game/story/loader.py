"""Load a story folder into one validated :class:`Story`, or report every problem in it.

Loading runs in passes so that files may refer to each other in any order:
1. read every ``*.yaml`` file safely, keeping positions;
2. collect ids (scenes, cards, terms, events, sources, roles) and report duplicates;
3. build each object, checking fields and types;
4. compile conditions and effects against the right role's variables;
5. resolve every reference (targets, cards, events, citations, glossary markup).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from game.story.clock import parse_time
from game.story.expr import Compiled, ExprError, Scope, VarInfo, compile_condition, compile_effect
from game.story.fields import Fields, expr_mark
from game.story.gcpause import gc_paused
from game.story.model import (
    Choice,
    Citation,
    Decision,
    Disputed,
    Ending,
    FactCard,
    GlossaryEntry,
    Outcome,
    Passage,
    Role,
    Scene,
    Source,
    Story,
    StoryMeta,
    TimelineEvent,
    Variable,
)
from game.story.problems import Mark, Problem, ProblemList, StoryLoadError, did_you_mean
from game.story.yamlnodes import YMap, YNode, YScalar, read_yaml

SCENE_ID = re.compile(r"[a-z][a-z0-9_.-]*")
PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
VAR_NAME = re.compile(r"[a-z_][a-z0-9_]*")
SCENE_RULE = "lower-case letters, digits, '.', '_' and '-', starting with a letter"
PLAIN_RULE = "lower-case letters, digits, '_' and '-'"
GLOSSARY_MARK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]*))?\]\]")

TOP_KEYS = ("story", "role", "roles", "variables", "scenes", "facts", "glossary", "timeline", "sources")
SCENE_KEYS = (
    "id", "role", "title", "when", "where", "text", "facts", "events", "effects",
    "cite", "decision", "choices", "ending",
)  # fmt: skip
CHOICE_KEYS = ("text", "goto", "outcomes", "if", "else", "effects", "once")
OUTCOME_KEYS = ("chance", "goto", "effects", "text")
ENDING_KEYS = ("title", "kind", "epilogue", "cite", "questions")
DECISION_KEYS = ("label", "history", "cite")
ROLE_KEYS = ("id", "name", "portrait", "playtime", "start", "variables", "measures", "questions")
VAR_KEYS = ("initial", "label", "min", "max")
FACT_KEYS = ("id", "title", "date", "text", "cite", "disputed")
GLOSSARY_KEYS = ("id", "term", "hungarian", "english", "text", "cite")
EVENT_KEYS = ("id", "date", "time", "title", "text", "cite", "disputed")
SOURCE_KEYS = ("id", "author", "title", "year", "publisher", "url", "pages", "kind")
SOURCE_KINDS = ("primary", "scholarly", "press", "reference")
DISPUTED_KEYS = ("then", "now", "cite")
STORY_KEYS = ("title", "intro", "content_note", "epilogue", "questions", "roles")


@dataclass
class _Raw:
    """An item waiting to be built, with the file's default role for scenes."""

    node: YMap
    default_role: str | None = None


def story_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def fingerprint(root: Path, files: list[Path]) -> str:
    """A hash of the story's text, so a save can tell whether it was made with this story."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def load_story(root: Path | str) -> Story:
    """Load and validate the story in ``root``; raise StoryLoadError listing every error."""
    story, problems = load_story_with_problems(root)
    errors = [p for p in problems if p.severity == "error"]
    if errors or story is None:
        raise StoryLoadError(errors or problems)
    return story


def load_story_with_problems(root: Path | str) -> tuple[Story | None, list[Problem]]:
    """Load as far as possible; return the story (None if it has errors) and all problems."""
    with gc_paused():
        return _Loader(Path(root)).load()


class _Loader:
    def __init__(self, root: Path):
        self.root = root
        self.problems = ProblemList()
        self.f = Fields(self.problems)
        self.meta = StoryMeta()
        self.meta_mark: Mark | None = None
        self.raw: dict[str, list[_Raw]] = {
            k: [] for k in ("roles", "scenes", "facts", "glossary", "timeline", "sources")
        }
        self.raw_shared_vars: list[YMap] = []
        self.ids: dict[str, dict[str, Mark]] = {k: {} for k in self.raw}
        self.compiled: dict[tuple[int, str, bool], Compiled] = {}
        self.scopes: dict[str, Scope] = {}

    # -- pass 1: files -----------------------------------------------------------------------
    def load(self) -> tuple[Story | None, list[Problem]]:
        if not self.root.is_dir():
            self.f.error(Mark(str(self.root)), "story folder not found", "E100")
            return None, self.problems.items
        files = story_files(self.root)
        if not files:
            self.f.error(Mark(str(self.root)), "no .yaml files in the story folder", "E101")
            return None, self.problems.items
        for path in files:
            self.read_file(path)
        story = self.build(files)
        ok = not self.problems.errors
        problems = sorted(self.problems.items, key=lambda p: (p.mark, p.code))
        return (story if ok else None), problems

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    def read_file(self, path: Path) -> None:
        shown = self.display(path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            self.f.error(Mark(shown, 1, 1), f"not UTF-8 text ({exc.reason} at byte {exc.start})", "E001")
            return
        except OSError as exc:
            self.f.error(Mark(shown), f"cannot read: {exc.strerror}", "E001")
            return
        found: list[Problem] = []
        node = read_yaml(text, shown, found)
        self.problems.items.extend(found)
        if node is None:
            return
        top = self.f.mapping(node, "a story file", TOP_KEYS)
        if top is None:
            return
        default_role = self.f.text(top.get("role"), "role")
        if "story" in top.values:
            if self.meta_mark is not None:
                self.f.error(top.keys["story"], f"'story' is declared twice (first at {self.meta_mark})", "E020")
            else:
                self.meta_mark = top.keys["story"]
                self.read_meta(top.values["story"])
        shared = top.get("variables")
        if isinstance(shared, YMap):
            self.raw_shared_vars.append(shared)
        elif shared is not None:
            self.f.mapping(shared, "variables", ())
        for kind in self.raw:
            for item in self.f.seq(top.get(kind), kind):
                if not isinstance(item, YMap):
                    self.f.error(item.mark, f"each item of {kind} must be a mapping with an id", "E010")
                    continue
                self.register(kind, item)
                self.raw[kind].append(_Raw(item, default_role))

    def register(self, kind: str, item: YMap) -> None:
        node = item.get("id")
        pattern, rule = (SCENE_ID, SCENE_RULE) if kind == "scenes" else (PLAIN_ID, PLAIN_RULE)
        if node is None:
            self.f.error(item.mark, f"an item of {kind} has no 'id'", "E012")
            return
        ident = self.f.ident(node, "id", pattern, rule)
        if ident is None:
            return
        seen = self.ids[kind]
        if ident in seen:
            self.f.error(node.mark, f"duplicate id '{ident}' in {kind} (first declared at {seen[ident]})", "E021")
        else:
            seen[ident] = node.mark

    def read_meta(self, node: YNode) -> None:
        m = self.f.mapping(node, "story", STORY_KEYS)
        if m is None:
            return
        self.meta = StoryMeta(
            title=self.f.text(m.get("title"), "title", "Untitled story") or "Untitled story",
            intro=self.f.text(m.get("intro"), "intro", "") or "",
            content_note=self.f.text(m.get("content_note"), "content_note", "") or "",
            questions=[t for t, _ in self.f.text_list(m.get("questions"), "questions")],
        )
        self.meta_epilogue = self.f.text_list(m.get("epilogue"), "epilogue")
        self.role_order = self.f.text_list(m.get("roles"), "roles")

    # -- pass 3: objects ----------------------------------------------------------------------
    def build(self, files: list[Path]) -> Story:
        sources = {s.id: s for s in (self.source(r.node) for r in self.raw["sources"]) if s}
        self.sources = sources
        facts = {c.id: c for c in (self.fact(r.node) for r in self.raw["facts"]) if c}
        glossary = {g.id: g for g in (self.term(r.node) for r in self.raw["glossary"]) if g}
        timeline = {e.id: e for e in (self.event(r.node) for r in self.raw["timeline"]) if e}
        shared_vars: dict[str, Variable] = {}
        for var_map in self.raw_shared_vars:
            self.variables(var_map, shared_vars, "shared")
        roles = {r.id: r for r in (self.role(raw.node, shared_vars) for raw in self.raw["roles"]) if r}
        self.roles = roles
        scenes: dict[str, Scene] = {}
        for raw in self.raw["scenes"]:
            scene = self.scene(raw, roles, shared_vars, facts)
            if scene is not None and scene.id not in scenes:
                scenes[scene.id] = scene
        story = Story(
            root=str(self.root),
            meta=self.meta,
            roles=roles,
            scenes=scenes,
            facts=facts,
            glossary=glossary,
            timeline=timeline,
            sources=sources,
            shared_variables=shared_vars,
            fingerprint=fingerprint(self.root, files),
            files=[self.display(p) for p in files],
        )
        self.resolve(story)
        return story

    def cites(self, node: YNode | None, what: str, required: bool, owner: Mark) -> list[Citation]:
        cites = self.f.cites(node, what)
        for c in cites:
            if c.source not in self.ids["sources"]:
                hint = did_you_mean(c.source, self.ids["sources"])
                self.f.error(c.mark, f"unknown source '{c.source}' in {what}{hint}", "E030")
        if required and not cites:
            self.f.error(owner, f"{what} cites no source: add `cite: [source-id]` from the bibliography", "E031")
        return cites

    def disputed(self, node: YNode | None, what: str) -> Disputed | None:
        m = self.f.mapping(node, f"the disputed block of {what}", DISPUTED_KEYS, DISPUTED_KEYS)
        if m is None:
            return None
        return Disputed(
            then=self.f.text(m.get("then"), "then", "") or "",
            now=self.f.text(m.get("now"), "now", "") or "",
            cite=self.cites(m.get("cite"), f"the disputed figure of {what}", True, m.mark),
        )

    def source(self, m: YMap) -> Source | None:
        if self.f.mapping(m, "a source", SOURCE_KEYS, ("id", "author", "title", "year")) is None:
            return None
        ident = self.f.text(m.get("id"), "id")
        if ident is None:
            return None
        kind = self.f.text(m.get("kind"), "kind", "scholarly") or "scholarly"
        if kind not in SOURCE_KINDS:
            self.f.error(
                m.values["kind"].mark,
                f"kind must be one of {', '.join(SOURCE_KINDS)}{did_you_mean(kind, SOURCE_KINDS)}",
                "E015",
            )
        return Source(
            id=ident,
            author=self.f.text(m.get("author"), "author", "") or "",
            title=self.f.text(m.get("title"), "title", "") or "",
            year=self.f.text(m.get("year"), "year", "") or "",
            publisher=self.f.text(m.get("publisher"), "publisher", "") or "",
            url=self.f.text(m.get("url"), "url", "") or "",
            pages=self.f.text(m.get("pages"), "pages", "") or "",
            kind=kind,
            mark=m.mark,
        )

    def fact(self, m: YMap) -> FactCard | None:
        if self.f.mapping(m, "a fact card", FACT_KEYS, ("id", "title", "date", "text", "cite")) is None:
            return None
        ident = self.f.text(m.get("id"), "id") or ""
        what = f"fact card '{ident}'"
        return FactCard(
            id=ident,
            title=self.f.text(m.get("title"), "title", "") or "",
            date=self.f.text(m.get("date"), "date", "") or "",
            text=self.f.text(m.get("text"), "text", "") or "",
            cite=self.cites(m.get("cite"), what, "cite" in m.values, m.mark),
            disputed=self.disputed(m.get("disputed"), what),
            mark=m.mark,
        )

    def term(self, m: YMap) -> GlossaryEntry | None:
        if self.f.mapping(m, "a glossary entry", GLOSSARY_KEYS, ("id", "term", "text")) is None:
            return None
        ident = self.f.text(m.get("id"), "id") or ""
        return GlossaryEntry(
            id=ident,
            term=self.f.text(m.get("term"), "term", "") or "",
            text=self.f.text(m.get("text"), "text", "") or "",
            hungarian=self.f.text(m.get("hungarian"), "hungarian", "") or "",
            english=self.f.text(m.get("english"), "english", "") or "",
            cite=self.cites(m.get("cite"), f"glossary entry '{ident}'", False, m.mark),
            mark=m.mark,
        )

    def event(self, m: YMap) -> TimelineEvent | None:
        if self.f.mapping(m, "a timeline event", EVENT_KEYS, ("id", "date", "title", "text", "cite")) is None:
            return None
        ident = self.f.text(m.get("id"), "id") or ""
        what = f"timeline event '{ident}'"
        time = self.f.text(m.get("time"), "time", "") or ""
        if time and not re.fullmatch(r"\d{1,2}:\d{2}", time):
            self.f.error(m.values["time"].mark, f"time '{time}' must be HH:MM, quoted", "E016")
        return TimelineEvent(
            id=ident,
            date=self.f.text(m.get("date"), "date", "") or "",
            title=self.f.text(m.get("title"), "title", "") or "",
            text=self.f.text(m.get("text"), "text", "") or "",
            cite=self.cites(m.get("cite"), what, "cite" in m.values, m.mark),
            time=time,
            disputed=self.disputed(m.get("disputed"), what),
            mark=m.mark,
        )

    def variables(self, node: YMap, into: dict[str, Variable], owner: str) -> None:
        for name, value in node.values.items():
            mark = node.keys[name]
            if not VAR_NAME.fullmatch(name) or name in ("clock", "true", "false", "and", "or", "not"):
                self.f.error(
                    mark, f"'{name}' cannot be a variable name: use lower-case letters, digits and '_'", "E014"
                )
                continue
            if name in into:
                self.f.error(mark, f"variable '{name}' is declared twice in {owner}", "E021")
                continue
            label, lo, hi = name.replace("_", " ").capitalize(), None, None
            if isinstance(value, YMap):
                spec = self.f.mapping(value, f"variable '{name}'", VAR_KEYS, ("initial",))
                if spec is None or "initial" not in value.values:
                    continue
                init_node = value.values["initial"]
                label = self.f.text(spec.get("label"), "label", label) or label
                lo = self.f.integer(spec.get("min"), "min")
                hi = self.f.integer(spec.get("max"), "max")
            else:
                init_node = value
            if not isinstance(init_node, YScalar) or init_node.value is None or isinstance(init_node.value, float):
                self.f.error(
                    init_node.mark,
                    f"variable '{name}' needs a starting value: a whole number, true/false or text",
                    "E017",
                )
                continue
            initial = init_node.value if init_node.quoted is False else init_node.raw
            if not isinstance(initial, (bool, int, str)):
                initial = init_node.raw
            type_ = "bool" if isinstance(initial, bool) else "int" if isinstance(initial, int) else "str"
            if (lo is not None or hi is not None) and type_ != "int":
                self.f.error(mark, f"min/max only apply to numbers; '{name}' is {type_}", "E017")
            if type_ == "int" and ((lo is not None and initial < lo) or (hi is not None and initial > hi)):
                self.f.error(init_node.mark, f"starting value of '{name}' is outside its min/max", "E017")
            into[name] = Variable(name, initial, label, VarInfo(type_, lo, hi), mark)

    def role(self, m: YMap, shared: dict[str, Variable]) -> Role | None:
        if self.f.mapping(m, "a role", ROLE_KEYS, ("id", "name", "portrait", "start")) is None:
            return None
        ident = self.f.text(m.get("id"), "id") or ""
        own: dict[str, Variable] = {}
        var_node = m.get("variables")
        if var_node is not None:
            if isinstance(var_node, YMap):
                self.variables(var_node, own, f"role '{ident}'")
            else:
                self.f.mapping(var_node, "variables", ())
        for name, var in own.items():
            if name in shared:
                self.f.error(
                    var.mark, f"variable '{name}' of role '{ident}' hides the shared variable of the same name", "E021"
                )
        measures = self.f.text_list(m.get("measures"), "measures")
        visible = set(shared) | set(own)
        for name, mark in measures:
            if name not in visible:
                self.f.error(
                    mark, f"measure '{name}' is not a variable of role '{ident}'{did_you_mean(name, visible)}", "E040"
                )
        self.role_marks = getattr(self, "role_marks", {})
        start_node = m.get("start")
        self.role_marks[ident] = start_node.mark if start_node else m.mark
        return Role(
            id=ident,
            name=self.f.text(m.get("name"), "name", ident) or ident,
            portrait=self.f.text(m.get("portrait"), "portrait", "") or "",
            start=self.f.text(start_node, "start", "") or "",
            playtime=self.f.text(m.get("playtime"), "playtime", "") or "",
            variables=own,
            measures=[n for n, _ in measures],
            questions=[t for t, _ in self.f.text_list(m.get("questions"), "questions")],
            mark=m.mark,
        )

    # -- scenes ----------------------------------------------------------------------------------
    def scene(self, raw: _Raw, roles: dict[str, Role], shared: dict[str, Variable], facts: dict) -> Scene | None:
        m = raw.node
        if self.f.mapping(m, "a scene", SCENE_KEYS, ("id", "text")) is None:
            return None
        ident = self.f.text(m.get("id"), "id")
        if ident is None or not SCENE_ID.fullmatch(ident):
            return None
        role_node = m.get("role")
        role = self.f.text(role_node, "role") if role_node is not None else raw.default_role
        if role is None:
            self.f.error(m.mark, f"scene '{ident}' has no role: add `role:` to the scene or the file", "E041")
            return None
        if role not in roles:
            where = role_node.mark if role_node is not None else m.mark
            known = ", ".join(sorted(roles)) or "none declared"
            self.f.error(where, f"unknown role '{role}'{did_you_mean(role, roles)} (roles: {known})", "E042")
            return None
        scope = self.scopes.get(role)
        if scope is None:
            variables = self.story_vars(role, roles, shared)
            scope = Scope({n: v.info for n, v in variables.items()}, self.ids["scenes"], self.ids["facts"])
            self.scopes[role] = scope
        when = None
        when_node = m.get("when")
        when_text = self.f.text(when_node, "when")
        if when_text is not None and when_node is not None:
            try:
                when = parse_time(when_text)
            except ValueError as exc:
                self.f.error(when_node.mark, str(exc), "E016")
        what = f"scene '{ident}'"
        scene = Scene(
            id=ident,
            role=role,
            passages=self.passages(m.get("text"), scope),
            title=self.f.text(m.get("title"), "title", "") or "",
            when=when,
            where=self.f.text(m.get("where"), "where", "") or "",
            facts=self.refs(m.get("facts"), "facts", "fact card"),
            events=self.refs(m.get("events"), "timeline", "timeline event", field="events"),
            effects=self.effects(m.get("effects"), scope),
            cite=self.cites(m.get("cite"), what, False, m.mark),
            mark=m.mark,
        )
        if "decision" in m.values:
            d = self.f.mapping(m.values["decision"], "decision", DECISION_KEYS, DECISION_KEYS)
            if d is not None:
                scene.decision = Decision(
                    label=self.f.text(d.get("label"), "label", "") or "",
                    history=self.f.text(d.get("history"), "history", "") or "",
                    cite=self.cites(d.get("cite"), f"the decision in {what}", True, d.mark),
                )
        choice_nodes = self.f.seq(m.get("choices"), "choices")
        scene.choices = [c for c in (self.choice(n, i, scope) for i, n in enumerate(choice_nodes)) if c]
        if "ending" in m.values:
            e = self.f.mapping(m.values["ending"], "ending", ENDING_KEYS, ("title", "epilogue", "cite"))
            if e is not None:
                scene.ending = Ending(
                    title=self.f.text(e.get("title"), "title", "") or "",
                    kind=self.f.text(e.get("kind"), "kind", "") or "",
                    epilogue=self.f.text(e.get("epilogue"), "epilogue", "") or "",
                    cite=self.cites(e.get("cite"), f"the ending of {what}", True, e.mark),
                    questions=[t for t, _ in self.f.text_list(e.get("questions"), "questions")],
                )
            if choice_nodes:
                self.f.error(
                    m.keys["ending"], f"{what} has both an ending and choices: an ending closes the story", "E043"
                )
        elif "choices" not in m.values or (not choice_nodes and not isinstance(m.values["choices"], YMap | YScalar)):
            self.f.error(m.mark, f"{what} has neither choices nor an ending: the player would be stuck", "E044")
        return scene

    def story_vars(self, role: str, roles: dict[str, Role], shared: dict[str, Variable]) -> dict[str, Variable]:
        merged = dict(shared)
        merged.update(roles[role].variables)
        return merged

    def refs(self, node: YNode | None, kind: str, noun: str, field: str | None = None) -> list[str]:
        out = []
        for value, mark in self.f.text_list(node, field or kind):
            if value not in self.ids[kind]:
                self.f.error(mark, f"unknown {noun} '{value}'{did_you_mean(value, self.ids[kind])}", "E032")
            out.append(value)
        return out

    def compile(self, node: YNode, scope: Scope, effect: bool) -> Compiled | None:
        source = self.f.text(node, "an effect" if effect else "a condition")
        if source is None:
            return None
        # the same text in the same role compiles to the same code: reuse it
        key = (id(scope.variables), source, effect)
        cached = self.compiled.get(key)
        if cached is not None:
            return cached
        try:
            result = (compile_effect if effect else compile_condition)(source, scope)
            self.compiled[key] = result
            return result
        except ExprError as exc:
            base = expr_mark(node)
            mark = base.shifted(exc.offset) if "\n" not in source else base
            self.f.error(mark, f"in '{source.strip()}': {exc.message}", "E050")
            return None

    def effects(self, node: YNode | None, scope: Scope) -> list[Compiled]:
        if node is None:
            return []
        items = [node] if isinstance(node, YScalar) else self.f.seq(node, "effects")
        return [c for c in (self.compile(n, scope, True) for n in items) if c]

    def passages(self, node: YNode | None, scope: Scope) -> list[Passage]:
        if node is None:
            return []
        if isinstance(node, YScalar):
            text = self.f.text(node, "text", "") or ""
            return [Passage(text, None, node.mark)]
        out = []
        for item in self.f.seq(node, "text"):
            if isinstance(item, YMap):
                p = self.f.mapping(item, "a passage", ("if", "text"), ("text",))
                if p is None:
                    continue
                cond = self.compile(p.values["if"], scope, False) if "if" in p.values else None
                out.append(Passage(self.f.text(p.get("text"), "text", "") or "", cond, item.mark))
            else:
                out.append(Passage(self.f.text(item, "text", "") or "", None, item.mark))
        return out

    def choice(self, node: YNode, index: int, scope: Scope) -> Choice | None:
        m = self.f.mapping(node, "a choice", CHOICE_KEYS, ("text",))
        if m is None:
            return None
        choice = Choice(
            text=self.f.text(m.get("text"), "choice text", "") or "",
            index=index,
            goto=self.f.text(m.get("goto"), "goto"),
            condition=self.compile(m.values["if"], scope, False) if "if" in m.values else None,
            reason=self.f.text(m.get("else"), "else"),
            effects=self.effects(m.get("effects"), scope),
            once=self.f.boolean(m.get("once"), "once"),
            mark=m.mark,
        )
        if choice.reason is not None and "if" not in m.values:
            self.f.error(m.keys["else"], "'else' gives the reason a choice is disabled, so it needs an 'if'", "E045")
        has_goto, has_outcomes = "goto" in m.values, "outcomes" in m.values
        if has_goto == has_outcomes:
            self.f.error(m.mark, "a choice needs exactly one of 'goto' or 'outcomes'", "E046")
        if has_goto:
            self.target(m.values["goto"])
        if has_outcomes:
            total = 0
            for item in self.f.seq(m.get("outcomes"), "outcomes"):
                o = self.f.mapping(item, "an outcome", OUTCOME_KEYS, ("chance", "goto"))
                if o is None:
                    continue
                chance = self.f.integer(o.get("chance"), "chance") or 0
                if not 0 < chance <= 100:
                    self.f.error(
                        o.values["chance"].mark if "chance" in o.values else o.mark,
                        "chance must be a whole percent from 1 to 100",
                        "E047",
                    )
                total += chance
                goto = self.target(o.get("goto"))
                choice.outcomes.append(
                    Outcome(
                        chance,
                        goto or "",
                        self.effects(o.get("effects"), scope),
                        self.f.text(o.get("text"), "text", "") or "",
                        o.mark,
                    )
                )
            if choice.outcomes and total != 100:
                self.f.error(m.keys["outcomes"], f"the chances of the outcomes add up to {total}, not 100", "E047")
        return choice

    def target(self, node: YNode | None) -> str | None:
        goto = self.f.text(node, "goto")
        if goto is None or node is None:
            return None
        if goto not in self.ids["scenes"]:
            self.f.error(node.mark, f"unknown scene '{goto}'{did_you_mean(goto, self.ids['scenes'])}", "E033")
        self.target_marks = getattr(self, "target_marks", {})
        self.target_marks.setdefault(goto, node.mark)
        return goto

    # -- pass 5: references -----------------------------------------------------------------------
    def resolve(self, story: Story) -> None:
        for role in story.roles.values():
            mark = self.role_marks.get(role.id, role.mark)
            start = story.scenes.get(role.start)
            if role.start not in self.ids["scenes"]:
                self.f.error(
                    mark,
                    f"start scene '{role.start}' of role '{role.id}' does not exist{did_you_mean(role.start, self.ids['scenes'])}",
                    "E033",
                )
            elif start is not None and start.role != role.id:
                self.f.error(
                    mark, f"start scene '{role.start}' belongs to role '{start.role}', not '{role.id}'", "E048"
                )
        for scene in story.scenes.values():
            for choice in scene.choices:
                for target in choice.targets:
                    other = story.scenes.get(target)
                    if other is not None and other.role != scene.role:
                        self.f.error(
                            choice.mark,
                            f"choice leads to '{target}' of role '{other.role}', but this scene is in role '{scene.role}'",
                            "E048",
                        )
        for value in getattr(self, "meta_epilogue", []):
            event_id, mark = value
            if event_id not in story.timeline:
                self.f.error(
                    mark,
                    f"unknown timeline event '{event_id}' in the story epilogue{did_you_mean(event_id, story.timeline)}",
                    "E032",
                )
            else:
                story.meta.epilogue.append(event_id)
        order = getattr(self, "role_order", [])
        for role_id, mark in order:
            if role_id not in story.roles:
                self.problems.warning(
                    mark,
                    f"role '{role_id}' in the story's role order does not exist{did_you_mean(role_id, story.roles)}",
                    "W111",
                )
        listed = [r for r, _ in order if r in story.roles]
        story.roles = {r: story.roles[r] for r in listed + [r for r in story.roles if r not in listed]}
        for text, mark in self.marked_texts(story):
            for match in GLOSSARY_MARK.finditer(text):
                term = match.group(1).strip()
                if term not in story.glossary:
                    self.f.error(mark, f"unknown glossary term [[{term}]]{did_you_mean(term, story.glossary)}", "E034")

    @staticmethod
    def marked_texts(story: Story) -> list[tuple[str, Mark]]:
        out: list[tuple[str, Mark]] = []
        for scene in story.scenes.values():
            out.extend((p.text, p.mark) for p in scene.passages)
            if scene.ending:
                out.append((scene.ending.epilogue, scene.mark))
        out.extend((c.text, c.mark) for c in story.facts.values())
        out.extend((e.text, e.mark) for e in story.timeline.values())
        out.extend((g.text, g.mark) for g in story.glossary.values())
        return out
