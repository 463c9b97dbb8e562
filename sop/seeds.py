"""The five seed SOPs (../shared/seeds/), as data in the SOP exchange format.

Their text was extracted from scans: lanes marked by position were lost, arrows and
diamonds became stray glyphs, and Candipuro's step 10 lost its description. The
structure is reconstructed from the words (``Dikembalikan untuk dilengkapi``, ``Ya /
Tidak``, ``Jika tidak maka dikembalikan``); every reconstructed value says so in its
keterangan. The words themselves are kept as the documents give them.
"""

FORMAT = "sakip-sop"
VERSION = 1


def step(
    number,
    description,
    lane,
    kelengkapan,
    waktu,
    satuan,
    output,
    state,
    *,
    symbol="proses",
    ya=None,
    tidak=None,
    keterangan="",
):
    return {
        "number": number,
        "description": description,
        "lane": lane,
        "symbol": symbol,
        "ya": ya,
        "tidak": tidak,
        "kelengkapan": kelengkapan,
        "waktu": waktu,
        "satuan": satuan,
        "output": output,
        "keterangan": keterangan,
        "state": state,
    }


DISNAKER_LUMAJANG = {
    "format": FORMAT,
    "version": VERSION,
    "slug": "disnaker-lumajang-pengukuran",
    "owner": {"pemda": "lumajang", "opd": "Dinas Tenaga Kerja"},
    "revision": {
        "pemda_label": "PEMERINTAH KABUPATEN LUMAJANG",
        "opd_label": "DINAS TENAGA KERJA",
        "unit_label": "",
        "nomor": "427.51/37/01.03/2024",
        "tanggal_pembuatan": "2024-02-01",
        "tanggal_revisi": None,
        "tanggal_efektif": "2024-02-01",
        "disahkan_jabatan": "Pt. KEPALA DINAS TENAGA KERJA",
        "disahkan_nama": "INDRA WIBOWO LEKSANA, S.Sos. M.M",
        "disahkan_nip": "196811181990031005",
        "nama": "Pengukuran dan Pengumpulan Data Kinerja",
        "dasar_hukum": [
            "Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional;",
            "Peraturan Pemerintah Nomor 8 Tahun 2006 Tentang Pelaporan Keuangan dan Kinerja Instansi Pemerintah;",
            "Peraturan Presiden Nomor 29 Tahun 2014 Tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
            "Peraturan Menteri Negara Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 29 Tahun 2010 "
            "Tentang Pedoman Penyusunan Penetapan Kinerja dan Pelaporan Akuntabilitas Kinerja Instansi Pemerintah;",
            "Peraturan Menteri Negara Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 "
            "Tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja, dan Tata Cara Reviu Atas Laporan "
            "Kinerja Instansi Pemerintah;",
            "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 Tentang Pelaksanaan Peraturan Pemerintah Republik "
            "Indonesia Nomor 8 Tahun 2008 Tentang Tahapan, Tatacara Penyusunan, Pengendalian dan Evaluasi "
            "Pelaksanaan Rencana Pembangunan Daerah;",
            "Peraturan Daerah Kabupaten Lumajang Nomor 13 Tahun 2021 tentang Perubahan Kedua atas Peraturan Daerah "
            "Nomor 15 Tahun 2016 Tentang Pembentukan dan Susunan Perangkat Daerah;",
            "Peraturan Bupati Lumajang Nomor 21 Tahun 2023 Tentang Rencana Pembangunan Daerah Kabupaten Lumajang "
            "Tahun 2024-2026;",
            "Peraturan Bupati Lumajang Nomor 25 Tahun 2023 tentang Kedudukan, Susunan Organisasi, Uraian Tugas dan "
            "Fungsi serta Tata Kerja Dinas Tenaga Kerja.",
        ],
        "kualifikasi": [
            "Memahami tentang Rencana Strategis dan dokumen perencanaan Dinas Tenaga Kerja",
            "Memiliki kemampuan dalam menyusun dan menganalisis data kinerja OPD",
            "Memiliki kemampuan dalam mengoperasikan komputer",
        ],
        "keterkaitan": ["SOP Penyusunan Renstra", "SOP Penyusunan Laporan Kinerja"],
        "peralatan": [
            "RENSTRA, Renja",
            "Dokumen Penetapan Kinerja",
            "Format Pengukuran Kinerja",
            "Laporan Realisasi Keuangan",
            "Perangkat Komputer",
            "Printer",
            "ATK",
        ],
        "peringatan": [
            "Jika tidak dilaksanakan sesuai SOP, maka akan menghambat evaluasi kinerja dan pelaporan LPPD"
        ],
        "pencatatan": ["Indikator kinerja, target, realisasi dan prosentase capaian kinerja"],
        "lanes": [
            {"label": "Kepala Dinas", "role": "kepala"},
            {"label": "Sekretaris", "role": "sekretaris"},
            {"label": "Tim Sakip", "role": "tim_sakip"},
        ],
        "steps": [
            step(
                1,
                "Memberikan perintah disposisi tugas pengukuran dan pengumpulan data kinerja",
                0,
                "Berkas Disposisi",
                10,
                "menit",
                "Disposisi surat",
                "disposisi",
                symbol="mulai",
            ),
            step(
                2,
                "Menugaskan dan memberikan arahan kepada Tim Sakip untuk melaksanakan kegiatan pengukuran dan "
                "pengumpulan data kinerja",
                1,
                "Disposisi",
                20,
                "menit",
                "Disposisi surat",
                "disposisi",
            ),
            step(
                3,
                "Tim Sakip menyusun rencana kegiatan pengukuran kinerja mulai dari indikator tujuan, sasaran, "
                "program, kegiatan dan sub kegiatan",
                2,
                "Disposisi",
                120,
                "menit",
                "Program kerja kegiatan",
                "pengumpulan",
            ),
            step(
                4,
                "Tim Sakip melakukan pengukuran realisasi dan capaian kinerja sesuai metodologi/formula "
                "perhitungan yang telah ditetapkan",
                2,
                "Kertas kerja pengukuran kinerja, dokumen pengumpulan data kinerja",
                2,
                "hari",
                "Kertas kerja pengukuran kinerja",
                "pengumpulan",
            ),
            step(
                5,
                "Tim Sakip merekap seluruh hasil pengukuran realisasi dan capaian kinerja untuk indikator "
                "tujuan, sasaran, program, kegiatan dan sub kegiatan",
                2,
                "Kertas kerja pengukuran kinerja",
                120,
                "menit",
                "Rekapitulasi hasil pengukuran kinerja",
                "rekap",
            ),
            step(
                6,
                "Tim Sakip melaporkan hasil rekapitulasi pengukuran kinerja kepada Sekretaris",
                2,
                "Rekapitulasi hasil pengukuran kinerja",
                30,
                "menit",
                "Draft Laporan hasil pengukuran kinerja",
                "rekap",
            ),
            step(
                7,
                "Sekretaris menganalisa hasil rekapitulasi pengukuran kinerja, apabila ada kesalahan segera "
                "dikembalikan kepada Tim untuk direvisi dan apabila sudah benar dapat digunakan sebagai bahan "
                "penyusunan laporan kinerja dan evaluasi",
                1,
                "Draft Laporan hasil pengukuran kinerja",
                60,
                "menit",
                "Laporan hasil pengukuran kinerja",
                "reviu",
                symbol="keputusan",
                ya=8,
                tidak=5,
                keterangan="Keputusan direkonstruksi dari uraian: Tidak (ada kesalahan) kembali ke Tim, langkah 5",
            ),
            step(
                8,
                "Sekretaris melaporkan data pengukuran kinerja kepada Kepala Dinas",
                0,
                "Laporan hasil pengukuran kinerja",
                30,
                "menit",
                "Laporan hasil pengukuran kinerja yang telah ditandatangani",
                "pengesahan",
                keterangan="Lajur direkonstruksi: laporan ditandatangani Kepala Dinas",
            ),
            step(
                9,
                "Tim menyimpan dokumen sebagai kelengkapan dokumen sakip perangkat daerah",
                2,
                "Laporan hasil pengukuran kinerja yang telah ditandatangani",
                10,
                "menit",
                "Arsip Laporan hasil pengukuran kinerja",
                "arsip",
                symbol="selesai",
            ),
        ],
    },
}

