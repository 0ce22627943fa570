"""Accounts in the web app, on a server that is not in local mode: sign up, in and out, the session
refreshing itself, API keys, data export and account deletion; and the "Local mode" header."""

from __future__ import annotations

import io
import json
import re
import uuid
import zipfile
from collections.abc import Callable
from typing import Any

import httpx
from playwright.sync_api import Page, Route, expect

from tests.e2e.conftest import DESKTOP, PHONE, SCREENS, playable_duration

PASSWORD = "correct horse battery"
Screenshots = Callable[[Page, str], None]


def new_email(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex[:8]}@example.org"


def register(base_url: str, email: str, name: str = "Ana", password: str = PASSWORD) -> dict[str, Any]:
    response = httpx.post(
        f"{base_url}/api/v1/auth/register",
        json={"email": email, "password": password, "display_name": name},
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Sign the page's browser context in through the API (the cookies land in the context)."""
    response = page.request.post("/api/v1/auth/login", data={"email": email, "password": password})
    assert response.status == 200, response.text()


def open_menu_screenshots(page: Page) -> None:
    """The open menu at the top of the window (a full-page picture would scroll it away)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_timeout(100)
        page.screenshot(path=str(SCREENS / f"user-menu-{label}.png"))
    page.set_viewport_size(DESKTOP)


def test_sign_up_shows_errors_next_to_the_fields(
    accounts_page: Page, accounts_url: str, screenshots: Screenshots
) -> None:
    page = accounts_page
    taken = new_email("taken")
    register(accounts_url, taken)
    page.goto("/app/signup")
    page.get_by_label("Your name").fill("Ana")
    page.get_by_label("Email").fill(new_email("weak"))
    password = page.get_by_label("Password", exact=True)
    password.fill("short")
    page.get_by_role("button", name="Create account").click()
    error = page.locator("#signup-password-error")
    expect(error).to_have_text("Password must be at least 10 characters.")  # the API's own words
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_attribute("aria-describedby", "signup-password-error signup-password-help")
    expect(password).to_be_focused()

    page.get_by_label("Email").fill(taken.upper())
    password.fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.locator("#signup-email-error")).to_have_text(f"An account for {taken} already exists.")
    expect(page.locator("#signup-password-error")).to_have_count(0)
    expect(page.get_by_role("link", name="Sign in with this email instead")).to_be_visible()
    screenshots(page, "signup")


def test_sign_up_generate_sign_out_then_the_studio_asks_to_sign_in(
    accounts_page: Page, screenshots: Screenshots
) -> None:
    page = accounts_page
    page.goto("/studio")
    prompt = page.get_by_test_id("sign-in-prompt")
    expect(prompt).to_contain_text("Sign in to use the Studio")
    expect(page.get_by_label("Text", exact=True)).to_have_count(0)  # no raw API error, no form
    screenshots(page, "studio-signed-out")

    prompt.get_by_role("link", name="Create an account").click()
    expect(page).to_have_url(re.compile(r"/app/signup\?next=%2Fstudio$"))
    page.get_by_label("Your name").fill("Ana Lima")
    page.get_by_label("Email").fill(new_email("ana"))
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/studio$"))  # back where she was
    menu_button = page.get_by_test_id("user-menu")
    expect(menu_button).to_contain_text("Ana Lima")

    # The access cookie is gone (expired): the app refreshes the session once and carries on.
    page.context.clear_cookies(name="vocalis_access")
    page.get_by_label("Text", exact=True).fill("Hello from my new account.")
    with page.expect_response("**/api/v1/auth/refresh") as refreshed:
        page.get_by_role("button", name="Generate").click()
    assert refreshed.value.status == 200
    assert playable_duration(page, "[data-testid=studio-audio]") > 0

    # Sign out with the keyboard alone: the menu opens with ArrowDown and moves with the arrows.
    menu_button.focus()
    page.keyboard.press("ArrowDown")
    menu = page.get_by_role("menu")
    expect(menu.get_by_role("menuitem", name="Account")).to_be_focused()
    open_menu_screenshots(page)
    page.keyboard.press("Escape")
    expect(menu).to_have_count(0)
    expect(menu_button).to_be_focused()
    page.keyboard.press("ArrowUp")  # opens on the last item
    expect(page.get_by_role("menuitem", name="Sign out")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/app/signin$"))
    expect(page.get_by_test_id("signed-out-reason")).to_have_text("You are signed out.")
    assert page.request.get("/api/v1/user/profile").status == 401

    page.get_by_role("link", name="Studio", exact=True).click()
    expect(page.get_by_test_id("sign-in-prompt")).to_contain_text("Sign in to use the Studio")
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()


def test_sign_in_errors_lockout_rate_limit_and_coming_back(
    accounts_page: Page, accounts_url: str, screenshots: Screenshots
) -> None:
    page = accounts_page
    email = new_email("bo")
    register(accounts_url, email, name="Bo")
    page.goto("/app/signin?next=%2Flibrary")
    page.get_by_label("Email").fill(email)
    password = page.get_by_label("Password", exact=True)
    password.fill("not my password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#signin-password-error")).to_have_text("Wrong email or password.")
    expect(password).to_have_attribute("aria-invalid", "true")
    screenshots(page, "signin")

    password.fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/library$"))
    expect(page.get_by_test_id("voice-card").first).to_be_visible()

    # The session ends while she works: the page asks her to sign in again, then comes back.
    page.get_by_role("link", name="Studio", exact=True).click()
    page.context.clear_cookies()
    page.get_by_role("button", name="Generate").click()
    expect(page.get_by_test_id("sign-in-prompt")).to_contain_text("Your session has ended")
    page.get_by_test_id("sign-in-prompt").get_by_role("link", name="Sign in").click()
    expect(page.get_by_test_id("signed-out-reason")).to_contain_text("Your session has ended")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/studio$"))
    expect(page.get_by_label("Text", exact=True)).to_be_visible()

    # 3 wrong guesses from this address: it must wait, even with the right password (the account is
    # not locked: its owner elsewhere still signs in), and the page says how long, in plain words.
    guessed = new_email("guessed")
    register(accounts_url, guessed)
    for _ in range(3):
        wrong = httpx.post(
            f"{accounts_url}/api/v1/auth/login", json={"email": guessed, "password": "wrong guess!"}
        )
        assert wrong.status_code == 401
    page.context.clear_cookies()
    page.goto("/app/signin")
    page.get_by_label("Email").fill(guessed)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    waiting = page.get_by_test_id("rate-limited")
    expect(waiting).to_contain_text("Too many sign-in attempts from this address.")
    expect(waiting).to_contain_text(re.compile(r"Try again in \d+ s\."))
    page.reload()  # a fresh page, for the canned answer below
    page.get_by_label("Email").fill(guessed)
    page.get_by_label("Password", exact=True).fill(PASSWORD)

    # Too many attempts from this address: the wait is shown and counted down; the button waits too.
    def limited(route: Route) -> None:
        body = {"error": {"code": "rate_limited", "message": "too many sign-in attempts", "details": {}}}
        route.fulfill(status=429, headers={"Retry-After": "30"}, json=body)

    page.route("**/api/v1/auth/login", limited)
    page.get_by_role("button", name="Sign in").click()
    notice = page.get_by_test_id("rate-limited")
    expect(notice).to_contain_text("Too many sign-in attempts from this address.")
    expect(notice).to_contain_text(re.compile(r"Try again in (30|29|28) s\."))
    expect(page.get_by_role("button", name=re.compile(r"Try again in"))).to_be_disabled()


def test_api_keys_are_shown_once_work_and_can_be_revoked(
    accounts_page: Page, accounts_url: str, screenshots: Screenshots
) -> None:
    page = accounts_page
    email = new_email("keys")
    register(accounts_url, email, name="Kim")
    sign_in(page, email)
    page.goto("/app/account")
    expect(page.get_by_test_id("profile-email")).to_have_text(email)
    expect(page.get_by_test_id("no-keys")).to_be_visible()

    page.get_by_label("Key name").fill("laptop")
    page.get_by_role("checkbox", name=re.compile("^Analysis")).uncheck()
    page.get_by_role("button", name="Create key").click()
    panel = page.get_by_test_id("new-key")
    expect(panel).to_contain_text("this is the only time it is shown")
    key = page.get_by_test_id("new-key-value").input_value()
    assert re.fullmatch(r"vk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}", key)
    prefix = key[:11]
    expect(panel.get_by_role("button", name="Copy key")).to_be_visible()
    item = page.get_by_test_id("key-item")
    expect(item).to_contain_text(f"{prefix}…")
    expect(item).to_contain_text("speech, voices, jobs")
    expect(item).to_contain_text("Never")  # not used yet
    screenshots(page, "account")

    panel.get_by_role("button", name=re.compile("hide the key")).click()
    expect(panel).to_have_count(0)
    assert key not in page.content()
    page.reload()
    expect(page.get_by_test_id("key-item")).to_contain_text(f"{prefix}…")
    assert key not in page.content()  # only the prefix, ever again

    voices = httpx.get(f"{accounts_url}/v1/voices", headers={"Authorization": f"Bearer {key}"})
    assert voices.status_code == 200
    assert len(voices.json()["voices"]) >= 55
    assert httpx.get(f"{accounts_url}/v1/voices", headers={"xi-api-key": key}).status_code == 200
    page.reload()
    expect(page.get_by_test_id("key-item")).not_to_contain_text("Never")  # last used: just now

    # Someone else sees none of it, and cannot revoke it.
    other = httpx.Client(base_url=accounts_url)
    other_email = new_email("other")
    register(accounts_url, other_email, name="Other")
    other.post("/api/v1/auth/login", json={"email": other_email, "password": PASSWORD})
    assert other.get("/api/v1/keys").json() == []
    mine = page.request.get("/api/v1/keys").json()
    assert [k["prefix"] for k in mine] == [prefix]
    assert other.delete(f"/api/v1/keys/{mine[0]['id']}").status_code == 404
    other.close()

    page.get_by_role("button", name="Revoke key laptop").click()
    dialog = page.get_by_role("dialog", name="Revoke “laptop”?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()  # the safe answer first
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert httpx.get(f"{accounts_url}/v1/voices", headers={"xi-api-key": key}).status_code == 200

    page.get_by_role("button", name="Revoke key laptop").click()
    screenshots(page, "revoke-key")
    dialog.get_by_role("button", name="Revoke key").click()
    expect(page.get_by_test_id("keys-status")).to_have_text("Revoked “laptop”. It no longer works.")
    expect(page.get_by_test_id("key-item")).to_contain_text("Revoked")
    expect(page.get_by_role("button", name="Revoke key laptop")).to_have_count(0)
    revoked = httpx.get(f"{accounts_url}/v1/voices", headers={"Authorization": f"Bearer {key}"})
    assert revoked.status_code == 401


def test_export_profile_password_and_account_deletion(accounts_page: Page, accounts_url: str) -> None:
    page = accounts_page
    email = new_email("del")
    register(accounts_url, email, name="Dee")
    sign_in(page, email)
    page.goto("/app/account")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data (zip)").click()
    assert re.fullmatch(r"vocalis-export-\d{8}\.zip", download.value.suggested_filename)
    path = download.value.path()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        assert "profile.json" in archive.namelist()
        assert json.loads(archive.read("profile.json"))["email"] == email
    expect(page.get_by_test_id("export-status")).to_contain_text("Downloaded vocalis-export-")

    name = page.get_by_label("Display name")
    name.fill("Dee Dee")
    page.get_by_role("button", name="Save name").click()
    expect(page.get_by_test_id("user-menu")).to_contain_text("Dee Dee")

    # A new password signs out every other session; this one carries on.
    page.get_by_label("Current password", exact=True).fill("not it at all")
    page.get_by_label("New password", exact=True).fill("another long passphrase")
    page.get_by_label("Repeat the new password", exact=True).fill("another long passphrase")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#password-current-error")).to_have_text("The current password is wrong.")
    page.get_by_label("Current password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Password changed.")).to_be_visible()
    assert page.request.get("/api/v1/user/profile").json()["display_name"] == "Dee Dee"

    delete = page.get_by_role("form", name="Delete account")
    delete.get_by_role("button", name="Delete my account").click()
    expect(page.locator("#delete-password-error")).to_have_text("Type your password to show it is you.")
    delete.get_by_label("Your password").fill(PASSWORD)  # the old one
    delete.get_by_role("checkbox").check()
    delete.get_by_role("button", name="Delete my account").click()
    expect(page.locator("#delete-password-error")).to_have_text("The password is wrong.")
    delete.get_by_label("Your password").fill("another long passphrase")
    delete.get_by_role("button", name="Delete my account").click()
    expect(page).to_have_url(re.compile(r"/app/signin$"))
    expect(page.get_by_test_id("signed-out-reason")).to_contain_text(
        "Your account and everything it owned have been deleted."
    )
    gone = httpx.post(
        f"{accounts_url}/api/v1/auth/login",
        json={"email": email, "password": "another long passphrase"},
    )
    assert gone.status_code == 401


def test_local_mode_needs_no_sign_in(page: Page, screenshots: Screenshots) -> None:
    page.goto("/app/account")
    header = page.locator(".site-header")
    expect(header.get_by_role("link", name="Local mode")).to_be_visible()
    expect(header.get_by_role("link", name="Sign in")).to_have_count(0)
    expect(page.get_by_test_id("user-menu")).to_have_count(0)
    expect(page.get_by_test_id("profile-email")).to_have_text("local@localhost")
    expect(page.get_by_role("heading", name="API keys")).to_be_visible()
    expect(page.get_by_role("heading", name="Delete account")).to_have_count(0)
    screenshots(page, "account-local")
