"""A fixed set of spans, sorted once, asked by bisection whether one of them holds or meets a
given span (resolve compares every mention with every span of a long text otherwise)."""
from __future__ import annotations

import bisect
import itertools
from typing import Iterable


class Intervals:
    def __init__(self, pairs: Iterable[tuple[int, int]]):
        pairs = sorted(pairs)
        self.starts = [start for start, _ in pairs]
        self.reach = list(itertools.accumulate((stop for _, stop in pairs), max))

    def farthest(self, start: int, inclusive: bool = True) -> int:
        """The farthest stop of the spans that start before `start` (or at it, if inclusive);
        -1 if there is none."""
        i = (bisect.bisect_right if inclusive else bisect.bisect_left)(self.starts, start)
        return self.reach[i - 1] if i else -1

    def hold(self, start: int, stop: int) -> bool:
        """Does one of the spans hold start..stop?"""
        return self.farthest(start) >= stop

    def meet(self, start: int, stop: int) -> bool:
        """Does one of the spans overlap start..stop?"""
        return self.farthest(stop, inclusive=False) > start