_DPMPTSP_HUKUM_PERPRES = (
    "Peraturan Presiden No. 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;"
)
_DPMPTSP_HUKUM_PERMEN = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi No. 53 Tahun 2014 tentang Petunjuk "
    "Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Review atas Laporan Kinerja"
)
_DPMPTSP_KUALIFIKASI = [
    "Memiliki kemampuan pengolahan data sederhana;",
    "Mengetahui tugas dan fungsi;",
    "Memahami peraturan tentang tugas dan fungsi;",
    "Mampu mengoperasikan peralatan dan perlengkapan personal komputer.",
]
_DPMPTSP_PERINGATAN = [
    "Jika SOP tidak dilaksanakan maka penyusunan Laporan Kinerja tidak maksimal dan tidak tercapainya kinerja "
    "sesuai target yang ditetapkan"
]
_DPMPTSP_IDENTITY = {
    "pemda_label": "PEMERINTAH KABUPATEN LUMAJANG",
    "opd_label": "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU",
    "unit_label": "",
    "tanggal_pembuatan": "2019-10-21",
    "tanggal_revisi": "2023-04-03",
    "tanggal_efektif": "2023-04-04",
    "disahkan_jabatan": "KEPALA DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU KABUPATEN LUMAJANG",
    "disahkan_nama": "ARI MURGONO, S.STP., M.Si.",
    "disahkan_nip": "197802161997031001",
    "peralatan": ["Komputer;", "Kertas;", "Printer."],
    "peringatan": _DPMPTSP_PERINGATAN,
    "pencatatan": ["Disimpan sebagai data elektronik dan manual"],
    "kualifikasi": _DPMPTSP_KUALIFIKASI,
}
_DPMPTSP_DATA = "Perjanjian kinerja, Rencana aksi, IKU, IKI, Data Kinerja"

