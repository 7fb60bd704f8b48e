"""The national administrator keeps the young detainee counts (DAP figures) that the coverage
view reads; nominative justice records are never edited here."""

from django.contrib import admin

from jalon.justice.models import YoungDetaineeCount


@admin.register(YoungDetaineeCount)
class YoungDetaineeCountAdmin(admin.ModelAdmin):
    list_display = ["establishment", "counted_on", "minors", "young_adults"]
    list_filter = ["counted_on"]
    search_fields = ["establishment__name", "establishment__code"]
    autocomplete_fields = ["establishment"]
    date_hierarchy = "counted_on"
