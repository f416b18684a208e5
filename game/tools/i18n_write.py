"""Write translation files in one canonical layout that a translator can read top to bottom.

Every entry shows the English as a comment, then its fingerprint, then the translation; texts are
written as the YAML an author would write by hand (a literal block for passages, a plain line
when that is safe, quotes only when needed). Each written value is read back before it is used,
so a file this module writes always means exactly the data it was given.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, field

import yaml

COMMENT_WIDTH = 88


@dataclass
class Slot:
    """One entry to write: the current English (None for an orphan), its fingerprint, the translation."""

    key: str
    english: str | None
    source: str | None
    text: str | None
    note: str | None = None


@dataclass
class FilePlan:
    """The entries of one translation file, by kind and item, in the order of the English file."""

    blocks: dict[str, dict[str, list[Slot]]] = field(default_factory=dict)

    def add(self, kind: str, item: str, slot: Slot) -> None:
        self.blocks.setdefault(kind, {}).setdefault(item, []).append(slot)


def render(plan: FilePlan, header: list[str]) -> str:
    """The whole file: header comment lines, then each kind, item and entry."""
    out = [f"# {line}" if line and not line.startswith("#") else line for line in header]
    for kind, block in plan.blocks.items():
        out.append("")
        out.append(f"{kind}:")
        if kind == "story":
            for slot in block.get("", []):
                out.extend(_entry(slot, 2))
            continue
        for n, (item, slots) in enumerate(block.items()):
            if n:
                out.append("")
            out.append(f"  {_key(item)}:")
            for slot in slots:
                out.extend(_entry(slot, 4))
    return "\n".join(out) + "\n"


def _entry(slot: Slot, indent: int) -> list[str]:
    pad = " " * indent
    inner = pad + "  "
    lines = [f"{pad}{_key(slot.key)}:"]
    if slot.english is None:
        lines.append(f"{inner}# no longer in the English: delete this entry, or move the text where it belongs")
    else:
        lines.extend(_comment(slot.english, inner))
    if slot.source:
        lines.append(f"{inner}from: {_scalar(slot.source, indent + 2)}")
    if slot.note:
        lines.append(f"{inner}note:{_scalar(slot.note, indent + 2, lead=True)}")
    lines.append(f"{inner}text:{_scalar(slot.text, indent + 2, lead=True) if slot.text else ''}")
    return lines


def _comment(text: str, pad: str) -> list[str]:
    out = []
    for line in text.rstrip("\n").split("\n"):
        if not line.strip():
            out.append(f"{pad}#")
            continue
        width = max(40, COMMENT_WIDTH - len(pad) - 2)
        out.extend(f"{pad}# {part}" for part in textwrap.wrap(line, width, break_long_words=False) or [""])
    return out


def _key(key: str) -> str:
    return key if _reads_back(key, key) else json.dumps(key, ensure_ascii=False)


def _scalar(value: str, indent: int, lead: bool = False) -> str:
    """``value`` as YAML after ``key:``; with ``lead`` the result starts with its space or newline."""
    pad = " " * (indent + 2)
    sp = " " if lead else ""
    candidates = []
    if "\n" in value:
        body = value.rstrip("\n")
        trailing = len(value) - len(body)
        chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
        lines = [f"{pad}{line}" if line else "" for line in body.split("\n")]
        candidates.append(f"{sp}|{chomp}\n" + "\n".join(lines) + ("\n" * (trailing - 1) if trailing > 1 else ""))
    elif len(value) + indent > COMMENT_WIDTH and "  " not in value and value == value.strip():
        width = COMMENT_WIDTH - indent - 2
        folded = textwrap.wrap(value, width, break_long_words=False, break_on_hyphens=False)
        candidates.append(f"{sp}>-\n" + "\n".join(pad + part for part in folded))
    candidates.append(sp + value)
    for candidate in candidates:
        if _reads_back(candidate.lstrip(" "), value):
            return candidate
    return sp + json.dumps(value, ensure_ascii=False)


def _reads_back(candidate: str, value: str) -> bool:
    try:
        return yaml.safe_load(f"k: {candidate}\n") == {"k": value}  # as in the file: a line follows
    except yaml.YAMLError:
        return False
