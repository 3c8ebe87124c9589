from django.contrib import admin

from .models import GuidancePage, GuidanceRevision


@admin.register(GuidancePage)
class GuidancePageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "audience", "position", "published", "updated_at")
    list_filter = ("audience", "published")
    search_fields = ("title", "slug")
    readonly_fields = ("content_revision", "updated_at", "updated_by")


@admin.register(GuidanceRevision)
class GuidanceRevisionAdmin(admin.ModelAdmin):
    list_display = ("page", "title", "saved_by", "saved_at")
    readonly_fields = [field.name for field in GuidanceRevision._meta.fields]

    def has_add_permission(self, request):
        return False
