"""The demo OPDs: their units, plans, officials and staff (data for ``seed_demo``)."""

from dataclasses import dataclass
from decimal import Decimal

from kinerja.demo import plans
from kinerja.demo.plans import E
from kinerja.models import OPD, Pemda

SEKRETARIAT = ("Sekretariat", "sekretariat", None)
PERENCANAAN = ("Sub Bagian Perencanaan dan Keuangan", "sub_bagian", "sekretariat")


@dataclass
class OpdSpec:
    slug: str
    pemda: str
    name: str
    short_name: str
    kind: str
    code: str
    units: dict[str, tuple[str, str, str | None]]
    plan: list[E]
    kepala: tuple[str, str, str]  # jabatan, name, NIP
    staff: dict[str, str]  # role -> full name
    kepala_unit: str  # unit key the demo kepala_unit heads
    operator_unit: str
    cycles: tuple[tuple[str, str], ...] = ()  # (period, state the demo leaves it in)


PEMDA = {
    "lumajang": (
        "Pemerintah Kabupaten Lumajang",
        Pemda.Kind.KABUPATEN,
        "Bupati Lumajang",
        "Ir. Bambang Wicaksono, M.M.",
    ),
    "tangerang": (
        "Pemerintah Kota Tangerang",
        Pemda.Kind.KOTA,
        "Wali Kota Tangerang",
        "Drs. Hendra Saputra, M.Si.",
    ),
}

