from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from jalon.accounts import second_factor
from jalon.accounts.models import User

# Devices hold secrets and a reset must be re-authenticated and audited: only through
# the reset page linked from each account below, never edited here.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


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
        (
            "Accès",
            {"fields": ["is_active", "is_staff", "is_superuser", "last_login", "second_factor"]},
        ),
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
    readonly_fields = ["last_login", "second_factor"]

    @admin.display(description="double authentification")
    def second_factor(self, user):
        if not user.pk or not second_factor.has_device(user):
            return "non activée"
        url = reverse("accounts:team_member_reset_second_factor", args=[user.pk])
        return format_html('activée — <a href="{}">réinitialiser (téléphone perdu)</a>', url)
