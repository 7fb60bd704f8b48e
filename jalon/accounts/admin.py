from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from jalon.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "last_name", "first_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "organisation__kind"]
    search_fields = ["email", "last_name", "first_name"]
    autocomplete_fields = ["organisation"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name", "phone"]}),
        ("Rattachement", {"fields": ["role", "organisation", "site"]}),
        ("Accès", {"fields": ["is_active", "is_staff", "is_superuser", "last_login"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "fields": [
                    "email",
                    "first_name",
                    "last_name",
                    "role",
                    "organisation",
                    "password1",
                    "password2",
                ]
            },
        )
    ]
    readonly_fields = ["last_login"]
