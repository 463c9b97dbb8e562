from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from kinerja import policy, services
from kinerja.admin_base import ReadOnlyAdmin
from kinerja.cycle import locks as cycle_locks
from kinerja.models import (
    OPD,
    ArchivedDocument,
    Budget,
    Cycle,
    CycleItem,
    CycleTransition,
    Delegation,
    Evidence,
    Indicator,
    ItemNote,
    Membership,
    Official,
    Pemda,
    PemdaMembership,
    PemdaSettings,
    PlanElement,
    Realisasi,
    RealisasiHistory,
    RenstraPeriod,
    ReportNarrative,
    SignOffJob,
    Target,
    Unit,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["opd"]


class PemdaMembershipInline(admin.TabularInline):
    model = PemdaMembership
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Pegawai"), {"fields": ("full_name", "nip")}))
    list_display = ("username", "full_name", "nip", "email", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "nip", "email")
    inlines = [MembershipInline, PemdaMembershipInline]


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "code")
    search_fields = ("name", "code")


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0
    fk_name = "opd"


@admin.register(OPD)
class OPDAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "code", "pemda")
    list_filter = ("pemda", "kind")
    search_fields = ("name", "short_name", "code")
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "opd")
    list_filter = ("opd__pemda", "kind")
    search_fields = ("name", "opd__name")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "opd", "role", "unit")
    list_filter = ("role", "opd__pemda")
    search_fields = ("user__username", "user__full_name", "opd__name")
    list_select_related = ("user", "opd", "unit")


@admin.register(PemdaMembership)
class PemdaMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "pemda", "role")
    list_filter = ("role", "pemda")
    list_select_related = ("user", "pemda")


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ("jabatan", "name", "nip", "opd", "pemda", "is_active")
    list_filter = ("pemda", "is_active")
    search_fields = ("jabatan", "name", "nip")
    list_select_related = ("opd", "pemda")


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ("jabatan", "kind", "name", "nip", "opd", "starts_on", "ends_on", "letter_number")
    list_filter = ("opd__pemda", "kind")
    search_fields = ("jabatan", "name", "nip", "letter_number")
    list_select_related = ("opd",)
    raw_id_fields = ("user",)


@admin.register(RenstraPeriod)
class RenstraPeriodAdmin(admin.ModelAdmin):
    list_display = ("name", "opd", "start_year", "end_year")
    list_filter = ("opd__pemda",)
    list_select_related = ("opd",)


@admin.register(PlanElement)
class PlanElementAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "renstra")
    list_filter = ("level", "renstra__opd__pemda")
    search_fields = ("code", "name")
    list_select_related = ("renstra",)
    raw_id_fields = ("parent",)


def _plan_held(indicator) -> bool:
    """A cycle of the indicator's OPD shows its capaian under review: its targets hold."""
    return bool(indicator is not None and cycle_locks.definition_lock(indicator))


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return not _plan_held(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return not _plan_held(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not _plan_held(obj) and super().has_delete_permission(request, obj)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "satuan", "polarity", "aggregation", "is_iku", "element")
    list_filter = ("polarity", "aggregation", "is_iku", "element__level")
    search_fields = ("name", "code")
    list_select_related = ("element",)
    raw_id_fields = ("element",)
    inlines = [TargetInline]

    def get_readonly_fields(self, request, obj=None):
        # The same rule as services.indicator_update: how capaian is computed holds under review.
        if obj is not None and cycle_locks.definition_lock(obj):
            return services.COMPUTATION_FIELDS
        return ()


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year", "quarter", "value")
    list_filter = ("year", "quarter")
    raw_id_fields = ("indicator",)
    list_select_related = ("indicator",)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and cycle_locks.target_lock(obj.indicator, obj.year):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and cycle_locks.target_lock(obj.indicator, obj.year):
            return False
        return super().has_delete_permission(request, obj)


class RealisasiHistoryInline(admin.TabularInline):
    model = RealisasiHistory
    extra = 0
    readonly_fields = ("changed_by", "changed_at", "changes")
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Realisasi)
class RealisasiAdmin(ReadOnlyAdmin):
    """Shown, never edited here: a realisasi changes only through its cycle's entry grid or
    worksheet (DOMAIN.md section 6, period ownership), which also writes its history."""

    list_display = ("indicator", "year", "quarter", "value", "entered_by", "updated_at")
    list_filter = ("year", "quarter")
    raw_id_fields = ("indicator", "entered_by")
    list_select_related = ("indicator", "entered_by")
    inlines = [RealisasiHistoryInline]


