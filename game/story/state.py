"""The game state: plain data, so saving is serialising and rewinding is keeping old states."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Step:
    """One choice taken: where and when, what was chosen, and (in group play) the class's votes."""

    scene: str
    choice: int
    text: str
    clock: int
    outcome: int = -1
    votes: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "scene": self.scene,
            "choice": self.choice,
            "text": self.text,
            "clock": self.clock,
        }
        if self.outcome >= 0:
            data["outcome"] = self.outcome
        if self.votes:
            data["votes"] = list(self.votes)
        return data

    @staticmethod
    def from_dict(data: dict) -> Step:
        return Step(
            scene=str(data["scene"]),
            choice=int(data["choice"]),
            text=str(data["text"]),
            clock=int(data["clock"]),
            outcome=int(data.get("outcome", -1)),
            votes=tuple(int(v) for v in data.get("votes", ())),
        )


@dataclass(frozen=True, slots=True)
class GameState:
    """Where a playthrough stands. Never mutated: the engine returns a new state per choice."""

    role: str
    scene: str
    seed: int
    rng: int
    clock: int
    vars: dict[str, int | bool | str] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)
    facts: tuple[str, ...] = ()
    used: frozenset[str] = frozenset()
    path: tuple[Step, ...] = ()
    ending: str | None = None

    @property
    def over(self) -> bool:
        return self.ending is not None

    def to_dict(self) -> dict[str, object]:
        return {
            "role": self.role,
            "scene": self.scene,
            "seed": self.seed,
            "rng": self.rng,
            "clock": self.clock,
            "vars": dict(self.vars),
            "visits": dict(self.visits),
            "facts": list(self.facts),
            "used": sorted(self.used),
            "path": [s.to_dict() for s in self.path],
            "ending": self.ending,
        }

    @staticmethod
    def from_dict(data: dict) -> GameState:
        """Rebuild a state; raises KeyError/TypeError/ValueError on malformed data."""
        variables = data["vars"]
        if not isinstance(variables, dict) or not all(isinstance(v, (int, bool, str)) for v in variables.values()):
            raise ValueError("variables must be numbers, true/false or text")
        ending = data.get("ending")
        return GameState(
            role=str(data["role"]),
            scene=str(data["scene"]),
            seed=int(data["seed"]),
            rng=int(data["rng"]),
            clock=int(data["clock"]),
            vars=dict(variables),
            visits={str(k): int(v) for k, v in dict(data["visits"]).items()},
            facts=tuple(str(f) for f in data["facts"]),
            used=frozenset(str(u) for u in data["used"]),
            path=tuple(Step.from_dict(s) for s in data["path"]),
            ending=None if ending is None else str(ending),
        )
