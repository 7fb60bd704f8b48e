from django.contrib import admin

from jalon.network.models import Commune, Organisation, Site


class SiteInline(admin.TabularInline):
    model = Site
    extra = 0
    autocomplete_fields = ["commune"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "subtype", "region", "departement"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent", "commune", "communes_covered"]
    inlines = [SiteInline]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "mission_locale", "commune", "is_main"]
    search_fields = ["name", "mission_locale__name"]
    autocomplete_fields = ["mission_locale", "commune"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    """Read-only official data, listed for the autocomplete fields."""

    search_fields = ["name", "code", "postal_codes"]
    list_display = ["name", "code", "departement", "postal_codes"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
