"""API operations of the scheduling app, mounted under /api/v1/ by jalon/api/api.py."""

from ninja import Router

router = Router()
