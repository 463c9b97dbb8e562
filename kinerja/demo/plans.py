"""The Renstra trees of the demo OPDs: real Permendagri 90/2019 codes, realistic indicators.

A node is ``E(level, code, name, unit, indicators, children)``; an indicator is
``I(name, satuan, polarity, aggregation, annual target, realisasi per TW, ...)``.
Targets and realisasi are for the current year; quarterly targets default to the
indicator's aggregation rule (kumulatif: a share of the year per TW; otherwise the
value expected at the end of each TW).
"""

from dataclasses import dataclass, field


@dataclass
class I:  # noqa: E742 (short names keep the tree readable)
    name: str
    satuan: str
    polarity: str
    aggregation: str
    target: str
    realisasi: list[str | None] = field(default_factory=list)
    iku: bool = False
    band: tuple[str, str] | None = None
    baseline: str | None = None
    quarters: list[str] | None = None
    unit: str | None = None
    allow_negative: bool = False
    definition: str = ""
    formula: str = ""
    data_source: str = ""
    unmeasured: dict[int, str] = field(default_factory=dict)


@dataclass
class E:
    level: str
    code: str
    name: str
    unit: str | None = None
    indicators: list[I] = field(default_factory=list)
    children: list["E"] = field(default_factory=list)


def penunjang(urusan: str, name_program: str = "Kabupaten/Kota") -> E:
    """The 'unsur penunjang' branch every OPD has: programme U.BB.01."""
    return E(
        "tujuan", "T2", "Meningkatnya akuntabilitas kinerja perangkat daerah", None,
        children=[E(
            "sasaran", "S2.1", "Meningkatnya kualitas tata kelola perangkat daerah", None,
            indicators=[I(
                "Nilai Evaluasi AKIP Perangkat Daerah", "nilai", "positif", "nilai_akhir",
                "75", ["72.4", "72.4"], iku=True, baseline="70.12", quarters=["72", "72", "74", "75"],
                definition="Nilai hasil evaluasi akuntabilitas kinerja perangkat daerah oleh Inspektorat.",
                data_source="Laporan Hasil Evaluasi AKIP Inspektorat",
            )],
            children=[E(
                "program", f"{urusan}.01",
                f"Program Penunjang Urusan Pemerintahan Daerah {name_program}", "sekretariat",
                indicators=[I(
                    "Persentase realisasi anggaran terhadap rencana kas", "%", "rentang",
                    "rata_rata", "100", ["88.5", "97.2"], band=("95", "105"),
                    formula="Realisasi belanja triwulan / rencana kas triwulan x 100%",
                    data_source="SIPD: laporan realisasi anggaran",
                )],
                children=[
                    E("kegiatan", f"{urusan}.01.2.01",
                      "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
                      "perencanaan",
                      indicators=[I(
                          "Persentase dokumen perencanaan dan evaluasi kinerja yang tersusun tepat waktu",
                          "%", "positif", "nilai_akhir", "100", ["100", "100"],
                      )],
                      children=[
                          E("sub_kegiatan", f"{urusan}.01.2.01.0001",
                            "Penyusunan Dokumen Perencanaan Perangkat Daerah", "perencanaan",
                            indicators=[I("Jumlah dokumen perencanaan perangkat daerah",
                                          "dokumen", "positif", "kumulatif", "3", ["1", "0"],
                                          quarters=["1", "1", "1", "0"])]),
                          E("sub_kegiatan", f"{urusan}.01.2.01.0006",
                            "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar "
                            "Realisasi Kinerja SKPD", "perencanaan",
                            indicators=[I("Jumlah laporan capaian kinerja dan ikhtisar realisasi "
                                          "kinerja SKPD", "laporan", "positif", "kumulatif", "5",
                                          ["2", "1"], quarters=["2", "1", "1", "1"])]),
                      ]),
                    E("kegiatan", f"{urusan}.01.2.02", "Administrasi Keuangan Perangkat Daerah",
                      "perencanaan",
                      children=[E("sub_kegiatan", f"{urusan}.01.2.02.0001",
                                  "Penyediaan Gaji dan Tunjangan ASN", "perencanaan",
                                  indicators=[I("Jumlah orang yang menerima gaji dan tunjangan ASN",
                                                "orang", "positif", "nilai_akhir", "48",
                                                ["48", "47"])])]),
                ],
            )],
        )],
    )


