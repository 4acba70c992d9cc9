"""Precision, recall and F1 from one-to-one matching; shared by `fakty.evaluate` and `fakty.factru`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence, TypeVar

P = TypeVar("P")
G = TypeVar("G")


@dataclass
class Score:
    tp: int = 0  # matched pairs
    predicted: int = 0
    gold: int = 0

    @property
    def fp(self) -> int:
        return self.predicted - self.tp

    @property
    def fn(self) -> int:
        return self.gold - self.tp

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "predicted": self.predicted, "gold": self.gold}


def match(predicted: Sequence[P], gold: Sequence[G],
          strength: Callable[[P, G], float]) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index), each side used at most once, strongest first.

    `strength` is 0 (or less) for pairs that do not match; ties go to the earlier items, so
    the result is deterministic.
    """
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            s = strength(p, g)
            if s > 0:
                candidates.append((-s, i, j))
    candidates.sort()
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def overlap(a_start: int, a_stop: int, b_start: int, b_stop: int) -> int:
    return max(0, min(a_stop, b_stop) - max(a_start, b_start))


def in_context(text: str, start: int, stop: int, width: int = 30) -> str:
    """The span in brackets with `width` characters either side: for error lists."""
    return text[max(0, start - width):start] + "[" + text[start:stop] + "]" + text[stop:stop + width]
