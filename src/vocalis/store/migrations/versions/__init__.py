"""One module per schema revision; Alembic loads them by file, the package only keeps tools happy."""
