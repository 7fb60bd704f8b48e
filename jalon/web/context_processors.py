from django.conf import settings

from jalon.web.navigation import navigation_for


def jalon(request):
    user = getattr(request, "user", None)
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        # Until the second factor is given, the menu would only lead back to it.
        "navigation": navigation_for(user, request.path)
        if user and not getattr(request, "second_factor_pending", False)
        else [],
    }
