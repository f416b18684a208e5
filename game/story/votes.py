"""Group play: the class votes at each decision and the majority choice is taken.

Kept apart from the view so the rule (majority wins; on a tie the teacher picks among the
tied choices) is tested once and the same in every front end.
"""

from __future__ import annotations

from game.l10n import _

MAX_VOTES = 200  # more hands than any classroom has: a typo, not a vote


class VoteError(ValueError):
    """Vote counts that cannot decide anything (negative, or nobody voted)."""


def parse_counts(texts: list[str], numbers: list[int] | None = None) -> list[int]:
    """Turn what the teacher typed into counts; an empty box counts as 0.

    ``numbers`` are the choice numbers as the scene shows them, so an error names the same
    number the class sees on the screen.
    """
    counts = []
    for pos, text in enumerate(texts):
        n = numbers[pos] if numbers else pos + 1
        text = text.strip()
        if not text:
            counts.append(0)
            continue
        if not (text.isascii() and text.isdigit()) or len(text) > 4:
            raise VoteError(_("votes for choice {n} must be a whole number, not '{text}'").format(n=n, text=text[:12]))
        if int(text) > MAX_VOTES:
            raise VoteError(
                _("{votes} votes for choice {n} is more than a class has: check the number").format(
                    votes=int(text), n=n
                )
            )
        counts.append(int(text))
    if not any(counts):
        raise VoteError(_("nobody voted: enter at least one vote"))
    return counts


def surprising_total(counts: list[int], earlier: list[int]) -> str:
    """A warning when this vote has many more hands than the class had before (a likely typo)."""
    if not earlier:
        return ""
    usual = max(earlier)
    total = sum(counts)
    if total > usual + max(5, usual // 5):
        return _(
            "{total} votes in all, but the class voted with {usual} before. "
            "Check the numbers, or press “Count the votes” again to use them."
        ).format(total=total, usual=usual)
    return ""


def winners(counts: list[int]) -> list[int]:
    """Positions with the most votes: one means a decision, several mean the teacher picks."""
    top = max(counts)
    return [i for i, c in enumerate(counts) if c == top]