DISNAKER_LUMAJANG = [
    E("tujuan", "T1", "Meningkatnya kualitas dan kesejahteraan tenaga kerja", None,
      indicators=[I("Tingkat Pengangguran Terbuka (TPT)", "%", "negatif", "nilai_akhir", "4.05",
                    ["4.12", "3.98"], iku=True, baseline="4.19",
                    quarters=["4.15", "4.12", "4.08", "4.05"],
                    definition="Persentase penduduk usia kerja yang menganggur terhadap angkatan kerja.",
                    data_source="BPS Kabupaten Lumajang (Sakernas)")],
      children=[
          E("sasaran", "S1.1", "Meningkatnya penyerapan tenaga kerja", None,
            indicators=[
                I("Persentase pencari kerja yang ditempatkan", "%", "positif", "nilai_akhir",
                  "45", ["9.5", "17.8"], iku=True, quarters=["10", "20", "32", "45"],
                  formula="Pencari kerja yang ditempatkan / pencari kerja terdaftar x 100%",
                  data_source="Bidang Penempatan (AK/III)"),
                I("Jumlah wirausaha baru", "orang", "positif", "kumulatif", "240", ["52", "61"],
                  iku=True, unit="penempatan"),
            ],
            children=[E(
                "program", "2.07.04", "Program Penempatan Tenaga Kerja", "penempatan",
                indicators=[I("Jumlah pencari kerja yang ditempatkan", "orang", "positif",
                              "kumulatif", "1800", ["395", "412"])],
                children=[E(
                    "kegiatan", "2.07.04.2.01", "Pelayanan Antarkerja di Daerah Kabupaten/Kota",
                    "penempatan",
                    indicators=[I("Jumlah lowongan kerja yang diinformasikan", "lowongan",
                                  "positif", "kumulatif", "2400", ["610", "455"])],
                    children=[E(
                        "sub_kegiatan", "2.07.04.2.01.0001",
                        "Penyediaan Layanan Informasi Pasar Kerja dan Bursa Kerja", "penempatan",
                        indicators=[I("Jumlah penyelenggaraan bursa kerja (job fair)", "kali",
                                      "positif", "kumulatif", "2", ["0", "1"],
                                      quarters=["0", "1", "0", "1"])],
                    )],
                )],
            )]),
          E("sasaran", "S1.2", "Meningkatnya kompetensi dan produktivitas tenaga kerja", None,
            indicators=[I("Persentase lulusan pelatihan yang bersertifikat kompetensi", "%",
                          "positif", "nilai_akhir", "80", ["61", "70.5"], iku=True,
                          quarters=["60", "70", "75", "80"], unit="pelatihan")],
            children=[E(
                "program", "2.07.03", "Program Pelatihan Kerja dan Produktivitas Tenaga Kerja",
                "pelatihan",
                indicators=[I("Persentase peserta pelatihan yang lulus uji kompetensi", "%",
                              "positif", "nilai_akhir", "85", ["78", "83.3"])],
                children=[E(
                    "kegiatan", "2.07.03.2.01",
                    "Pelaksanaan Pelatihan berdasarkan Unit Kompetensi", "pelatihan",
                    indicators=[I("Jumlah tenaga kerja yang dilatih", "orang", "positif",
                                  "kumulatif", "480", ["96", "128"])],
                    children=[E(
                        "sub_kegiatan", "2.07.03.2.01.0001",
                        "Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan bagi Pencari "
                        "Kerja berdasarkan Klaster Kompetensi", "pelatihan",
                        indicators=[I("Jumlah paket pelatihan berbasis kompetensi yang "
                                      "dilaksanakan", "paket", "positif", "kumulatif", "24",
                                      ["4", "7"])],
                    )],
                )],
            )]),
          E("sasaran", "S1.3", "Terwujudnya hubungan industrial yang harmonis", None,
            indicators=[I("Persentase kasus perselisihan hubungan industrial yang diselesaikan",
                          "%", "positif", "nilai_akhir", "90", ["66.7", "85.7"], iku=True,
                          unit="hubungan_industrial")],
            children=[E(
                "program", "2.07.05", "Program Hubungan Industrial", "hubungan_industrial",
                indicators=[I("Jumlah perusahaan yang menerapkan struktur dan skala upah",
                              "perusahaan", "positif", "nilai_akhir", "120", ["84", "97"],
                              quarters=["90", "100", "110", "120"])],
                children=[E(
                    "kegiatan", "2.07.05.2.02",
                    "Pencegahan Perselisihan Hubungan Industrial, Mogok Kerja dan Penutupan "
                    "Perusahaan yang Berakibat/Berdampak pada Kepentingan di 1 (satu) Daerah "
                    "Kabupaten/Kota", "hubungan_industrial",
                    indicators=[I("Rata-rata waktu penyelesaian perselisihan hubungan industrial",
                                  "hari", "negatif", "rata_rata", "30", ["34", "28"])],
                )],
            )]),
      ]),
    penunjang("2.07"),
]

