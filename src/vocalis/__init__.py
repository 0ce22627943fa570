"""Vocalis: a self-hosted voice platform."""

__version__ = "0.1.0"
