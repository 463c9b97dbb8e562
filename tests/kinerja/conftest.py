"""Fixtures of the cycle tests."""

import pytest

from tests.kinerja.cycle_helpers import new_cycle


@pytest.fixture
def cycle(world):
    """A TW II 2026 cycle of the world's OPD, just created (disposisi)."""
    return new_cycle(world)