DPMPTSP_LUMAJANG = [
    E("tujuan", "T1", "Meningkatnya investasi di Kabupaten Lumajang", None,
      indicators=[I("Pertumbuhan nilai realisasi investasi", "%", "positif", "nilai_akhir", "8",
                    ["-2.5", "3.1"], iku=True, allow_negative=True, baseline="6.4",
                    quarters=["2", "4", "6", "8"],
                    formula="(Realisasi investasi tahun n - tahun n-1) / tahun n-1 x 100%",
                    data_source="Sistem OSS dan LKPM")],
      children=[
          E("sasaran", "S1.1", "Meningkatnya realisasi penanaman modal", None,
            indicators=[I("Nilai realisasi investasi PMA dan PMDN", "miliar rupiah", "positif",
                          "kumulatif", "1250", ["241.7", "318.25"], iku=True,
                          data_source="LKPM (OSS RBA)")],
            children=[
                E("program", "2.18.03", "Program Promosi Penanaman Modal", "promosi",
                  indicators=[I("Jumlah peminat investasi hasil promosi", "investor", "positif",
                                "kumulatif", "40", ["6", "11"])],
                  children=[E(
                      "kegiatan", "2.18.03.2.01",
                      "Penyelenggaraan Promosi Penanaman Modal yang menjadi Kewenangan Daerah "
                      "Kabupaten/Kota", "promosi",
                      children=[E(
                          "sub_kegiatan", "2.18.03.2.01.0001",
                          "Pelaksanaan Kegiatan Promosi Penanaman Modal Daerah Kabupaten/Kota",
                          "promosi",
                          indicators=[I("Jumlah kegiatan promosi penanaman modal", "kegiatan",
                                        "positif", "kumulatif", "6", ["1", "2"])],
                      )],
                  )]),
                E("program", "2.18.05", "Program Pengendalian Pelaksanaan Penanaman Modal",
                  "pengendalian",
                  indicators=[I("Persentase pelaku usaha yang menyampaikan LKPM", "%",
                                "positif", "nilai_akhir", "75", ["58", "66"],
                                quarters=["60", "65", "70", "75"])],
                  children=[E(
                      "kegiatan", "2.18.05.2.01",
                      "Pengendalian Pelaksanaan Penanaman Modal yang menjadi Kewenangan Daerah "
                      "Kabupaten/Kota", "pengendalian",
                      indicators=[I("Jumlah perusahaan yang dipantau dan dibina", "perusahaan",
                                    "positif", "kumulatif", "160", ["35", "44"])],
                  )]),
            ]),
          E("sasaran", "S1.2", "Meningkatnya kualitas pelayanan perizinan", None,
            indicators=[
                I("Indeks Kepuasan Masyarakat terhadap layanan perizinan", "nilai", "positif",
                  "rata_rata", "88", [None, "86.9"], iku=True, unit="pelayanan",
                  unmeasured={1: "Survei IKM dilaksanakan per semester; data TW I belum tersedia."}),
                I("Rata-rata waktu penyelesaian perizinan", "hari kerja", "negatif", "rata_rata",
                  "5", ["5.6", "4.8"], iku=True, unit="pelayanan"),
            ],
            children=[E(
                "program", "2.18.04", "Program Pelayanan Penanaman Modal", "pelayanan",
                indicators=[I("Persentase izin yang terbit tepat waktu", "%", "positif",
                              "nilai_akhir", "95", ["93.4", "96.1"])],
                children=[E(
                    "kegiatan", "2.18.04.2.01",
                    "Pelayanan Perizinan dan Nonperizinan secara Terpadu Satu Pintu di Bidang "
                    "Penanaman Modal yang menjadi Kewenangan Daerah Kabupaten/Kota", "pelayanan",
                    children=[E(
                        "sub_kegiatan", "2.18.04.2.01.0001",
                        "Penyediaan Pelayanan Terpadu Perizinan dan Nonperizinan berbasis Sistem "
                        "Pelayanan Perizinan Berusaha Terintegrasi secara Elektronik", "pelayanan",
                        indicators=[
                            I("Jumlah perizinan dan nonperizinan yang diterbitkan", "izin",
                              "positif", "kumulatif", "6500", ["1488", "1702"]),
                            I("Persentase pengaduan layanan perizinan yang ditindaklanjuti", "%",
                              "positif", "nilai_akhir", "100", ["100", "92.3"]),
                        ],
                    )],
                )],
            )]),
      ]),
    penunjang("2.18"),
]

