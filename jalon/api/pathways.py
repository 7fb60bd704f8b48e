"""API operations of the pathways app, mounted under /api/v1/ by jalon/api/api.py."""

from ninja import Router

router = Router()
