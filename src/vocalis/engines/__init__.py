"""Engines: one Protocol per capability, concrete engines, the registry and model sources."""
