import copy

import pytest

from kinerja.models import OPD, Pemda
from sop.seeds import SEED_SOPS


@pytest.fixture
def seed_owners(db):
    """The Pemda and OPDs the five seed SOPs belong to."""
    lumajang = Pemda.objects.create(name="Pemerintah Kabupaten Lumajang", kind="kabupaten", code="lumajang")
    tangerang = Pemda.objects.create(name="Pemerintah Kota Tangerang", kind="kota", code="tangerang")
    opds = {}
    for pemda, name, code in (
        (lumajang, "Dinas Tenaga Kerja", "1"),
        (lumajang, "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "2"),
        (lumajang, "Kecamatan Candipuro", "3"),
        (tangerang, "Dinas Ketenagakerjaan", "4"),
    ):
        opds[name] = OPD.objects.create(pemda=pemda, name=name, kind="dinas", code=code)
    return {"lumajang": lumajang, "tangerang": tangerang, **opds}


@pytest.fixture
def seed_data():
    return copy.deepcopy(SEED_SOPS)
