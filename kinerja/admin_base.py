"""The admin's one read-only base, shared by kinerja and sop (sop imports kinerja, never the reverse)."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Listed and readable in the admin, never added or changed there: these rows are written by
    the product's own services (with their checks and history) or are frozen once written.

    ``deletable`` keeps the admin's delete for rows whose removal harms nothing that is signed.
    """

    deletable = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.deletable and super().has_delete_permission(request, obj)
