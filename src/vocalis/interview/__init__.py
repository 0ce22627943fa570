"""Spoken interview practice: scenarios, the interviewer, evaluation, recordings."""
