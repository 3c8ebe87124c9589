from django.contrib import admin

from opportunities.search_index import opportunity_index_refresh

from .models import JoinRequest, Provider, ProviderCheck, ProviderInvitation, ProviderMembership, Venue


class VenueInline(admin.StackedInline):
    model = Venue
    extra = 0
    autocomplete_fields = ["ward"]
    filter_horizontal = ["features"]


class MembershipInline(admin.TabularInline):
    model = ProviderMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "email", "phone", "updated_at"]
    list_filter = ["kind", "cqc_rating"]
    search_fields = ["name", "email", "charity_number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [VenueInline, MembershipInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        opportunity_index_refresh(ids=form.instance.opportunities.values_list("id", flat=True))


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "postcode", "ward"]
    list_filter = ["ward__constituency"]
    list_select_related = ["provider", "ward"]
    search_fields = ["name", "postcode", "provider__name"]
    autocomplete_fields = ["provider", "ward"]
    filter_horizontal = ["features"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        opportunity_index_refresh(ids=form.instance.opportunities.values_list("id", flat=True))

    def delete_model(self, request, obj):
        affected = list(obj.opportunities.values_list("id", flat=True))
        super().delete_model(request, obj)
        opportunity_index_refresh(ids=affected)

    def delete_queryset(self, request, queryset):
        affected = list(
            queryset.model.opportunities.through.objects.filter(venue__in=queryset).values_list(
                "opportunity_id", flat=True
            )
        )
        super().delete_queryset(request, queryset)
        opportunity_index_refresh(ids=affected)


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    """Decided in the council workspace; here for the record."""

    list_display = ["name", "kind", "status", "created_at", "decided_by"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "contact_name", "email"]
    readonly_fields = ["status", "decided_by", "decided_at", "provider", "created_at"]


@admin.register(ProviderInvitation)
class ProviderInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "provider", "role", "created_at", "accepted_at", "cancelled_at"]
    list_select_related = ["provider"]
    search_fields = ["email", "provider__name"]
    exclude = ["token_hash"]
    readonly_fields = ["provider", "email", "role", "invited_by", "created_at", "expires_at", "accepted_at"]

    def has_add_permission(self, request):
        return False  # invitations are sent from the workspaces, which email the link


@admin.register(ProviderCheck)
class ProviderCheckAdmin(admin.ModelAdmin):
    """Read only, and never deleted: checks are recorded in the council workspace (Provider checks),
    which keeps the history."""

    list_display = ["provider", "kind", "outcome", "checked_on", "expires_on", "checked_by"]
    list_filter = ["kind", "outcome"]
    list_select_related = ["provider", "checked_by"]
    search_fields = ["provider__name", "reference"]
    date_hierarchy = "checked_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the history is the record; a deleted check would also leave the badge out of step
