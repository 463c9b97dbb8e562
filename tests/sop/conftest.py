import copy

import pytest

from sop.seeds import SEED_SOPS


@pytest.fixture
def seed_data():
    return copy.deepcopy(SEED_SOPS)