OPDS = [
    OpdSpec(
        slug="disnaker-lmj",
        pemda="lumajang",
        name="Dinas Tenaga Kerja",
        short_name="Disnaker Lumajang",
        kind=OPD.Kind.DINAS,
        code="2.07.0.00.0.00.01.0000",
        units={
            "sekretariat": SEKRETARIAT,
            "perencanaan": PERENCANAAN,
            "pelatihan": ("Bidang Pelatihan dan Produktivitas Tenaga Kerja", "bidang", None),
            "penempatan": ("Bidang Penempatan dan Perluasan Kesempatan Kerja", "bidang", None),
            "hubungan_industrial": ("Bidang Hubungan Industrial dan Jaminan Sosial", "bidang", None),
        },
        plan=plans.DISNAKER_LUMAJANG,
        kepala=("Pt. Kepala Dinas Tenaga Kerja", "INDRA WIBOWO LEKSANA, S.Sos. M.M", "196811181990031005"),
        staff={
            "sekretaris": "Dra. Siti Rahmawati, M.M.",
            "kepala_unit": "Agus Prasetyo, S.T.",
            "tim_sakip": "Rina Kusumawardani, S.E.",
            "operator": "Dimas Arya Nugraha, A.Md.",
        },
        kepala_unit="penempatan",
        operator_unit="penempatan",
        cycles=(("tw1", "arsip"), ("tw2", "reviu"), ("tw3", "pengumpulan")),
    ),
    OpdSpec(
        slug="dpmptsp-lmj",
        pemda="lumajang",
        name="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        short_name="DPMPTSP Lumajang",
        kind=OPD.Kind.DINAS,
        code="2.18.0.00.0.00.01.0000",
        units={
            "sekretariat": SEKRETARIAT,
            "perencanaan": PERENCANAAN,
            "pelayanan": ("Bidang Pelayanan Perizinan dan Nonperizinan", "bidang", None),
            "promosi": ("Bidang Promosi dan Pengembangan Iklim Penanaman Modal", "bidang", None),
            "pengendalian": ("Bidang Pengendalian Pelaksanaan Penanaman Modal", "bidang", None),
        },
        plan=plans.DPMPTSP_LUMAJANG,
        kepala=(
            "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "ARI MURGONO, S.STP., M.Si.",
            "197802161997031001",
        ),
        staff={
            "sekretaris": "Yuliana Dewi, S.H., M.H.",
            "kepala_unit": "Bayu Setiawan, S.Kom.",
            "tim_sakip": "Nur Aini Fitriyah, S.AP.",
            "operator": "Fajar Ramadhan, S.E.",
        },
        kepala_unit="pelayanan",
        operator_unit="pelayanan",
        cycles=(("tw1", "arsip"), ("tw2", "pengesahan")),
    ),
    OpdSpec(
        slug="candipuro",
        pemda="lumajang",
        name="Kecamatan Candipuro",
        short_name="Kec. Candipuro",
        kind=OPD.Kind.KECAMATAN,
        code="7.01.0.00.0.00.15.0000",
        units={
            "sekretariat": SEKRETARIAT,
            "perencanaan": ("Sub Bagian Umum, Kepegawaian dan Keuangan", "sub_bagian", "sekretariat"),
            "pemerintahan": ("Seksi Pemerintahan", "seksi", None),
            "trantib": ("Seksi Ketentraman dan Ketertiban Umum", "seksi", None),
            "pmd": ("Seksi Pemberdayaan Masyarakat dan Desa", "seksi", None),
        },
        plan=plans.KECAMATAN_CANDIPURO,
        kepala=("Pt. Camat Candipuro", "AKHMAD KHARIRI, SH", "197208181994031009"),
        staff={
            "sekretaris": "Heru Santoso, S.Sos.",
            "kepala_unit": "Lilik Maftuchah, S.IP.",
            "tim_sakip": "Moch. Rizal Efendi, S.AP.",
            "operator": "Wahyu Andriani",
        },
        kepala_unit="pemerintahan",
        operator_unit="pemerintahan",
        cycles=(("tw2", "rekap"), ("tw3", "disposisi")),
    ),
    OpdSpec(
        slug="disnaker-tng",
        pemda="tangerang",
        name="Dinas Ketenagakerjaan",
        short_name="Disnaker Kota Tangerang",
        kind=OPD.Kind.DINAS,
        code="2.07.0.00.0.00.01.0000",
        units={
            "sekretariat": SEKRETARIAT,
            "perencanaan": ("Sub Koordinator Perencanaan", "sub_bagian", "sekretariat"),
            "pelatihan": ("Bidang Pelatihan dan Produktivitas", "bidang", None),
            "penempatan": ("Bidang Penempatan Tenaga Kerja", "bidang", None),
            "hubungan_industrial": ("Bidang Hubungan Industrial dan Jaminan Sosial", "bidang", None),
        },
        plan=plans.DISNAKER_TANGERANG,
        kepala=(
            "Kepala Dinas Ketenagakerjaan Kota Tangerang",
            "Dr. UJANG HENDRA GUNAWAN, S.Sos, M.Si",
            "197205022002121009",
        ),
        staff={
            "sekretaris": "Dewi Anggraeni, S.E., M.Ak.",
            "kepala_unit": "Rudi Hartono, S.H.",
            "tim_sakip": "Ika Puspitasari, S.Stat.",
            "operator": "Andi Saputra, S.Kom.",
        },
        kepala_unit="penempatan",
        operator_unit="penempatan",
        cycles=(("tw1", "arsip"), ("tw2", "pengumpulan")),
    ),
]

# Analysis texts as Tim SAKIP writes them, chosen by how the quarter went.
ANALYSIS_GOOD = (
    "Koordinasi lintas bidang dan dukungan anggaran berjalan baik.",
    "Tidak ada kendala berarti pada triwulan ini.",
    "Pertahankan pola pelaksanaan dan percepat kegiatan triwulan berikutnya.",
)
ANALYSIS_WEAK = (
    "Sebagian kegiatan sudah terlaksana sesuai rencana aksi.",
    "Keterlambatan pencairan anggaran dan keterbatasan data dari instansi terkait.",
    "Percepatan pelaksanaan pada triwulan berikutnya dan koordinasi data bulanan.",
)

QUARTER_SHARES = (Decimal("0.20"), Decimal("0.25"), Decimal("0.25"))
