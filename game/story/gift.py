"""Exit-ticket questions in Moodle's GIFT format, for a teacher's question bank or a quiz.

GIFT is plain text: one question per paragraph, ``::title::text {answers}``. An order becomes a
matching question (each event matched to 1st, 2nd, 3rd), a choice a multiple-choice question
with its feedback, and a free-text question an essay. Every special character is escaped, so a
student's or an author's text never breaks the file.
"""

from __future__ import annotations

from game.story.ticket import Question, ordinal

_SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """GIFT text: special characters escaped, and on one line (a blank line ends a question)."""
    flat = " ".join(text.split())
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in flat)


def question(q: Question, title: str) -> str:
    head = f"::{escape(title)}::[plain]{escape(q.prompt)}"
    if q.kind == "text":
        return head + " {}"
    if q.kind == "order":
        pairs = " ".join(f"={escape(q.options[pos])} -> {ordinal(n)}" for n, pos in enumerate(q.answer))
        return f"{head} {{ {pairs} }}"
    right = q.answer[0]
    answers = " ".join(("=" if i == right else "~") + escape(option) for i, option in enumerate(q.options))
    feedback = f" ####{escape(q.explain)}" if q.explain else ""
    return f"{head} {{ {answers}{feedback} }}"


def to_gift(questions: list[tuple[str, Question]], category: str = "") -> str:
    """A GIFT file of (title, question) pairs; ``category`` files them in Moodle's question bank."""
    blocks = []
    if category:
        blocks.append(f"$CATEGORY: {' '.join(category.split())}")
    blocks += [question(q, title) for title, q in questions]
    return "\n\n".join(blocks) + "\n"
