"""The national administrator registers partners' systems (secret shown once, at creation)."""

from django import forms
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils import timezone

from jalon.accounts import reauth
from jalon.audit import services as audit
from jalon.webhooks import services
from jalon.webhooks.events import EVENT_CHOICES
from jalon.webhooks.models import WebhookDelivery, WebhookSubscription
from jalon.webhooks.targets import validate_target_url


class SubscriptionAdminForm(forms.ModelForm):
    target_url = forms.URLField(label="Adresse de réception", max_length=500, assume_scheme="https")
    event_types = forms.MultipleChoiceField(
        label="Événements", choices=EVENT_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookSubscription
        fields = ["organisation", "label", "target_url", "event_types", "is_active"]

    def clean_target_url(self):
        url = self.cleaned_data["target_url"]
        validate_target_url(url)
        return url


def _secret_response(request, subscription, secret, created):
    response = TemplateResponse(
        request,
        "admin/webhooks/secret.html",
        {
            **admin.site.each_context(request),
            "title": "Secret de signature",
            "subscription": subscription,
            "secret": secret,
            "created": created,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionAdminForm
    list_display = ["label", "organisation", "target_url", "is_active", "created_at"]
    list_filter = ["is_active", "organisation__kind"]
    search_fields = ["label", "organisation__name", "target_url"]
    readonly_fields = ["uid", "created_by", "created_at", "secret_rotated_at"]
    actions = ["rotate_secret"]

    def add_view(self, request, form_url="", extra_context=None):
        return reauth.reauth_response(request) or super().add_view(request, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.secret = request._webhook_secret = services.generate_secret()
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user,
            action="update" if change else "create",
            obj=obj,
            changes={name: form.cleaned_data.get(name) for name in form.changed_data},
        )

    def response_add(self, request, obj, post_url_continue=None):
        return _secret_response(request, obj, request._webhook_secret, created=True)

    @admin.action(description="Changer le secret (un seul abonnement)")
    def rotate_secret(self, request, queryset):
        if pending := reauth.reauth_response(request, next_url=request.path):
            return pending
        if queryset.count() != 1:
            self.message_user(request, "Choisissez un seul abonnement.", level="error")
            return None
        subscription = queryset.get()
        secret = services.generate_secret()
        subscription.secret = secret
        subscription.secret_rotated_at = timezone.now()
        subscription.save(update_fields=["secret", "secret_rotated_at"])
        audit.record(
            actor=request.user, action="update", obj=subscription, changes={"secret": "(nouveau)"}
        )
        return _secret_response(request, subscription, secret, created=False)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """Read-only: the payload stays out of the list; deliveries are the worker's business."""

    list_display = ["uid", "event", "subscription", "status", "attempts", "created_at"]
    list_filter = ["status", "event"]
    readonly_fields = [
        "uid",
        "subscription",
        "event",
        "status",
        "attempts",
        "next_attempt_at",
        "last_status_code",
        "last_error",
        "created_at",
        "delivered_at",
    ]
    exclude = ["payload"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
