from django.contrib import admin

from .models import (
    AudienceGroup,
    Cost,
    Feature,
    FreshnessNotice,
    Interest,
    ListingChange,
    ListingEvent,
    ListingReport,
    Opportunity,
    PaymentRoute,
    SearchLog,
    Session,
)
from .search_index import opportunity_index_refresh, search_index_version_bump


class RefreshesWholeSearchIndex:
    """For reference data whose names or ids are in every listing's search facts (terms, wards,
    constituencies): refresh every listing after a change. Rare, and a few seconds at 100,000
    listings; the refresh moves the index version on, so every process sees it."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        opportunity_index_refresh()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        opportunity_index_refresh()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        opportunity_index_refresh()


@admin.register(Interest, AudienceGroup, PaymentRoute)
class ReferenceTermAdmin(RefreshesWholeSearchIndex, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Feature)
class FeatureAdmin(ReferenceTermAdmin):
    list_display = ["name", "slug", "category", "position"]
    list_filter = ["category"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


class CostInline(admin.TabularInline):
    model = Cost
    extra = 0


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "provider", "status", "vacancies", "last_checked_on", "updated_at"]
    list_filter = ["status", "vacancies", "interests", "payment_routes", "provider__kind"]
    list_select_related = ["provider"]
    search_fields = ["title", "summary", "provider__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["provider", "venues"]
    filter_horizontal = ["interests", "audiences", "features", "payment_routes", "areas"]
    inlines = [SessionInline, CostInline]
    date_hierarchy = "updated_at"
    # Providers' edits go through the review queue; the photo is chosen there too.
    readonly_fields = ["created_at", "updated_at", "photo", "content_revision"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        opportunity_index_refresh(ids=[form.instance.pk])

    # A deleted listing has nothing left to refresh, but search must stop showing it.
    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        search_index_version_bump()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        search_index_version_bump()

    fieldsets = (
        (
            None,
            {
                "fields": (
                    "provider",
                    "status",
                    "title",
                    "slug",
                    "summary",
                    "description",
                    "easy_read_summary",
                )
            },
        ),
        ("Tags (owned by the council)", {"fields": ("interests", "audiences", "features", "payment_routes")}),
        ("Who, where and when", {"fields": ("min_age", "max_age", "delivery", "venues", "by_arrangement")}),
        ("Cost and places", {"fields": ("is_free", "vacancies", "vacancies_confirmed_on")}),
        (
            "Joining and contact",
            {
                "fields": (
                    "joining",
                    "how_to_join",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "website",
                )
            },
        ),
        ("Freshness", {"fields": ("last_checked_on", "published_at", "created_at", "updated_at")}),
    )


@admin.register(ListingReport)
class ListingReportAdmin(admin.ModelAdmin):
    list_display = ["opportunity", "problem", "status", "created_at"]
    list_filter = ["status", "problem"]
    list_select_related = ["opportunity"]
    search_fields = ["opportunity__title", "details"]
    readonly_fields = [
        "opportunity", "problem", "details", "email", "created_at", "resolved_by", "resolved_at",
    ]  # fmt: skip


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record of what happened: officers can read it, nobody edits it here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ListingChange)
class ListingChangeAdmin(ReadOnlyAdmin):
    list_display = ["opportunity", "status", "submitted_at", "decided_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["opportunity", "decided_by"]
    search_fields = ["opportunity__title"]


@admin.register(ListingEvent)
class ListingEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "opportunity", "kind", "actor", "actor_label"]
    list_filter = ["kind"]
    list_select_related = ["opportunity", "actor"]
    search_fields = ["opportunity__title"]


@admin.register(FreshnessNotice)
class FreshnessNoticeAdmin(ReadOnlyAdmin):
    list_display = ["sent_at", "opportunity", "kind", "checked_on", "used_at"]
    list_filter = ["kind"]
    list_select_related = ["opportunity"]
    exclude = ["token_hash"]


@admin.register(SearchLog)
class SearchLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "words", "result_count", "ward"]
    list_filter = ["created_at"]
    readonly_fields = ["created_at", "filters", "words", "result_count", "ward"]

    def has_add_permission(self, request):
        return False
