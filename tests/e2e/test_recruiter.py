"""The recruiter's web pages, on a server with accounts: an admin gives the recruiter role; the recruiter
writes a scenario in the editor (fixing the field the server refuses), publishes and shares it, assigns it
to a candidate; the candidate (their own browser, signed in) runs it as a typed interview through the
API; the recruiter then sees the candidate, the score, the transcript and the CSV. Without the role, the
pages explain what the area is instead of showing the editor. axe checks the dashboard and the editor."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, FilePayload, Page, expect

from tests.api.conftest import running_server
from tests.e2e.conftest import DESKTOP, PHONE, REPO, browser_page, require_build
from tests.e2e.test_accessibility import assert_accessible
from tests.e2e.test_accounts import PASSWORD, register, sign_in
from vocalis.config import Settings
from vocalis.graph import Vocalis

Screenshots = Callable[[Page, str], None]
ADMIN = "admin@example.org"
SCENARIO_ID = "support-team-lead"
BUILT_IN = REPO / "src" / "vocalis" / "interview" / "data" / "scenarios" / "en" / "leading-a-team.json"
# Typed answers by question id: the first tells a whole story (with its result), the second is free.
ANSWERS = {
    "q1": (
        "Last spring our support queue doubled after a product launch and two agents were out sick. I was "
        "the team lead, so I had to bring the first response time back under four hours. I split the queue "
        "by topic, wrote three reply templates with the product team and coached two new agents every "
        "morning for a week. Within three weeks the first response time fell from eleven hours to three, "
        "and customer satisfaction went from 78 to 91 percent."
    ),
    "q2": (
        "I start with a one-to-one in private to understand what is going on, then agree on two or three "
        "clear goals with dates, and we check progress together every Friday for a month."
    ),
}
FALLBACK_ANSWER = (
    "In the end the result was measurable: the backlog went from 400 tickets to 60 in three weeks and the "
    "team kept the new routine."
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, settings: Settings, services: Vocalis) -> Iterator[str]:
    """A server where everyone signs in, whose first admin is made at start-up, as an operator does."""
    require_build()
    auth = settings.auth.model_copy(
        update={
            "local_mode": False,
            "login_attempts_per_minute": 1000,
            "bootstrap_admin_email": ADMIN,
            "bootstrap_admin_password": PASSWORD,
        }
    )
    recruiting = settings.model_copy(
        update={"data_dir": tmp_path_factory.mktemp("e2e-recruiter-data"), "auth": auth}
    )
    with running_server(recruiting, services.engines, local_mode=False) as url:
        yield url


def give_role(base_url: str, user_id: str, role: str) -> None:
    """What an admin does: sign in, then PATCH /api/v1/admin/users/{id}."""
    with httpx.Client(base_url=base_url) as admin:
        login = admin.post("/api/v1/auth/login", json={"email": ADMIN, "password": PASSWORD})
        assert login.status_code == 200, login.text
        token = login.json()["access_token"]
        changed = admin.patch(
            f"/api/v1/admin/users/{user_id}",
            json={"role": role},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert changed.status_code == 200 and changed.json()["role"] == role, changed.text


def fill_editor(page: Page) -> None:
    """A scenario of two questions, each with key points and a follow-up; question 2 too short a minimum."""
    page.get_by_label("Title").fill("Support team lead")
    expect(page.get_by_label("Scenario id")).to_have_value(SCENARIO_ID)  # made from the title
    page.get_by_label("Description").fill(
        "Two questions for a support team lead: a busy week, a struggling agent."
    )
    page.get_by_label("Role", exact=True).fill("Support team lead")
    page.get_by_label("Target length (minutes)").fill("8")
    page.get_by_label("Interviewer persona").fill("Sam, head of customer support at a travel agency")
    page.get_by_label("Opening line").fill(
        "Hello, I'm Sam. I'll ask you two questions about leading a support team."
    )
    page.get_by_label("Closing line").fill("Thank you, that was helpful. We'll be in touch this week.")

    page.get_by_label("Question 1: what the interviewer asks").fill(
        "Tell me about a week when your support queue was overwhelmed. What did you do?"
    )
    page.get_by_label("Question 1: intent").fill("See how the candidate organises a team under pressure.")
    first = page.get_by_test_id("question").nth(0)
    first.get_by_label("Key point 1").fill("describes how the work was split")
    first.get_by_label("Key point 2").fill("gives the measurable result")
    first.get_by_role("button", name="Add a key point to question 1").click()
    first.get_by_label("Key point 3").fill("supported the people on the team")
    expect(first.get_by_label("Follow-up 1: when")).to_have_value("no_result")
    first.get_by_label("Follow-up 1: what the interviewer says").fill("And what was the result, in numbers?")

    page.get_by_role("button", name="Add a question").click()
    page.get_by_label("Question 2: what the interviewer asks").fill(
        "How do you help an agent whose quality has dropped?"
    )
    page.get_by_label("Question 2: intent").fill(
        "See whether the candidate addresses performance early and fairly."
    )
    page.get_by_label("Question 2: expected structure").select_option("free")
    second = page.get_by_test_id("question").nth(1)
    second.get_by_label("Key point 1").fill("talks to the agent early and in private")
    second.get_by_label("Key point 2").fill("agrees on clear goals and follows up")
    second.get_by_label("Shortest (seconds)").fill("5")  # below the 15 s the rubric allows
    second.get_by_label("Follow-up 1: when").select_option("vague")
    second.get_by_label("Follow-up 1: what the interviewer says").fill("What exactly would you say to them?")


def assert_fits_a_phone(page: Page) -> None:
    """Nothing sticks out sideways at phone width (wide tables scroll inside their own box)."""
    page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    wide = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
          .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                       && !e.closest(".table-scroll"))
          .map(e => e.tagName + "." + e.className)"""
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})
    assert width <= PHONE["width"], (width, wide[:10])


