"""The Django admin site: it asks kinerja.policy who may enter."""

from django.contrib import admin


class SakipAdminSite(admin.AdminSite):
    site_header = "SAKIP Kinerja — Administrasi"
    site_title = "SAKIP Kinerja"
    index_title = "Administrasi platform"

    def has_permission(self, request) -> bool:
        from kinerja import policy

        return policy.may_use_admin(request.user)
