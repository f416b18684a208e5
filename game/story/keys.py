"""The shape of a story file: which fields each kind of object allows, and what an id may look like.

One place for the vocabulary of the format, read by every loading stage, the checker, the
scaffolder and the tests (all through ``game.story.loader``, which re-exports it).
"""

from __future__ import annotations

import re

SCENE_ID = re.compile(r"[a-z][a-z0-9_.-]*")
PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
VAR_NAME = re.compile(r"[a-z_][a-z0-9_]*")
SCENE_RULE = "lower-case letters, digits, '.', '_' and '-', starting with a letter"
PLAIN_RULE = "lower-case letters, digits, '_' and '-'"
GLOSSARY_MARK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]*))?\]\]")
RESERVED_NAMES = ("clock", "true", "false", "and", "or", "not")

TOP_KEYS = ("story", "role", "roles", "variables", "scenes", "facts", "glossary", "timeline", "sources")
SCENE_KEYS = (
    "id", "role", "title", "when", "where", "text", "facts", "events", "effects",
    "cite", "decision", "choices", "ending", "short_goto",
)  # fmt: skip
CHOICE_KEYS = ("text", "result", "goto", "outcomes", "if", "else", "effects", "once", "otherwise")
OUTCOME_KEYS = ("chance", "goto", "effects", "text")
ENDING_KEYS = ("title", "kind", "epilogue", "cite", "questions", "hint")
DECISION_KEYS = ("label", "history", "cite", "question")
ROLE_KEYS = (
    "id",
    "name",
    "portrait",
    "playtime",
    "playtime_short",
    "start",
    "variables",
    "measures",
    "questions",
    "exit_questions",
)
EXIT_KEYS = ("ask", "options", "answer", "after", "cite")
VAR_KEYS = ("initial", "label", "describe", "min", "max")
FACT_KEYS = ("id", "title", "date", "text", "cite", "disputed")
GLOSSARY_KEYS = ("id", "term", "hungarian", "english", "text", "cite")
EVENT_KEYS = ("id", "date", "time", "title", "text", "cite", "disputed", "meanwhile")
SOURCE_KEYS = ("id", "author", "title", "short", "year", "publisher", "url", "pages", "kind")
SOURCE_KINDS = ("primary", "scholarly", "press", "reference")
DISPUTED_KEYS = ("then", "now", "cite")
STORY_KEYS = ("title", "intro", "content_note", "epilogue", "questions", "exit_questions", "roles")
ITEM_KINDS = ("roles", "scenes", "facts", "glossary", "timeline", "sources")