@admin.register(RealisasiHistory)
class RealisasiHistoryAdmin(ReadOnlyAdmin):
    list_display = ("realisasi", "changed_by", "changed_at")
    readonly_fields = ("realisasi", "changed_by", "changed_at", "changes")
    list_select_related = ("realisasi__indicator", "changed_by")
    deletable = True  # as before: the admin could delete a history row, never edit it


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ("element", "year", "quarter", "pagu", "realisasi")
    list_filter = ("year", "quarter")
    raw_id_fields = ("element",)
    list_select_related = ("element",)


@admin.register(PemdaSettings)
class PemdaSettingsAdmin(admin.ModelAdmin):
    list_display = ("pemda", "negative_formula", "capaian_cap")


class ArchiveReadOnlyMixin:
    """Nothing of a cycle that shows its values (rekap onwards, archive) changes through the admin."""

    def archived(self, obj) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and self.archived(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and self.archived(obj):
            return False
        return super().has_delete_permission(request, obj)


class CycleTransitionInline(admin.TabularInline):
    model = CycleTransition
    extra = 0
    can_delete = False
    readonly_fields = ("name", "from_state", "to_state", "user", "role", "at", "note")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Cycle)
class CycleAdmin(ArchiveReadOnlyMixin, admin.ModelAdmin):
    list_display = ("opd", "year", "period", "revision", "state", "signed_at")
    list_filter = ("state", "year", "period", "opd__pemda")
    list_select_related = ("opd",)
    readonly_fields = ("state", "signed_by", "signed_at", "signer_name", "signer_jabatan", "signer_nip")
    raw_id_fields = ("opd", "renstra", "revision_of", "created_by", "disposed_by")
    filter_horizontal = ("team",)
    inlines = [CycleTransitionInline]

    def archived(self, obj) -> bool:
        return obj.state in policy.FROZEN_STATES

    def get_readonly_fields(self, request, obj=None):
        # Set at creation by the cycle service (Renstra, period, SOP): never changed afterwards.
        return (
            *self.readonly_fields,
            *("opd", "renstra", "year", "period", "revision", "revision_of", "sop_revision", "created_by"),
        )

    def has_add_permission(self, request) -> bool:
        return False  # cycles start from the cycle page, which checks the Renstra and the period


@admin.register(CycleItem)
class CycleItemAdmin(ArchiveReadOnlyMixin, admin.ModelAdmin):
    list_display = ("cycle", "indicator", "pic", "status", "needs_revision")
    list_filter = ("status", "needs_revision")
    raw_id_fields = ("cycle", "indicator", "pic")
    list_select_related = ("cycle__opd", "indicator", "pic")

    def archived(self, obj) -> bool:
        return obj.cycle.state in policy.FROZEN_STATES


@admin.register(CycleTransition)
class CycleTransitionAdmin(ReadOnlyAdmin):
    list_display = ("cycle", "name", "from_state", "to_state", "user", "role", "at")
    list_select_related = ("cycle__opd", "user")


@admin.register(ItemNote)
class ItemNoteAdmin(ArchiveReadOnlyMixin, admin.ModelAdmin):
    list_display = ("item", "kind", "author", "at")
    raw_id_fields = ("item", "author")
    list_select_related = ("item__cycle__opd", "item__indicator", "author")

    def archived(self, obj) -> bool:
        return obj.item.cycle.state in policy.FROZEN_STATES


@admin.register(Evidence)
class EvidenceAdmin(ArchiveReadOnlyMixin, admin.ModelAdmin):
    list_display = ("item", "original_name", "link", "content_type", "size", "uploaded_by", "uploaded_at")
    raw_id_fields = ("item", "uploaded_by")
    readonly_fields = ("file", "content_type", "size")
    list_select_related = ("item__cycle__opd", "item__indicator", "uploaded_by")

    def archived(self, obj) -> bool:
        return obj.item.cycle.state in policy.FROZEN_STATES

    def has_add_permission(self, request) -> bool:
        return False  # uploads go through the checked upload view


@admin.register(ArchivedDocument)
class ArchivedDocumentAdmin(ReadOnlyAdmin):
    """Signed documents never change: listed and readable, never edited or deleted here."""

    list_display = ("title", "opd", "code", "signed_at", "size")
    list_select_related = ("opd",)
    search_fields = ("title", "code", "sha256")


@admin.register(ReportNarrative)
class ReportNarrativeAdmin(admin.ModelAdmin):
    list_display = ("opd", "year", "period", "updated_by", "updated_at")
    list_filter = ("year", "period")


@admin.register(SignOffJob)
class SignOffJobAdmin(admin.ModelAdmin):
    list_display = ("cycle", "user", "status", "started_at", "finished_at")
    list_filter = ("status",)
    list_select_related = ("cycle__opd", "user")
    readonly_fields = ("cycle", "user", "status", "message", "started_at", "finished_at")

    def has_add_permission(self, request) -> bool:
        return False
