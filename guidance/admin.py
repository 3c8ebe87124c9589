from django.contrib import admin

from .models import GuidancePage, GuidanceRevision


@admin.register(GuidancePage)
class GuidancePageAdmin(admin.ModelAdmin):
    """To read only. Pages are written in the council workspace (/council/guidance/), which keeps
    each save in the history, refuses a save over a colleague's, and marks the page as the council's
    own so that a shipped correction never replaces it: an edit here would do none of that."""

    list_display = ("title", "slug", "audience", "position", "published", "as_shipped", "updated_at")
    list_filter = ("audience", "published", "as_shipped")
    search_fields = ("title", "slug")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GuidanceRevision)
class GuidanceRevisionAdmin(admin.ModelAdmin):
    list_display = ("page", "title", "saved_by", "saved_at")
    readonly_fields = [field.name for field in GuidanceRevision._meta.fields]

    def has_add_permission(self, request):
        return False
