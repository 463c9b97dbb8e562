from django.urls import path

from sop import views

app_name = "sop"

urlpatterns = [
    path("", views.sop_list, name="list"),
    path("baru/", views.sop_edit, name="create"),
    path("impor/", views.sop_import, name="import"),
    path("pratinjau/", views.sop_preview, name="preview"),
    path("<int:pk>/", views.sop_detail, name="detail"),
    path("<int:pk>/pdf/", views.sop_pdf, name="pdf"),
    path("<int:pk>/ekspor/", views.sop_export, name="export"),
    path("<int:pk>/ubah/", views.sop_edit, name="edit"),
]

urlpatterns += [
    path("kepatuhan/opd/<int:pk>/", views.compliance_opd, name="compliance_opd"),
    path("kepatuhan/pemda/<int:pk>/", views.compliance_pemda, name="compliance_pemda"),
]
