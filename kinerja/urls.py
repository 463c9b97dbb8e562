from django.urls import path

from kinerja.views import plan as views
from kinerja.views import recap as recap_views

app_name = "kinerja"

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
    path("indikator/<int:pk>/target/<int:year>/", views.targets_edit, name="targets_edit"),
]

urlpatterns += [
    path("opd/<int:pk>/rekap/", recap_views.opd_recap, name="opd_recap"),
    path("opd/<int:pk>/dasbor/", recap_views.opd_dashboard, name="opd_dashboard"),
    path("pemda/<int:pk>/rekap/", recap_views.pemda_recap, name="pemda_recap"),
    path("pemda/<int:pk>/pengaturan/", recap_views.pemda_settings, name="pemda_settings"),
]
