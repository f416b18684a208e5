"""A tiny seeded random generator whose whole state is one integer.

Python's ``random`` keeps a large internal state and may change between versions; ours is
SplitMix64, so a save holds the generator as a plain number and the same seed gives the same
playthrough on every machine, forever.
"""

from __future__ import annotations

_MASK = (1 << 64) - 1


def seed_state(seed: int) -> int:
    return (seed * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & _MASK


def next_percent(state: int) -> tuple[int, int]:
    """Return a number from 0 to 99 and the generator's next state."""
    state = (state + 0x9E3779B97F4A7C15) & _MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    z = z ^ (z >> 31)
    return z % 100, state
