"""Loading, stage 2a: check the fields of sources, cards, terms, events, variables and roles, and build them.

Each builder method reads one raw mapping through :class:`Fields`, records a problem for every
wrong field and returns the model object (or None when the item cannot be built at all).
Scenes, which need the roles and their variables, are built on top of this in ``build_scenes``.
"""

from __future__ import annotations

import re

from game.story.expr import VarInfo
from game.story.fields import meant_boolean, meant_number
from game.story.keys import (
    DISPUTED_KEYS,
    EVENT_KEYS,
    EXIT_KEYS,
    FACT_KEYS,
    GLOSSARY_KEYS,
    RESERVED_NAMES,
    ROLE_KEYS,
    SOURCE_KEYS,
    SOURCE_KINDS,
    VAR_KEYS,
    VAR_NAME,
)
from game.story.model import (
    Citation,
    Disputed,
    ExitQuestion,
    FactCard,
    GlossaryEntry,
    Role,
    Source,
    TimelineEvent,
    Variable,
)
from game.story.parse import Parsed
from game.story.problems import Mark, did_you_mean
from game.story.yamlnodes import YMap, YNode, YScalar

_TIME = re.compile(r"\d{1,2}:\d{2}")


class Builder:
    """Builds the story's objects other than scenes from stage 1's raw items."""

    def __init__(self, parsed: Parsed):
        self.parsed = parsed
        self.f = parsed.f
        self.ids = parsed.ids
        self.role_marks: dict[str, Mark] = {}
        self.meanwhile_marks: dict[tuple[str, str], Mark] = {}
        # variables whose declaration is already reported as wrong: their uses are not reported again
        self.broken_vars: set[str] = set()
        self.var_marks: dict[str, Mark] = {}  # where each role declares its variables

    # -- shared field readers -------------------------------------------------------------------
    def cites(self, node: YNode | None, what: str, required: bool, owner: Mark) -> list[Citation]:
        cites = self.f.cites(node, what)
        for c in cites:
            if not self.parsed.known("sources", c.source):
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

    def refs(self, node: YNode | None, kind: str, noun: str, field: str | None = None) -> list[str]:
        out = []
        for value, mark in self.f.text_list(node, field or kind):
            if not self.parsed.known(kind, value):
                self.f.error(mark, f"unknown {noun} '{value}'{did_you_mean(value, self.ids[kind])}", "E032")
            out.append(value)
        return out

    def exit_questions(self, node: YNode | None, owner: str) -> list[ExitQuestion]:
        """``exit_questions:`` of the story or a role: an author's own questions for the exit ticket."""
        out: list[ExitQuestion] = []
        for item in self.f.seq(node, f"the exit questions of {owner}"):
            m = self.f.mapping(item, f"an exit question of {owner}", EXIT_KEYS, ("ask",))
            if m is None:
                continue
            ask = self.f.text(m.get("ask"), "ask", "") or ""
            options = [t for t, _ in self.f.text_list(m.get("options"), "options")]
            answer = self.f.integer(m.get("answer"), "answer")
            if answer is not None and not 1 <= answer <= len(options):
                self.f.error(
                    m.values["answer"].mark,
                    f"answer {answer} is not the number of one of the {len(options)} options (count from 1)",
                    "E052",
                )
                answer = None
            elif answer is None and len(options) == 1:
                self.f.error(m.mark, "an exit question needs two or more options, or none (free text)", "E052")
            elif answer is None and options and "answer" not in m.values:
                self.f.error(
                    m.mark, "an exit question with options needs `answer:` (the right option's number)", "E052"
                )
            after = self.f.text(m.get("after"), "after", "") or ""
            if after and not self.parsed.known("scenes", after):
                self.f.error(
                    m.values["after"].mark, f"unknown scene '{after}'{did_you_mean(after, self.ids['scenes'])}", "E033"
                )
            out.append(
                ExitQuestion(
                    ask=ask,
                    options=options,
                    answer=None if answer is None else answer - 1,
                    after=after,
                    cite=self.cites(m.get("cite"), f"an exit question of {owner}", False, m.mark),
                    mark=m.mark,
                )
            )
        return out

    # -- the bibliography and the reference material -------------------------------------------
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
            short=self.f.text(m.get("short"), "short", "") or "",
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
        time_node = m.get("time")
        time = self.f.text(time_node, "time", "") or ""
        if time and not _TIME.fullmatch(time):
            self.f.error(m.values["time"].mark, f"time '{time}' must be HH:MM, quoted", "E016")
        elif time and isinstance(time_node, YScalar) and not time_node.quoted:
            shown = time if not time.startswith("0") else "5:20"
            hours, minutes = (int(x) for x in shown.split(":"))
            self.f.error(
                time_node.mark,
                f'write the time in quotes: time: "{time}" (unquoted, YAML 1.1 reads {shown} as the number '
                f"{hours * 60 + minutes}, and so do editors and other tools)",
                "E016",
            )
        return TimelineEvent(
            id=ident,
            date=self.f.text(m.get("date"), "date", "") or "",
            title=self.f.text(m.get("title"), "title", "") or "",
            text=self.f.text(m.get("text"), "text", "") or "",
            cite=self.cites(m.get("cite"), what, "cite" in m.values, m.mark),
            time=time,
            disputed=self.disputed(m.get("disputed"), what),
            meanwhile=self.meanwhile(m.get("meanwhile"), ident),
            mark=m.mark,
        )

    def meanwhile(self, node: YNode | None, event: str) -> dict[str, str]:
        """``meanwhile: {role: text}``; the roles are checked once they are built (``check_meanwhile``)."""
        m = self.f.mapping(
            node, f"the meanwhile texts of timeline event '{event}'", tuple(node.keys) if isinstance(node, YMap) else ()
        )
        if m is None:
            return {}
        out = {}
        for role, value in m.values.items():
            text = self.f.text(value, f"the meanwhile text for '{role}'")
            if text:
                out[role] = text
                self.meanwhile_marks[(event, role)] = m.keys[role]
        return out

    def check_meanwhile(self, timeline: dict[str, TimelineEvent], roles: dict, shown_by: dict[str, set[str]]) -> None:
        """Every role named in a ``meanwhile:`` exists, and has a scene that shows the event."""
        for (event, role), mark in self.meanwhile_marks.items():
            if role not in roles:
                known = ", ".join(sorted(roles)) or "none declared"
                self.f.error(mark, f"unknown role '{role}'{did_you_mean(role, roles)} (roles: {known})", "E042")
            elif role not in shown_by.get(event, set()):
                self.parsed.problems.warning(
                    mark,
                    f"meanwhile text for role '{role}', but no scene of that role shows event '{event}'",
                    "W116",
                )

    # -- roles and their variables --------------------------------------------------------------
    def variables(self, node: YMap, into: dict[str, Variable], owner: str) -> None:
        for name, value in node.values.items():
            mark = node.keys[name]
            if not VAR_NAME.fullmatch(name) or name in RESERVED_NAMES:
                self.f.error(
                    mark, f"'{name}' cannot be a variable name: use lower-case letters, digits and '_'", "E014"
                )
                self.broken_vars.add(name)
                continue
            if name in into:
                first = into[name].mark
                self.f.error(
                    mark, f"variable '{name}' is declared twice in {owner} (first at line {first.line})", "E021"
                )
                continue
            label, lo, hi, describe = name.replace("_", " ").capitalize(), None, None, ""
            if isinstance(value, YMap):
                spec = self.f.mapping(value, f"variable '{name}'", VAR_KEYS, ("initial",))
                if spec is None or "initial" not in value.values:
                    self.broken_vars.add(name)
                    continue
                init_node = value.values["initial"]
                label = self.f.text(spec.get("label"), "label", label) or label
                describe = self.f.text(spec.get("describe"), "describe", "") or ""
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
                self.broken_vars.add(name)
                continue
            initial = init_node.value if init_node.quoted is False else init_node.raw
            if not isinstance(initial, (bool, int, str)):
                initial = init_node.raw
            meant = meant_number(init_node) if init_node.quoted else None
            meant = meant if meant is not None else meant_boolean(init_node)
            if meant is not None:  # `initial: "3"`: a number in quotes is text; say so once, read it as meant
                word = str(meant).lower()
                self.f.error(
                    init_node.mark,
                    f"variable '{name}' starts as the text \"{init_node.raw}\" because of the quotes: "
                    f"write {word} without quotes for a {'number' if isinstance(meant, int) and not isinstance(meant, bool) else 'true/false value'}",
                    "E017",
                )
                initial = meant
            type_ = "bool" if isinstance(initial, bool) else "int" if isinstance(initial, int) else "str"
            if (lo is not None or hi is not None) and type_ != "int":
                self.f.error(mark, f"min/max only apply to numbers; '{name}' is {type_}", "E017")
            if type_ == "int" and ((lo is not None and initial < lo) or (hi is not None and initial > hi)):
                self.f.error(init_node.mark, f"starting value of '{name}' is outside its min/max", "E017")
            into[name] = Variable(name, initial, label, VarInfo(type_, lo, hi), mark, describe)

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
        start_node = m.get("start")
        self.role_marks[ident] = start_node.mark if start_node else m.mark
        self.var_marks[ident] = m.keys.get("variables", m.mark)
        return Role(
            id=ident,
            name=self.f.text(m.get("name"), "name", ident) or ident,
            portrait=self.f.text(m.get("portrait"), "portrait", "") or "",
            start=self.f.text(start_node, "start", "") or "",
            playtime=self.f.text(m.get("playtime"), "playtime", "") or "",
            playtime_short=self.f.text(m.get("playtime_short"), "playtime_short", "") or "",
            variables=own,
            measures=[n for n, _ in measures],
            questions=[t for t, _ in self.f.text_list(m.get("questions"), "questions")],
            exit_questions=self.exit_questions(m.get("exit_questions"), f"role '{ident}'"),
            mark=m.mark,
        )