KECAMATAN_CANDIPURO = [
    E("tujuan", "T1",
      "Meningkatnya kualitas penyelenggaraan pemerintahan dan pelayanan publik di Kecamatan "
      "Candipuro", None,
      indicators=[I("Indeks Kepuasan Masyarakat terhadap layanan kecamatan", "nilai", "positif",
                    "rata_rata", "85", ["83.2", "84.6"], iku=True, baseline="82.5")],
      children=[
          E("sasaran", "S1.1", "Meningkatnya kualitas pelayanan administrasi terpadu kecamatan",
            None,
            indicators=[I("Persentase layanan PATEN yang diselesaikan tepat waktu", "%",
                          "positif", "nilai_akhir", "95", ["91", "94.2"], iku=True,
                          unit="pemerintahan")],
            children=[E(
                "program", "7.01.02", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
                "pemerintahan",
                indicators=[I("Jumlah layanan administrasi kecamatan yang diberikan", "layanan",
                              "positif", "kumulatif", "5200", ["1210", "1344"])],
                children=[E(
                    "kegiatan", "7.01.02.2.01",
                    "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
                    "pemerintahan",
                    children=[E(
                        "sub_kegiatan", "7.01.02.2.01.0001",
                        "Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan "
                        "dengan Perangkat Daerah dan Instansi Vertikal Terkait", "pemerintahan",
                        indicators=[I("Jumlah rapat koordinasi pemerintahan yang dilaksanakan",
                                      "kali", "positif", "kumulatif", "12", ["3", "3"])],
                    )],
                )],
            )]),
          E("sasaran", "S1.2", "Meningkatnya ketentraman dan ketertiban umum", None,
            indicators=[I("Jumlah gangguan ketentraman dan ketertiban umum", "kejadian",
                          "negatif", "kumulatif", "12", ["4", "2"], iku=True, unit="trantib")],
            children=[E(
                "program", "7.01.04", "Program Koordinasi Ketentraman dan Ketertiban Umum",
                "trantib",
                indicators=[I("Persentase gangguan trantibum yang ditangani", "%", "positif",
                              "nilai_akhir", "100", ["100", "100"])],
                children=[E(
                    "kegiatan", "7.01.04.2.01",
                    "Koordinasi Penerapan dan Penegakan Peraturan Daerah dan Peraturan Kepala "
                    "Daerah", "trantib",
                    indicators=[I("Jumlah operasi penegakan perda yang dikoordinasikan", "kali",
                                  "positif", "kumulatif", "8", ["2", "1"])],
                )],
            )]),
          E("sasaran", "S1.3", "Meningkatnya pemberdayaan masyarakat desa", None,
            indicators=[I("Persentase desa berstatus mandiri dan maju", "%", "positif",
                          "nilai_akhir", "40", ["30", "30"], iku=True, baseline="30",
                          unit="pmd")],
            children=[
                E("program", "7.01.03", "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
                  "pmd",
                  indicators=[I("Jumlah lembaga kemasyarakatan desa yang dibina", "lembaga",
                                "positif", "kumulatif", "30", ["6", "9"])]),
                E("program", "7.01.06", "Program Pembinaan dan Pengawasan Pemerintahan Desa",
                  "pmd",
                  indicators=[I("Persentase desa yang menyampaikan laporan APBDes tepat waktu",
                                "%", "positif", "nilai_akhir", "100", ["80", "90"])]),
            ]),
      ]),
    penunjang("7.01"),
]

