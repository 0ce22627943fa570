"""One router module per interface users already know."""
