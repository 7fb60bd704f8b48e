from django.contrib import admin

from jalon.pathways.models import ReferenceValue


@admin.register(ReferenceValue)
class ReferenceValueAdmin(admin.ModelAdmin):
    """The national administrator keeps amounts, caps and durations up to date."""

    list_display = ["key", "valid_from", "value", "to_confirm", "source"]
    list_filter = ["key", "to_confirm"]
    ordering = ["key", "-valid_from"]
