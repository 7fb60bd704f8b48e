from django.conf import settings


class PermissionsPolicyMiddleware:
    """Jalon needs no camera, microphone, location or payment: a script that got in anyway
    must not be able to ask for them (Django has no setting for this header)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.JALON_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
