"""Group play: the class votes at each decision and the majority choice is taken.

Kept apart from the view so the rule (majority wins; on a tie the teacher picks among the
tied choices) is tested once and the same in every front end.
"""

from __future__ import annotations


class VoteError(ValueError):
    """Vote counts that cannot decide anything (negative, or nobody voted)."""


def parse_counts(texts: list[str]) -> list[int]:
    """Turn what the teacher typed into counts; an empty box counts as 0."""
    counts = []
    for n, text in enumerate(texts, 1):
        text = text.strip()
        if not text:
            counts.append(0)
            continue
        if not (text.isascii() and text.isdigit()) or len(text) > 6:  # "²" is a digit to isdigit, not to int
            raise VoteError(f"votes for choice {n} must be a whole number, not '{text[:12]}'")
        counts.append(int(text))
    if not any(counts):
        raise VoteError("nobody voted: enter at least one vote")
    return counts


def winners(counts: list[int]) -> list[int]:
    """Positions with the most votes: one means a decision, several mean the teacher picks."""
    top = max(counts)
    return [i for i, c in enumerate(counts) if c == top]
