"""Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter")."""

from __future__ import annotations

import random
from typing import Callable

# Not for secrets: jitter only spreads synchronized clients apart.
_random: Callable[[], float] = random.random


def backoff_delay(retry: int, initial: float = 0.5, maximum: float = 8.0) -> float:
    """A uniform wait in [0, min(maximum, initial × 2^retry)) seconds."""
    return _random() * min(maximum, initial * 2.0**retry)