def run_typed_interview(candidate: Page, assignment_id: str) -> dict[str, Any]:
    """The candidate's interview through the API with their own session: answer until the end, then finish."""
    start = {"assignment_id": assignment_id, "mode": "text"}
    started = candidate.request.post("/api/v1/interviews", data=start)
    assert started.status == 201, started.text()
    interview = started.json()
    assert interview["scenario_id"] == SCENARIO_ID and interview["mode"] == "text"
    asked = "q1"
    for _ in range(4):
        text = ANSWERS.get(asked, FALLBACK_ANSWER)
        reply = candidate.request.post(f"/api/v1/interviews/{interview['id']}/answers", data={"text": text})
        assert reply.status == 200, reply.text()
        body = reply.json()
        if body["report"] is not None:
            return body["report"]  # type: ignore[no-any-return]
        last = body["lines"][-1]
        # A follow-up asks about the same question: the fallback answer gives the story's result.
        asked = last["question_id"] if last["kind"] == "question" else "follow-up"
    finished = candidate.request.post(f"/api/v1/interviews/{interview['id']}/finish")
    assert finished.status == 200, finished.text()
    return finished.json()["report"]  # type: ignore[no-any-return]


def test_a_recruiter_writes_a_scenario_assigns_it_and_reads_the_candidates_interview(
    server: str, browser: Browser, screenshots: Screenshots, tmp_path: Path
) -> None:
    suffix = uuid.uuid4().hex[:6]
    recruiter_email, candidate_email = f"rita-{suffix}@example.org", f"carl-{suffix}@example.org"
    recruiter_id = register(server, recruiter_email, name="Rita Recruiter")["user"]["id"]
    register(server, candidate_email, name="Carl Candidate")

    with browser_page(browser, server) as page:
        page.emulate_media(reduced_motion="reduce")
        sign_in(page, recruiter_email)
        # Before an admin gives the role: the area says what it is for, and the menu has no link to it.
        page.goto("/app/recruiter")
        expect(page.get_by_test_id("recruiter-forbidden")).to_contain_text("does not have the recruiter role")
        page.get_by_test_id("user-menu").click()
        expect(page.get_by_role("menuitem", name="Recruiter dashboard")).to_have_count(0)

        give_role(server, recruiter_id, "recruiter")
        page.goto("/")
        page.get_by_test_id("user-menu").click()
        page.get_by_role("menuitem", name="Recruiter dashboard").click()
        expect(page).to_have_url(re.compile(r"/app/recruiter$"))
        expect(page.get_by_role("heading", name="Your scenarios")).to_be_visible()
        expect(page).to_have_title("Recruiter dashboard · Vocalis")

        page.get_by_role("navigation", name="Recruiter").get_by_role("link", name="New scenario").click()
        fill_editor(page)
        expect(page.get_by_test_id("unsaved")).to_be_visible()
        page.get_by_role("button", name="Save draft").click()
        too_short = page.get_by_label("Shortest (seconds)").nth(1)
        error = page.locator("#sc-questions-1-target_seconds-min-error")
        expect(error).to_contain_text("greater than or equal to 15")
        expect(too_short).to_have_attribute("aria-invalid", "true")
        described = re.compile(r"sc-questions-1-target_seconds-min-error")
        expect(too_short).to_have_attribute("aria-describedby", described)
        expect(too_short).to_be_focused()
        expect(page).to_have_url(re.compile(r"/scenarios/new$"))  # nothing saved
        assert_accessible(page, "scenario editor with a field error")
        screenshots(page, "recruiter-editor-error")

        too_short.fill("30")
        expect(error).to_have_count(0)
        page.get_by_role("button", name="Save draft").click()
        expect(page).to_have_url(re.compile(rf"/app/recruiter/scenarios/{SCENARIO_ID}$"))
        expect(page.get_by_test_id("editor-status")).to_have_text("Saved as a draft.")
        expect(page.get_by_label("Shortest (seconds)").nth(1)).to_have_value("30")  # as the server keeps it
        expect(page.get_by_test_id("question")).to_have_count(2)
        expect(page.get_by_test_id("unsaved")).to_have_count(0)

        page.get_by_role("radio", name=re.compile(r"^Shared")).check()
        page.get_by_label("Shared with").fill(candidate_email)
        page.get_by_role("button", name="Publish").click()
        expect(page.get_by_test_id("editor-status")).to_have_text("Saved. Published.")
        expect(page.get_by_test_id("unsaved")).to_have_count(0)
        expect(page.get_by_role("button", name="Retire")).to_be_visible()
        assert_accessible(page, "scenario editor, published")
        assert_fits_a_phone(page)
        screenshots(page, "recruiter-editor")

        page.get_by_role("link", name="Assign it to a candidate").click()
        row = page.get_by_test_id("scenario-row").filter(has_text="Support team lead")
        expect(row).to_contain_text("Published")
        expect(row).to_contain_text("Shared with 1 person")
        expect(page.get_by_label("Scenario", exact=True)).to_have_value(f"{SCENARIO_ID}|en")
        expect(page.get_by_label("Candidate's e-mail")).to_be_focused()
        page.get_by_label("Candidate's e-mail").fill(candidate_email)
        page.get_by_label("Note to the candidate (optional)").fill("Before Friday, please")
        page.get_by_role("button", name="Assign").click()
        assigned = f"Assigned “Support team lead” to {candidate_email}."
        expect(page.get_by_test_id("assign-status")).to_have_text(assigned)
        expect(page.get_by_test_id("assignment-row")).to_contain_text("Before Friday, please")

        with browser_page(browser, server) as candidate:
            sign_in(candidate, candidate_email)
            assignments = candidate.request.get("/api/v1/assignments").json()["assignments"]
            (assignment,) = [a for a in assignments if a["scenario_id"] == SCENARIO_ID]
            assert assignment["note"] == "Before Friday, please"
            assert assignment["title"] == "Support team lead"
            report = run_typed_interview(candidate, assignment["id"])
            assert report["answered"] >= 1 and isinstance(report["overall"], int)
            # A candidate who opens the recruiter's pages is told what they are, not given the editor.
            candidate.goto("/app/recruiter/scenarios/new")
            expect(candidate.get_by_test_id("recruiter-forbidden")).to_be_visible()
            expect(candidate.get_by_test_id("scenario-editor")).to_have_count(0)
            assert_accessible(candidate, "recruiter area without the role")

        page.reload()
        person = page.get_by_test_id("candidate-row").filter(has_text=candidate_email)
        expect(person).to_contain_text(str(report["overall"]))
        expect(person.locator("td").nth(3)).to_have_text("1")  # completed
        interview = page.get_by_test_id("interview-row").filter(has_text=candidate_email)
        expect(interview).to_contain_text("Completed")
        expect(interview.locator(".rscore")).to_have_text(str(report["overall"]))
        # The candidate's interview count shows only their interviews.
        person.get_by_role("button", name=re.compile(f"show the interviews of {candidate_email}")).click()
        expect(page.get_by_role("heading", name=f"Interviews of {candidate_email}")).to_be_focused()
        expect(page.get_by_test_id("interview-row")).to_have_count(1)
        assert_accessible(page, "recruiter dashboard with a result")
        assert_fits_a_phone(page)
        screenshots(page, "recruiter-dashboard")

        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download results (CSV)").click()
        download = download_info.value
        assert re.fullmatch(r"interview-results-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
        (result,) = [r for r in rows if r["candidate_email"] == candidate_email]
        assert result["scenario_id"] == SCENARIO_ID and result["overall"] == str(report["overall"])

        interview.get_by_role("link", name=re.compile("Open the interview")).click()
        expect(page.get_by_test_id("interview-candidate")).to_have_text(candidate_email)
        expect(page.get_by_test_id("interview-scores")).to_contain_text(str(report["overall"]))
        turns = page.get_by_test_id("turn")
        expect(turns.first).to_contain_text("Hello, I'm Sam.")
        expect(page.get_by_test_id("recruiter-interview")).to_contain_text(ANSWERS["q1"][:60])
        expect(page.get_by_test_id("answer-scores").first).to_contain_text("Relevance")
        screenshots(page, "recruiter-interview")


def test_a_scenario_file_imports_reorders_and_retires_and_assignments_are_withdrawn(
    server: str, browser: Browser
) -> None:
    email = f"tess-{uuid.uuid4().hex[:6]}@example.org"
    give_role(server, register(server, email, name="Tess Trainer")["user"]["id"], "recruiter")
    built_in = json.loads(BUILT_IN.read_text(encoding="utf-8"))
    first, second = built_in["questions"][0], built_in["questions"][1]

    with browser_page(browser, server) as page:
        sign_in(page, email)
        page.goto("/app/recruiter/scenarios/new")
        upload = page.get_by_label("Import a scenario file (JSON)")
        not_json = FilePayload(name="notes.json", mimeType="application/json", buffer=b"{no")
        upload.set_input_files(files=[not_json])
        expect(page.locator("#scenario-import-error")).to_contain_text("not JSON")
        expect(upload).to_have_attribute("aria-invalid", "true")

        upload.set_input_files(BUILT_IN)
        expect(page.get_by_test_id("editor-status")).to_have_text(
            "Imported leading-a-team.json: check it, then save."
        )
        expect(page.get_by_label("Title")).to_have_value(built_in["title"])
        expect(page.get_by_test_id("question")).to_have_count(len(built_in["questions"]))
        expect(page.get_by_label("Question 1: what the interviewer asks")).to_have_value(first["text"])

        # The file's id is a built-in scenario's: the server refuses it, next to the id.
        page.get_by_role("button", name="Save draft").click()
        expect(page.locator("#sc-id-error")).to_contain_text("built-in scenario's id")
        expect(page.get_by_label("Scenario id")).to_be_focused()
        page.get_by_label("Scenario id").fill("leading-our-team")
        expect(page.locator("#sc-id-error")).to_have_count(0)

        page.get_by_role("button", name="Move up question 2").click()
        # Focus follows the question to its new place (its "Move up" button is now disabled).
        expect(page.get_by_role("heading", name="Question 1", exact=True)).to_be_focused()
        expect(page.get_by_label("Question 1: what the interviewer asks")).to_have_value(second["text"])
        page.get_by_role("button", name="Save and publish").click()
        expect(page).to_have_url(re.compile(r"/app/recruiter/scenarios/leading-our-team$"))
        expect(page.get_by_test_id("editor-status")).to_have_text("Saved and published.")
        expect(page.get_by_label("Question 1: what the interviewer asks")).to_have_value(second["text"])
        saved = page.request.get("/api/v1/recruiter/scenarios/leading-our-team").json()
        ids = [q["id"] for q in saved["scenario"]["questions"]]
        assert ids[:2] == [second["id"], first["id"]] and saved["status"] == "published"

        page.get_by_role("button", name="Retire").click()
        expect(page.get_by_test_id("editor-status")).to_have_text("Saved. Retired: offered to no one.")
        expect(page.get_by_role("button", name="Publish again")).to_be_visible()
        assert page.request.get("/api/v1/recruiter/scenarios/leading-our-team").json()["status"] == "retired"

        # Assignments: an unknown e-mail is refused next to its field; a built-in scenario is
        # assigned, then withdrawn.
        dana = f"dana-{uuid.uuid4().hex[:6]}@example.org"
        register(server, dana, name="Dana")
        page.get_by_role("navigation", name="Recruiter").get_by_role("link", name="Dashboard").click()
        page.get_by_label("Candidate's e-mail").fill("nobody-here@example.org")
        page.get_by_label("Scenario", exact=True).select_option(label=f"{built_in['title']} (English)")
        page.get_by_role("button", name="Assign").click()
        expect(page.locator("#assign-email-error")).to_contain_text("nobody-here@example.org")
        expect(page.get_by_label("Candidate's e-mail")).to_have_attribute("aria-invalid", "true")
        page.get_by_label("Candidate's e-mail").fill(dana)
        page.get_by_role("button", name="Assign").click()
        row = page.get_by_test_id("assignment-row").filter(has_text=dana)
        expect(row).to_contain_text(built_in["title"])
        row.get_by_role("button", name=re.compile("^Withdraw")).click()
        expect(page.get_by_test_id("assign-status")).to_have_text(
            f"Withdrew “{built_in['title']}” from {dana}."
        )
        expect(page.get_by_test_id("assignment-row")).to_have_count(0)
