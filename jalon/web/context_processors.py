from django.conf import settings

from jalon.web.navigation import navigation_for


def jalon(request):
    user = getattr(request, "user", None)
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "navigation": navigation_for(user, request.path) if user else [],
    }
