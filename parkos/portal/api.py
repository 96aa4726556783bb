"""Enquiries in the API (staff only; investors use the public form)."""

from parkos.core.api import Router

from .entities import enquiries

router = Router(tags=["portal"])
enquiries.add_api_routes(router)