DISNAKER_TANGERANG = [
    E("tujuan", "T1", "Meningkatnya kesempatan kerja dan kualitas tenaga kerja Kota Tangerang",
      None,
      indicators=[I("Tingkat Pengangguran Terbuka (TPT)", "%", "negatif", "nilai_akhir", "6.6",
                    ["6.9", "6.75"], iku=True, baseline="7.01",
                    quarters=["6.9", "6.8", "6.7", "6.6"],
                    data_source="BPS Kota Tangerang (Sakernas)")],
      children=[
          E("sasaran", "S1.1", "Meningkatnya penempatan tenaga kerja", None,
            indicators=[
                I("Persentase pencari kerja yang ditempatkan", "%", "positif", "nilai_akhir",
                  "55", ["12.4", "26.3"], iku=True, quarters=["12", "25", "40", "55"]),
                I("Jumlah pencari kerja yang mengikuti bursa kerja", "orang", "positif",
                  "kumulatif", "12000", ["2450", "3900"], unit="penempatan"),
            ],
            children=[E(
                "program", "2.07.04", "Program Penempatan Tenaga Kerja", "penempatan",
                indicators=[I("Jumlah pencari kerja yang ditempatkan", "orang", "positif",
                              "kumulatif", "6000", ["1320", "1405"])],
                children=[E(
                    "kegiatan", "2.07.04.2.01", "Pelayanan Antarkerja di Daerah Kabupaten/Kota",
                    "penempatan",
                    children=[E(
                        "sub_kegiatan", "2.07.04.2.01.0001",
                        "Penyediaan Layanan Informasi Pasar Kerja dan Bursa Kerja", "penempatan",
                        indicators=[I("Jumlah penyelenggaraan job fair", "kali", "positif",
                                      "kumulatif", "3", ["1", "0"],
                                      quarters=["1", "0", "1", "1"])],
                    )],
                )],
            )]),
          E("sasaran", "S1.2", "Meningkatnya kompetensi tenaga kerja", None,
            indicators=[I("Persentase peserta pelatihan yang bersertifikat kompetensi", "%",
                          "positif", "nilai_akhir", "85", ["80", "84"], iku=True,
                          unit="pelatihan")],
            children=[E(
                "program", "2.07.03", "Program Pelatihan Kerja dan Produktivitas Tenaga Kerja",
                "pelatihan",
                indicators=[I("Jumlah tenaga kerja yang dilatih", "orang", "positif",
                              "kumulatif", "1500", ["310", "402"])],
                children=[E(
                    "kegiatan", "2.07.03.2.01",
                    "Pelaksanaan Pelatihan berdasarkan Unit Kompetensi", "pelatihan",
                    children=[E(
                        "sub_kegiatan", "2.07.03.2.01.0001",
                        "Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan bagi Pencari "
                        "Kerja berdasarkan Klaster Kompetensi", "pelatihan",
                        indicators=[I("Rasio instruktur terhadap peserta pelatihan",
                                      "peserta per instruktur", "rentang", "rata_rata", "16",
                                      ["18", "15.5"], band=("12", "16"))],
                    )],
                )],
            )]),
          E("sasaran", "S1.3", "Meningkatnya perlindungan dan kesejahteraan pekerja", None,
            indicators=[I("Persentase perselisihan hubungan industrial yang diselesaikan", "%",
                          "positif", "nilai_akhir", "92", ["75", "88.9"], iku=True,
                          unit="hubungan_industrial")],
            children=[E(
                "program", "2.07.05", "Program Hubungan Industrial", "hubungan_industrial",
                indicators=[I("Jumlah kasus mogok kerja", "kasus", "negatif", "kumulatif", "4",
                              ["1", "2"], quarters=["1", "1", "1", "1"])],
            )]),
      ]),
    penunjang("2.07", "Kabupaten/Kota"),
]
