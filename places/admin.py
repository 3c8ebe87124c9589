from django.contrib import admin

from opportunities.search_index import opportunity_index_refresh

from .models import Constituency, Outcode, Postcode, Ward


class RefreshesSearch:
    """Ward and constituency names and links are in every listing's search facts: refresh all."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        opportunity_index_refresh()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        opportunity_index_refresh()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        opportunity_index_refresh()


@admin.register(Constituency)
class ConstituencyAdmin(RefreshesSearch, admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Ward)
class WardAdmin(RefreshesSearch, admin.ModelAdmin):
    list_display = ["name", "code", "constituency"]
    list_filter = ["constituency"]
    search_fields = ["name", "code"]


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ["postcode", "ward", "latitude", "longitude"]
    search_fields = ["postcode"]
    list_select_related = ["ward"]
    autocomplete_fields = ["ward"]


@admin.register(Outcode)
class OutcodeAdmin(admin.ModelAdmin):
    list_display = ["outcode", "latitude", "longitude"]
    search_fields = ["outcode"]
