from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kinerja.views.auth import LoginView
from kinerja.views.documents import verify
from kinerja.views.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("verifikasi/", verify, name="verify"),
    path("akun/masuk/", LoginView.as_view(), name="login"),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "akun/kata-sandi/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "akun/kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("sop/", include("sop.urls")),
    path("", include("kinerja.urls")),
]
