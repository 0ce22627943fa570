"""Pydantic models of the API edge that outgrew their route modules."""
