"""Loading, stage 2b: build scenes, their passages, choices and outcomes, compiling every expression.

Conditions and effects are compiled here, against the variables of the scene's role, so a
misspelt variable is reported at the line and column where it was written. Then
:meth:`SceneBuilder.build` assembles the whole :class:`Story` for the link stage.
"""

from __future__ import annotations

from game.story.build import Builder
from game.story.clock import parse_time
from game.story.expr import Compiled, ExprError, Scope, compile_condition, compile_effect
from game.story.fields import expr_mark
from game.story.keys import CHOICE_KEYS, DECISION_KEYS, ENDING_KEYS, OUTCOME_KEYS, SCENE_ID, SCENE_KEYS
from game.story.model import Choice, Decision, Ending, Outcome, Passage, Role, Scene, Story, Variable
from game.story.parse import Parsed, Raw
from game.story.problems import did_you_mean
from game.story.yamlnodes import YMap, YNode, YScalar


class SceneBuilder(Builder):
    """Builds every object of the story, scenes last, and the Story that holds them."""

    def __init__(self, parsed: Parsed):
        super().__init__(parsed)
        self.compiled: dict[tuple[int, str, bool], Compiled] = {}
        self.scopes: dict[str, Scope] = {}

    def build(self, files: list[str], fingerprint: str) -> Story:
        raw = self.parsed.raw
        sources = {s.id: s for s in (self.source(r.node) for r in raw["sources"]) if s}
        facts = {c.id: c for c in (self.fact(r.node) for r in raw["facts"]) if c}
        glossary = {g.id: g for g in (self.term(r.node) for r in raw["glossary"]) if g}
        timeline = {e.id: e for e in (self.event(r.node) for r in raw["timeline"]) if e}
        shared_vars: dict[str, Variable] = {}
        for var_map in self.parsed.raw_shared_vars:
            self.variables(var_map, shared_vars, "shared")
        roles = {r.id: r for r in (self.role(item.node, shared_vars) for item in raw["roles"]) if r}
        self.parsed.meta.exit_questions = self.exit_questions(self.parsed.meta_exit, "the story")
        scenes: dict[str, Scene] = {}
        for item in raw["scenes"]:
            scene = self.scene(item, roles, shared_vars)
            if scene is not None and scene.id not in scenes:
                scenes[scene.id] = scene
        shown_by: dict[str, set[str]] = {}
        for scene in scenes.values():
            for event in scene.events:
                shown_by.setdefault(event, set()).add(scene.role)
        self.check_meanwhile(timeline, roles, shown_by)
        return Story(
            root=str(self.parsed.root),
            meta=self.parsed.meta,
            roles=roles,
            scenes=scenes,
            facts=facts,
            glossary=glossary,
            timeline=timeline,
            sources=sources,
            shared_variables=shared_vars,
            fingerprint=fingerprint,
            files=files,
        )

    def scene(self, raw: Raw, roles: dict[str, Role], shared: dict[str, Variable]) -> Scene | None:
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
            if self.parsed.known("roles", role):
                return None  # the role is declared but could not be built: that error is reported
            where = role_node.mark if role_node is not None else m.mark
            known = ", ".join(sorted(roles)) or "none declared"
            self.f.error(where, f"unknown role '{role}'{did_you_mean(role, roles)} (roles: {known})", "E042")
            return None
        scope = self.scopes.get(role)
        if scope is None:
            variables = self.story_vars(role, roles, shared)
            scope = Scope(
                {n: v.info for n, v in variables.items()},
                self.ids["scenes"],
                self.ids["facts"],
                broken=self.broken_vars,
                declare=f"under 'variables:' of role '{role}' ({self.var_marks.get(role, roles[role].mark)})",
            )
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
            short_goto=self.target(m.get("short_goto")) or "",
            mark=m.mark,
        )
        if "decision" in m.values:
            d = self.f.mapping(m.values["decision"], "decision", DECISION_KEYS, ("label", "history", "cite"))
            if d is not None:
                scene.decision = Decision(
                    label=self.f.text(d.get("label"), "label", "") or "",
                    history=self.f.text(d.get("history"), "history", "") or "",
                    cite=self.cites(d.get("cite"), f"the decision in {what}", True, d.mark),
                    question=self.f.text(d.get("question"), "question", "") or "",
                )
        choice_nodes = self.f.seq(m.get("choices"), "choices")
        scene.choices = [c for c in (self.choice(n, i, scope) for i, n in enumerate(choice_nodes)) if c]
        for c in scene.choices:
            c.used_key = f"{scene.id}#{c.index}"
        fallbacks = [c for c in scene.choices if c.otherwise]
        for extra in fallbacks[1:]:
            self.f.error(
                extra.mark,
                f"{what} has more than one 'otherwise' choice (the first is at line {fallbacks[0].mark.line}): keep one",
                "E049",
            )
        if "ending" in m.values:
            e = self.f.mapping(m.values["ending"], "ending", ENDING_KEYS, ("title", "epilogue", "cite"))
            if e is not None:
                scene.ending = Ending(
                    title=self.f.text(e.get("title"), "title", "") or "",
                    kind=self.f.text(e.get("kind"), "kind", "") or "",
                    epilogue=self.f.text(e.get("epilogue"), "epilogue", "") or "",
                    cite=self.cites(e.get("cite"), f"the ending of {what}", True, e.mark),
                    questions=[t for t, _ in self.f.text_list(e.get("questions"), "questions")],
                    hint=self.f.text(e.get("hint"), "hint", "") or "",
                )
            if choice_nodes:
                self.f.error(
                    m.keys["ending"], f"{what} has both an ending and choices: an ending closes the story", "E043"
                )
        elif (
            "choices" not in m.values or not choice_nodes and not isinstance(m.values["choices"], YMap | YScalar)
        ) and not (
            self.f.meant(m) & {"choices", "ending"}  # a misspelt `chioces:` is reported once, as E011
        ):
            self.f.error(m.mark, f"{what} has neither choices nor an ending: the player would be stuck", "E044")
        return scene

    def story_vars(self, role: str, roles: dict[str, Role], shared: dict[str, Variable]) -> dict[str, Variable]:
        merged = dict(shared)
        merged.update(roles[role].variables)
        return merged

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
            if exc.knock_on:
                return None
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
            result=self.f.text(m.get("result"), "result", "") or "",
            goto=self.f.text(m.get("goto"), "goto"),
            condition=self.compile(m.values["if"], scope, False) if "if" in m.values else None,
            reason=self.f.text(m.get("else"), "else"),
            effects=self.effects(m.get("effects"), scope),
            once=self.f.boolean(m.get("once"), "once"),
            otherwise=self.f.boolean(m.get("otherwise"), "otherwise"),
            mark=m.mark,
            result_mark=m.values["result"].mark if "result" in m.values else m.mark,
        )
        if choice.reason is not None and "if" not in m.values:
            self.f.error(m.keys["else"], "'else' gives the reason a choice is disabled, so it needs an 'if'", "E045")
        if choice.otherwise and "if" in m.values:
            self.f.error(
                m.keys["otherwise"],
                "'otherwise: true' opens this choice exactly when no other choice is open, so it cannot also have an 'if'",
                "E049",
            )
        has_goto, has_outcomes = "goto" in m.values, "outcomes" in m.values
        if has_goto == has_outcomes and not self.f.meant(m) & {"goto", "outcomes"}:
            self.f.error(m.mark, "a choice needs exactly one of 'goto' or 'outcomes'", "E046")
        if has_goto:
            self.target(m.values["goto"])
        if has_outcomes:
            total: int | None = 0
            for item in self.f.seq(m.get("outcomes"), "outcomes"):
                o = self.f.mapping(item, "an outcome", OUTCOME_KEYS, ("chance", "goto"))
                if o is None:
                    total = None
                    continue
                read = self.f.integer(o.get("chance"), "chance")
                chance = read or 0
                if read is None:
                    total = None  # the chance itself is reported: its sum would only repeat that
                elif not 0 < chance <= 100:
                    self.f.error(
                        o.values["chance"].mark if "chance" in o.values else o.mark,
                        "chance must be a whole percent from 1 to 100",
                        "E047",
                    )
                total = None if total is None else total + chance
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
            if choice.outcomes and total is not None and total != 100:
                self.f.error(m.keys["outcomes"], f"the chances of the outcomes add up to {total}, not 100", "E047")
        return choice

    def target(self, node: YNode | None) -> str | None:
        goto = self.f.text(node, "goto")
        if goto is None or node is None:
            return None
        if not self.parsed.known("scenes", goto):
            self.f.error(node.mark, f"unknown scene '{goto}'{did_you_mean(goto, self.ids['scenes'])}", "E033")
        return goto