DPMPTSP_PENGUKURAN = {
    "format": FORMAT,
    "version": VERSION,
    "slug": "dpmptsp-lumajang-pengukuran-kinerja",
    "owner": {"pemda": "lumajang", "opd": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"},
    "revision": {
        **_DPMPTSP_IDENTITY,
        "nomor": "427.59/1/1/05/2023",
        "nama": "PENGUKURAN KINERJA",
        "dasar_hukum": [
            _DPMPTSP_HUKUM_PERPRES,
            _DPMPTSP_HUKUM_PERMEN + ";",
            "Peraturan Bupati Lumajang Nomor 36 Tahun 2018 tentang Pedoman Pengukuran Kinerja.",
        ],
        "keterkaitan": ["SOP Pengumpulan Data Kinerja;", "SOP Penyusunan Laporan Kinerja."],
        "lanes": [{"label": "Kadin", "role": "kepala"}, {"label": "Tim SAKIP", "role": "tim_sakip"}],
        "steps": [
            step(
                1,
                "Mempersiapkan data kinerja, Indikator Kinerja Utama (IKU) dan Indikator Kinerja Individu (IKI) "
                "yang telah ditetapkan dalam perjanjian kinerja",
                1,
                _DPMPTSP_DATA,
                4,
                "jam",
                _DPMPTSP_DATA,
                "pengumpulan",
                symbol="mulai",
            ),
            step(
                2,
                "Mengukur dan membuat draft dokumen pengukuran kinerja",
                1,
                _DPMPTSP_DATA,
                8,
                "jam",
                "Draft dokumen pengukuran kinerja",
                "rekap",
            ),
            step(
                3,
                "Mereviu draft dokumen pengukuran kinerja",
                0,
                "Draft dokumen pengukuran kinerja",
                4,
                "jam",
                "Draft dokumen pengukuran kinerja",
                "reviu",
            ),
            step(
                4,
                "Mengesahkan draft dokumen pengukuran kinerja",
                0,
                "Draft dokumen pengukuran kinerja",
                15,
                "menit",
                "Dokumen pengukuran kinerja",
                "pengesahan",
            ),
            step(
                5,
                "Mengarsipkan dan menyiapkan penyusunan laporan kinerja",
                1,
                "Dokumen pengukuran kinerja",
                15,
                "menit",
                "Dokumen pengukuran kinerja",
                "arsip",
                symbol="selesai",
            ),
        ],
    },
}

DPMPTSP_PENGUMPULAN = {
    "format": FORMAT,
    "version": VERSION,
    "slug": "dpmptsp-lumajang-pengumpulan-data-kinerja",
    "owner": {"pemda": "lumajang", "opd": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"},
    "revision": {
        **_DPMPTSP_IDENTITY,
        "nomor": "427.59/1/1/04/2023",
        "nama": "PENGUMPULAN DATA KINERJA",
        "dasar_hukum": [_DPMPTSP_HUKUM_PERPRES, _DPMPTSP_HUKUM_PERMEN + "."],
        "keterkaitan": ["SOP Pengukuran Kinerja", "SOP Laporan Kinerja"],
        "lanes": [
            {"label": "Kadin", "role": "kepala"},
            {"label": "Kabid / Sekretaris", "role": "sekretaris"},
            {"label": "Kasubbag/ Sub Koordinator", "role": "kepala_unit"},
            {"label": "Tim kerja", "role": "tim_sakip"},
        ],
        "steps": [
            step(
                1,
                "Menugaskan Kabid/Sekretaris untuk mengumpulkan data kinerja setiap triwulan",
                0,
                "Perjanjian kinerja, Rencana aksi",
                5,
                "menit",
                "Disposisi",
                "disposisi",
                symbol="mulai",
            ),
            step(
                2,
                "Menugaskan Kasubag/Sub Koordinator untuk menyiapkan data kinerja",
                1,
                "1. Disposisi 2. Perjanjian kinerja dan Rencana aksi",
                5,
                "menit",
                "Disposisi",
                "disposisi",
            ),
            step(
                3,
                "Mengarahkan tim untuk mengumpulkan data kinerja",
                2,
                "1. Disposisi 2. Perjanjian kinerja dan Rencana aksi",
                15,
                "menit",
                "Catatan pembagian tugas",
                "disposisi",
            ),
            step(
                4,
                "Mengumpulkan dan menyerahkan data kinerja",
                3,
                "Catatan pebagian tugas",
                2,
                "hari",
                "Draf data kinerja",
                "pengumpulan",
            ),
            step(
                5,
                "Memeriksa kelengkapan data kinerja",
                2,
                "Draft data kinerja",
                8,
                "jam",
                "Data kinerja Disposisi",
                "pengumpulan",
                symbol="keputusan",
                ya=6,
                tidak=4,
                keterangan="Dikembalikan untuk dilengkapi/diperbaiki (Tidak: kembali ke langkah 4; direkonstruksi)",
            ),
            step(
                6,
                "Melakukan persiapan penyusunan dokumen pengukuran kinerja dan dokumen laporan kinerja",
                3,
                "Data kinerja Disposisi",
                15,
                "menit",
                "Kelengkapan dokumen pengukuran kinerja dan draft dokumen laporan kinerja",
                "rekap",
                symbol="selesai",
            ),
        ],
    },
}

DISNAKER_TANGERANG = {
    "format": FORMAT,
    "version": VERSION,
    "slug": "disnaker-tangerang-laporan-kinerja",
    "owner": {"pemda": "tangerang", "opd": "Dinas Ketenagakerjaan"},
    "revision": {
        "pemda_label": "PEMERINTAH KOTA TANGERANG",
        "opd_label": "DINAS KETENAGAKERJAAN KOTA TANGERANG",
        "unit_label": "SUB KOORDINATOR PERENCANAAN",
        "nomor": "PSM/DISNAKER-101",
        "tanggal_pembuatan": "2024-01-08",
        "tanggal_revisi": None,
        "tanggal_efektif": "2024-01-08",
        "disahkan_jabatan": "Kepala Dinas Ketenagakerjaan Kota Tangerang",
        "disahkan_nama": "UJANG HENDRA GUNAWAN, S.Sos, M.Si",
        "disahkan_nip": "197205022002121009",
        "nama": "Penyusunan Laporan Kinerja dan Pengumpulan Data",
        "dasar_hukum": [
            "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang "
            "petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Review atas Laporan Kinerja",
        ],
        "kualifikasi": [
            "Memiliki kemampuan pengolahan data",
            "Mengetahui tugas dan fungsi Sistem Akuntabilitas Kinerja Instansi Pemerintah",
            "Mengetahui tugas dan fungsi dalam pembuatan laporan kinerja",
        ],
        "keterkaitan": ["SOP Penyusunan Laporan Kinerja dan Pengumpulan Data"],
        "peralatan": ["Komputer dan Kelengkapan ATK"],
        "peringatan": [
            "Jika SOP tidak dilaksanakan maka penyusunan LKIP tidak maksimal dan tidak tercapainya kinerja seuai "
            "target yang ditetapkan."
        ],
        "pencatatan": ["Disimpan sebagai data elektronik dan manual"],
        "lanes": [
            {"label": "Sekretaris Dinas", "role": "sekretaris"},
            {"label": "Kepala Bidang", "role": "kepala_unit"},
            {"label": "Sub Koordinator Perencanaan", "role": "tim_sakip"},
            {"label": "Kepala Seksi", "role": "kepala_unit"},
            {"label": "Staf Penyusun Evaluasi Kinerja", "role": "tim_sakip"},
        ],
        "steps": [
            step(
                1,
                "Mengumpulkan data laporan kinerja triwulan kepada subbag/seksi, OPD dan intansi terkait",
                0,
                "Perjanjian Kinerja, Rencana aksi",
                15,
                "menit",
                "Disposisi",
                "disposisi",
                symbol="mulai",
            ),
            step(
                2,
                "Merekap laporan kinerja triwulan",
                1,
                "Disposisi Perjanjian Kinerja, Kinerja Aksi",
                30,
                "menit",
                "Lembar Disposisi",
                "pengumpulan",
            ),
            step(
                3,
                "Mengolah data laporan kinerja triwulan",
                3,
                "Disposisi Perjanjian Kinerja, Rencana Aksi, Laporan Progres Bulanan",
                2,
                "menit",
                "Draft Laporan Kinerja",
                "pengumpulan",
            ),
            step(
                4,
                "Menyusun laporan kinerja triwulan",
                4,
                "Perjanjian Kinerja, Rencana Aksi, Draft Laporan Kinerja",
                30,
                "menit",
                "Draft Laporan Kinerja",
                "rekap",
            ),
            step(
                5,
                "Mensosialisasikan laporan kinerja triwulan kepada pejabata terkait",
                2,
                "Perjanjian Kinerja, Rencana Aksi, Draft Laporan Kinerja",
                30,
                "menit",
                "Draft Laporan Kinerja",
                "rekap",
            ),
            step(
                6,
                "Merekap 2 (dua) laporan triwulan untuk menyusun laporan",
                4,
                "Catatan Pembagian Tugas",
                2,
                "hari",
                "Disposisi",
                "rekap",
            ),
            step(
                7,
                "Menyusun laporan semester dan laporan tahunan",
                2,
                "Data Laporan Kinrja Triwulan",
                120,
                "hari",
                "Lembar Disposisi",
                "rekap",
                symbol="keputusan",
                ya=8,
                tidak=2,
                keterangan="Keputusan direkonstruksi (Ya/Tidak): Tidak bila belum dua triwulan, kembali ke "
                "langkah 2",
            ),
            step(
                8,
                "Mensosialisasikan laporan semesteran",
                0,
                "Hasil Koreksi Laporan Kinerja Triwulan",
                60,
                "menit",
                "Draft Laporan Kinerja",
                "reviu",
                symbol="keputusan",
                ya=9,
                tidak=7,
                keterangan="Keputusan direkonstruksi (Ya/Tidak): Tidak dikoreksi, kembali ke langkah 7",
            ),
            step(
                9,
                "Menyususn 2 (dua) Laporan semesteran menjadi laporan kinerja tahunan",
                2,
                "Laporan Kinerja Triwulan",
                15,
                "menit",
                "Draft Laporan Kinerja",
                "arsip",
                symbol="selesai",
            ),
        ],
    },
}

KECAMATAN_CANDIPURO = {
    "format": FORMAT,
    "version": VERSION,
    "slug": "kecamatan-candipuro-pengukuran",
    "owner": {"pemda": "lumajang", "opd": "Kecamatan Candipuro"},
    "revision": {
        "pemda_label": "PEMERINTAH KABUPATEN LUMAJANG",
        "opd_label": "KECAMATAN CANDIPURO",
        "unit_label": "",
        "nomor": "700/16.1/SOP/427.83/2024",
        "tanggal_pembuatan": "2024-01-14",
        "tanggal_revisi": None,
        "tanggal_efektif": "2024-01-17",
        "disahkan_jabatan": "Pt. CAMAT CANDIPURO",
        "disahkan_nama": "AKHMAD KHARIRI, SH",
        "disahkan_nip": "197208181994031009",
        "nama": "Pengukuran Data Kinerja Kecamatan Candipuro",
        "dasar_hukum": [
            "Peraturan Presiden Republik Indonesia Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
            "Instansi Pemerintah;",
            "Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur Di Lingkungan "
            "Pemerintah Provinsi dan Kabupaten/Kota;",
            "Keputusan Menteri Pemberdayaan Aparatur Negara dan Reformasi Birokrasi Nomor 25 Tahun 2012 tentang "
            "Petunjuk Pelaksanaan Evaluasi Akuntabilitas Kinerja Instansi Pemerintah;",
            "Peraturan Daerah Kabupaten Lumajang Nomor 15 Tahun 2106 tentang pembentukan dan Susunan Perangkat Daerah "
            "(Lembaran Daerah Kabupaten Lumajang Tahun 2016 Nomor 16, Tambahan Lembaran Daerah Kabupaten Lumajang "
            "Nomor 90);",
            "Peraturan Bupati Lumajang Nomor 96 Tahun 2019 Tentang Kedudukan, Susunan Organisasi, Uraian Tugas, dan "
            "Fungsi serta Tata Kerja Kecamatan dan Kelurahan",
        ],
        "kualifikasi": [
            "Sarjana/Teknik/Pemerintahan/Sosial/Hukum/Adminitrasi",
            "Memiliki Kemampuan mengidentifikasi dan analisis terkait persoalan yang ada.",
            "Memiliki kemampuan terkait mekanisme pembuatan laporan",
            "Memiliki kemampuan mengoperasikan komputer",
        ],
        "keterkaitan": ["SOP Penyusunan SAKIP", "SOP Pengumpulan Data Kinerja"],
        "peralatan": [
            "Alat Tulis Kantor",
            "Komputer",
            "Printer",
            "Lembar Kerja dan Rencana Kerja",
            "Perjanjian Kinerja dan Indikator Kinerja Individu (IKI)",
        ],
        "peringatan": [
            "Jika tidak dilaksanakan sesuai SOP. Maka proses pengukuran data kinerja ini tidak berjalan lancar"
        ],
        "pencatatan": ["Disimpan dalam bentuk file softcopy dan hardcopy"],
        "lanes": [
            {"label": "Camat", "role": "kepala"},
            {"label": "Sekretaris", "role": "sekretaris"},
            {"label": "Kasi / Kasubag", "role": "kepala_unit"},
            {"label": "TIM SAKIP", "role": "tim_sakip"},
            {"label": "Staf", "role": "operator"},
        ],
        "steps": [
            step(
                1,
                "Camat memerintahkan Sekretaris untuk melakukan pengukuran kinerja",
                0,
                "Disposisi Surat",
                10,
                "menit",
                "Disposisi Surat",
                "disposisi",
                symbol="mulai",
                keterangan="-",
            ),
            step(
                2,
                "Sekretaris melakukan rapat dengan Tim SAKIP untuk memberikan arahan pelaksanaan kegiatan "
                "pengumpulan data kinerja",
                1,
                "Format Penyusunan Data Kinerja",
                2,
                "jam",
                "Format Penyusunan Data Kinerja",
                "disposisi",
                keterangan="-",
            ),
            step(
                3,
                "Tim SAKIP menyusun rencana kegiatan pengukuran kinerja",
                3,
                "Format Penyusunan Data Kinerja",
                1,
                "jam",
                "Format Penyusunan Data Kinerja",
                "pengumpulan",
                keterangan="-",
            ),
            step(
                4,
                "Tim SAKIP menyiapkan metodologi pengukuran capaian kinerja untuk tiaptiap tujuan/ sasaran/ "
                "program/ kegiatan berdasarkan indikator kinerja yang SMART",
                3,
                "Format Penyusunan Data Kinerja",
                3,
                "jam",
                "Format Penyusunan Data Kinerja",
                "pengumpulan",
                keterangan="-",
            ),
            step(
                5,
                "Tim SAKIP melakukan pengukuran capaian kinerja menggunakan metodologi yang telah ditetapkan",
                3,
                "Format Penyusunan Data Kinerja",
                3,
                "hari",
                "Draft Laporan Kinerja",
                "pengumpulan",
                keterangan="-",
            ),
            step(
                6,
                "Tim SAKIP merekap seluruh hasil pengukuran capaian kinerja untuk tiaptiap tujuan/ sasaran/ "
                "program/ kegiatan",
                3,
                "Draft Laporan Kinerja",
                2,
                "hari",
                "Dokumen Laporan Kinerja",
                "rekap",
                keterangan="-",
            ),
            step(
                7,
                "Tim SAKIP melaporkan hasil rekapitulasi pengukuran kinerja kepada Sekretaris",
                2,
                "Dokumen Laporan Kinerja",
                1,
                "hari",
                "Dokumen Laporan Kinerja",
                "rekap",
                keterangan="Lajur direkonstruksi: disampaikan melalui Kasi/Kasubag",
            ),
            step(
                8,
                "Sekretaris menganalisa hasil rekapitulasi pengukuran kinerja, apabila setuju akan digunakan "
                "sebagai bahan untuk penyusunan Laporan kinerja dan evaluasi. Jika tidak maka dikembalikan untuk "
                "dilengkapi sesuai arahan",
                1,
                "Dokumen Laporan Kinerja",
                1,
                "jam",
                "Dokumen Laporan Kinerja",
                "reviu",
                symbol="keputusan",
                ya=9,
                tidak=6,
                keterangan="Konsep Laporan Kinerja. Keputusan direkonstruksi: Tidak kembali ke langkah 6",
            ),
            step(
                9,
                "Sekretaris melaporkan data pengukuran kinerja kepada Camat",
                0,
                "Dokumen Laporan Kinerja",
                10,
                "menit",
                "Disposisi Persetujuan Dokumen Laporan Kinerja",
                "pengesahan",
                keterangan="Dokumen Laporan Kinerja. Lajur direkonstruksi: persetujuan Camat",
            ),
            step(
                10,
                "Menyampaikan dokumen laporan kinerja dengan surat pengantar",
                4,
                "Konsep Surat Pengantar",
                15,
                "menit",
                "Surat Pengantar",
                "arsip",
                symbol="selesai",
                keterangan="Uraian hilang pada dokumen sumber; direkonstruksi dari kelengkapan dan output",
            ),
        ],
    },
}

SEED_SOPS = [
    DISNAKER_LUMAJANG,
    DPMPTSP_PENGUKURAN,
    DPMPTSP_PENGUMPULAN,
    DISNAKER_TANGERANG,
    KECAMATAN_CANDIPURO,
]
