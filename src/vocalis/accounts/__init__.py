"""Users, roles, sessions, API keys, quotas and the audit log."""
