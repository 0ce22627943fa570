"""Signing up: create the account and sign it in, throttled like sign-in.

Sign-up cannot hide whether an e-mail has an account: without an e-mail round trip (we send no mail)
a new account is signed in at once, and a taken e-mail cannot be. Products in that position (GitHub,
GitLab) answer that the e-mail is taken; so does Vocalis (409), and each such answer counts as a failed
attempt of the address (accounts/throttle.py), so probing e-mails this way is throttled with sign-in's
per-address budget. Deployments that must not reveal their users close registration
(VOCALIS_AUTH__OPEN_REGISTRATION=false): admins create the accounts, and no public answer depends on
which e-mails are registered.
"""

from __future__ import annotations

import asyncio

from vocalis.accounts.directory import UserDirectory
from vocalis.accounts.models import SignedIn
from vocalis.accounts.signin import SignIn
from vocalis.errors import Conflict


class SignUp:
    def __init__(self, directory: UserDirectory, signin: SignIn) -> None:
        self._directory = directory
        self._signin = signin

    async def register(
        self,
        email: str,
        password: str,
        *,
        display_name: str | None,
        ip: str | None,
        user_agent: str | None,
    ) -> SignedIn:
        throttle = self._signin.throttle
        await asyncio.to_thread(throttle.admit_address, ip)
        try:
            await asyncio.to_thread(
                lambda: self._directory.create(email, password, display_name=display_name, actor_id=None)
            )
        except Conflict:
            await asyncio.to_thread(throttle.failed_probe, ip)
            raise
        return await self._signin.sign_in(email, password, ip=ip, user_agent=user_agent)
