"""Enquiries in the API (staff only; investors use the public form)."""

from ninja import Router

from .entities import enquiries

router = Router(tags=["portal"])
enquiries.add_api_routes(router)
