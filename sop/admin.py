from django.contrib import admin

from kinerja.admin_base import ReadOnlyAdmin
from sop.models import Holiday, SopLane, SopRevision, SopStep, SopTemplate


class SopLaneInline(admin.TabularInline):
    model = SopLane
    extra = 0


class SopStepInline(admin.TabularInline):
    model = SopStep
    extra = 0
    fields = (
        "number",
        "description",
        "lane",
        "symbol",
        "ya_target",
        "tidak_target",
        "waktu",
        "satuan",
        "state",
    )


@admin.register(SopTemplate)
class SopTemplateAdmin(admin.ModelAdmin):
    list_display = ("slug", "pemda", "opd", "created_at")
    list_filter = ("pemda",)
    search_fields = ("slug",)


@admin.register(SopRevision)
class SopRevisionAdmin(admin.ModelAdmin):
    """Read-only: a revision in use by cycles must not change; edit through the SOP editor."""

    list_display = ("nama", "template", "number", "nomor", "tanggal_efektif")
    list_filter = ("template__pemda",)
    inlines = [SopLaneInline, SopStepInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name", "pemda")
    list_filter = ("pemda",)
    date_hierarchy = "date"


@admin.register(SopLane)
class SopLaneAdmin(ReadOnlyAdmin):
    deletable = True  # as before: edited only in the SOP editor, but the admin may delete them
    list_display = ("label", "role", "revision", "order")
    list_select_related = ("revision",)


@admin.register(SopStep)
class SopStepAdmin(ReadOnlyAdmin):
    deletable = True
    list_display = ("number", "description", "lane", "symbol", "waktu", "satuan", "state", "revision")
    list_select_related = ("lane", "revision")
