"""The `vocalis` command line."""
