from django.contrib import admin

from opportunities.admin import RefreshesWholeSearchIndex

from .models import Constituency, Outcode, Postcode, Ward


@admin.register(Constituency)
class ConstituencyAdmin(RefreshesWholeSearchIndex, admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Ward)
class WardAdmin(RefreshesWholeSearchIndex, admin.ModelAdmin):
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
