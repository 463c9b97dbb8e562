from django.urls import path, register_converter

from kinerja.cycle import grid_views
from kinerja.cycle import views as cycle_views
from kinerja.models.planning import MAX_YEAR, MIN_YEAR
from kinerja.views import documents as document_views
from kinerja.views import excel as excel_views
from kinerja.views import officials as official_views
from kinerja.views import plan as views
from kinerja.views import recap as recap_views

app_name = "kinerja"


class YearConverter:
    """A year in a path: four digits within MIN_YEAR..MAX_YEAR, anything else is a 404.

    ``<year:year>`` took 99999999999, which SQLite stored in a small integer column and PostgreSQL
    answered with a 500.
    """

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(value)  # Django reads this as "no match"
        return year

    def to_url(self, value) -> str:
        return str(value)


register_converter(YearConverter, "year")

urlpatterns = [
    path("", views.home, name="home"),
    path("opd/<int:pk>/", views.opd_detail, name="opd_detail"),
    path("opd/<int:opd_pk>/renstra/tambah/", views.renstra_create, name="renstra_create"),
    path("renstra/<int:pk>/ubah/", views.renstra_edit, name="renstra_edit"),
    path("renstra/<int:renstra_pk>/elemen/tambah/", views.element_create, name="element_create"),
    path("elemen/<int:pk>/ubah/", views.element_edit, name="element_edit"),
    path("elemen/<int:pk>/hapus/", views.element_delete, name="element_delete"),
    path(
        "elemen/<int:element_pk>/indikator/tambah/",
        views.indicator_create,
        name="indicator_create",
    ),
    path("indikator/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indikator/<int:pk>/ubah/", views.indicator_edit, name="indicator_edit"),
    path("indikator/<int:pk>/hapus/", views.indicator_delete, name="indicator_delete"),
    path("indikator/<int:pk>/target/<year:year>/", views.targets_edit, name="targets_edit"),
]

urlpatterns += [
    path("opd/<int:pk>/rekap/", recap_views.opd_recap, name="opd_recap"),
    path("opd/<int:pk>/dasbor/", recap_views.opd_dashboard, name="opd_dashboard"),
    path("pemda/<int:pk>/rekap/", recap_views.pemda_recap, name="pemda_recap"),
    path("pemda/<int:pk>/pengaturan/", recap_views.pemda_settings, name="pemda_settings"),
]

urlpatterns += [
    path("siklus/", cycle_views.cycle_list, name="cycle_list"),
    path("kotak-masuk/", cycle_views.inbox, name="inbox"),
    path("opd/<int:opd_pk>/siklus/baru/", cycle_views.cycle_create, name="cycle_create"),
    path("siklus/<int:pk>/", cycle_views.cycle_detail, name="cycle_detail"),
    path("siklus/<int:pk>/revisi/", cycle_views.cycle_revise, name="cycle_revise"),
    path("siklus/<int:pk>/disposisi/", cycle_views.cycle_dispose, name="cycle_dispose"),
    path("siklus/<int:pk>/penugasan/", cycle_views.cycle_assign, name="cycle_assign"),
    path("siklus/<int:pk>/aksi/<slug:name>/", cycle_views.cycle_action, name="cycle_action"),
    path("siklus/<int:pk>/isian/", grid_views.cycle_grid, name="cycle_grid"),
    path("siklus/<int:pk>/butir/<int:item_pk>/", grid_views.item_save, name="item_save"),
    path("siklus/<int:pk>/butir/<int:item_pk>/pratinjau/", grid_views.item_preview, name="item_preview"),
    path("siklus/<int:pk>/butir/<int:item_pk>/periksa/", grid_views.item_check, name="item_check"),
    path("siklus/<int:pk>/butir/<int:item_pk>/buka/", grid_views.item_reopen, name="item_reopen"),
    path("siklus/<int:pk>/butir/<int:item_pk>/reviu/", grid_views.item_review, name="item_review"),
    path("siklus/<int:pk>/butir/<int:item_pk>/bukti/", grid_views.evidence_upload, name="evidence_upload"),
    path("bukti/<int:pk>/", grid_views.evidence_download, name="evidence_download"),
    path("bukti/<int:pk>/hapus/", grid_views.evidence_delete, name="evidence_delete"),
]

urlpatterns += [
    path("siklus/<int:pk>/kertas-kerja.xlsx", excel_views.worksheet_download, name="worksheet_download"),
    path("siklus/<int:pk>/kertas-kerja/unggah/", excel_views.worksheet_upload, name="worksheet_upload"),
    path("siklus/<int:pk>/kertas-kerja/terapkan/", excel_views.worksheet_apply, name="worksheet_apply"),
]

urlpatterns += [
    path("opd/<int:pk>/rekap.xlsx", excel_views.opd_recap_xlsx, name="opd_recap_xlsx"),
    path("pemda/<int:pk>/rekap.xlsx", excel_views.pemda_recap_xlsx, name="pemda_recap_xlsx"),
]

urlpatterns += [
    path("renstra/<int:pk>/onboarding/", excel_views.onboarding_upload, name="onboarding_upload"),
    path(
        "renstra/<int:pk>/onboarding/templat.xlsx",
        excel_views.onboarding_template,
        name="onboarding_template",
    ),
    path("renstra/<int:pk>/onboarding/terapkan/", excel_views.onboarding_apply, name="onboarding_apply"),
]

urlpatterns += [
    path("siklus/<int:pk>/laporan.pdf", document_views.cycle_report, name="cycle_report"),
    path("dokumen/<int:pk>/", document_views.document_download, name="document_download"),
]

urlpatterns += [
    path("opd/<int:pk>/dokumen/", document_views.opd_documents, name="opd_documents"),
    path(
        "opd/<int:pk>/dokumen/<year:year>/<slug:period>/laporan.pdf",
        document_views.periodic_report,
        name="periodic_report",
    ),
    path(
        "opd/<int:pk>/dokumen/<year:year>/<slug:period>/narasi/",
        document_views.narrative_edit,
        name="narrative_edit",
    ),
    path(
        "opd/<int:pk>/dokumen/<year:year>/perjanjian-kinerja.pdf", document_views.agreement, name="agreement"
    ),
]

urlpatterns += [
    path("siklus/<int:pk>/pengesahan/", cycle_views.sign_off_status, name="sign_off_status"),
]

urlpatterns += [
    path("opd/<int:pk>/pejabat/", official_views.opd_officials, name="opd_officials"),
    path("opd/<int:pk>/plt/baru/", official_views.delegation_create, name="delegation_create"),
    path("plt/<int:pk>/akhiri/", official_views.delegation_end, name="delegation_end"),
]
