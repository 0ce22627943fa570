"""`vocalis users`: make the first admin and look at accounts from the machine running Vocalis."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from vocalis.cli.context import load_settings

if TYPE_CHECKING:
    from vocalis.accounts.service import Accounts


def _accounts() -> Accounts:
    from vocalis.accounts.service import build_accounts
    from vocalis.store.db import Database

    settings = load_settings()
    database = Database(settings.database_url)
    database.upgrade()
    return build_accounts(settings, database)


@click.group()
def users() -> None:
    """Manage accounts (the first admin, roles)."""


@users.command("create-admin")
@click.option("--email", required=True, help="The admin's sign-in email.")
@click.password_option(help="At least 10 characters (asked for when omitted).")
def create_admin(email: str, password: str) -> None:
    """Create an admin account."""
    from vocalis.accounts.roles import Role

    user = _accounts().directory.create(email, password, role=Role.ADMIN, actor_id=None)
    click.echo(f"admin {user.email} created (id {user.id})")


@users.command("list")
def list_users() -> None:
    """Every account with its role and status."""
    for user in _accounts().directory.list(limit=10_000):
        status = "disabled" if user.disabled else "active"
        click.echo(f"{user.id}  {user.email:<40} {user.role.value:<10} {status}")
