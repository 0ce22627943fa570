"""Recruiters and trainers: they write scenarios (checked field by field), publish, share or retire them,
assign them to candidates, and see only the interviews started for their assignments or shared with
them; a plain user cannot act as one."""

from __future__ import annotations

import copy
import csv
import io
from typing import Any

from fastapi.testclient import TestClient

from vocalis.accounts.roles import Role

ANSWER = (
    "At my last job I decided to freeze new features for three weeks before an audit, which my team of six "
    "disliked. I explained the reasons in a meeting and listened to each objection. In the end we passed "
    "the audit with zero findings and the freeze went down to one week."
)


def key_for(client: TestClient, email: str, role: Role = Role.USER) -> dict[str, str]:
    accounts = client.app.state.vocalis.accounts  # type: ignore[attr-defined]
    user = accounts.directory.create(email, "correct horse battery", role=role, actor_id=None)
    return {"Authorization": f"Bearer {accounts.keys.create(user, 'tests', None).key}"}


def document(client: TestClient, scenario_id: str) -> dict[str, Any]:
    built_in = client.get("/api/v1/scenarios/leading-a-team").json()
    return {**copy.deepcopy(built_in), "id": scenario_id, "title": "Leading our support team"}


def test_a_recruiter_writes_publishes_shares_and_retires_scenarios(client: TestClient) -> None:
    recruiter = key_for(client, "recruiter@example.org", Role.RECRUITER)
    alice = key_for(client, "alice@example.org")
    bob = key_for(client, "bob@example.org")
    body = {"scenario": document(client, "support-lead"), "visibility": "shared"}
    written = client.post("/api/v1/recruiter/scenarios", json=body, headers=recruiter)
    assert written.status_code == 201, written.text
    assert written.json()["status"] == "draft"
    assert client.get("/api/v1/scenarios/support-lead", headers=alice).status_code == 404  # a draft

    bad = copy.deepcopy(body)
    bad["scenario"]["id"] = "support-lead-2"
    bad["scenario"]["questions"][1]["target_seconds"]["min"] = 5
    refused = client.post("/api/v1/recruiter/scenarios", json=bad, headers=recruiter)
    assert refused.status_code == 422 and "target_seconds" in refused.text and "min" in refused.text
    # Rules across fields name the item they are about, so a form can show the message next to it.
    crossed = copy.deepcopy(bad)
    crossed["scenario"]["questions"][1]["target_seconds"] = {"min": 90, "max": 60}
    points = crossed["scenario"]["questions"][0]["key_points"]
    points[-1] = points[0]
    problems = client.post("/api/v1/recruiter/scenarios", json=crossed, headers=recruiter).json()
    fields = {p["field"]: p["message"] for p in problems["error"]["details"]["errors"]}
    assert "must be below max" in fields["scenario.questions.1.target_seconds.min"], fields
    assert any(f.startswith("scenario.questions.0.key_points.") for f in fields), fields
    taken = client.post("/api/v1/recruiter/scenarios", json=body, headers=recruiter)
    assert taken.status_code == 409
    built_in = {"scenario": document(client, "leading-a-team")}
    assert client.post("/api/v1/recruiter/scenarios", json=built_in, headers=recruiter).status_code == 409

    published = client.patch(
        "/api/v1/recruiter/scenarios/support-lead",
        json={"status": "published", "shared_with": ["alice@example.org"]},
        headers=recruiter,
    ).json()
    assert published["status"] == "published" and published["shared_with"] == 1
    assert published["shared_emails"] == ["alice@example.org"]
    (listed,) = client.get("/api/v1/recruiter/scenarios", headers=recruiter).json()["scenarios"]
    assert listed["shared_emails"] == ["alice@example.org"]
    assert (
        client.get("/api/v1/scenarios/support-lead", headers=alice).json()["title"]
        == "Leading our support team"
    )
    assert "support-lead" in {
        s["id"] for s in client.get("/api/v1/scenarios", headers=alice).json()["scenarios"]
    }
    assert client.get("/api/v1/scenarios/support-lead", headers=bob).status_code == 404
    started = client.post(
        "/api/v1/interviews", json={"scenario_id": "support-lead", "mode": "text"}, headers=alice
    )
    assert started.status_code == 201 and started.json()["title"] == "Leading our support team"

    client.patch("/api/v1/recruiter/scenarios/support-lead", json={"status": "retired"}, headers=recruiter)
    again = client.post(
        "/api/v1/interviews", json={"scenario_id": "support-lead", "mode": "text"}, headers=alice
    )
    assert again.status_code == 404  # retired: offered to no one
    kept = client.get(f"/api/v1/interviews/{started.json()['id']}", headers=alice).json()
    assert kept["title"] == "Leading our support team"  # an interview keeps its copy

    assert client.get("/api/v1/recruiter/scenarios", headers=alice).status_code == 403
    other = key_for(client, "other-recruiter@example.org", Role.RECRUITER)
    assert client.get("/api/v1/recruiter/scenarios/support-lead", headers=other).status_code == 404
    assert (
        client.patch(
            "/api/v1/recruiter/scenarios/support-lead", json={"status": "published"}, headers=other
        ).status_code
        == 404
    )


def test_assignments_and_results_are_seen_by_their_recruiter_only(client: TestClient) -> None:
    recruiter = key_for(client, "r@example.org", Role.RECRUITER)
    other = key_for(client, "r2@example.org", Role.RECRUITER)
    carol = key_for(client, "carol@example.org")
    dave = key_for(client, "dave@example.org")
    assigned = client.post(
        "/api/v1/recruiter/assignments",
        json={
            "candidate_email": "carol@example.org",
            "scenario_id": "leading-a-team",
            "note": "Before Friday",
        },
        headers=recruiter,
    )
    assert assigned.status_code == 201, assigned.text
    unknown = client.post(
        "/api/v1/recruiter/assignments",
        json={"candidate_email": "nobody@example.org", "scenario_id": "leading-a-team"},
        headers=recruiter,
    )
    assert unknown.status_code == 404
    (mine,) = client.get("/api/v1/assignments", headers=carol).json()["assignments"]
    assert mine["note"] == "Before Friday" and mine["title"]

    interview = client.post(
        "/api/v1/interviews", json={"assignment_id": mine["id"], "mode": "text"}, headers=carol
    )
    assert interview.status_code == 201 and interview.json()["scenario_id"] == "leading-a-team"
    interview_id = interview.json()["id"]
    client.post(f"/api/v1/interviews/{interview_id}/answers", json={"text": ANSWER}, headers=carol)
    client.post(f"/api/v1/interviews/{interview_id}/finish", headers=carol)
    assert (
        client.post("/api/v1/interviews", json={"assignment_id": mine["id"]}, headers=dave).status_code == 404
    )

    (candidate,) = client.get("/api/v1/recruiter/candidates", headers=recruiter).json()["candidates"]
    assert candidate["email"] == "carol@example.org" and candidate["completed"] == 1
    seen = client.get(f"/api/v1/recruiter/interviews/{interview_id}", headers=recruiter).json()
    assert seen["report"]["answered"] == 1 and seen["interview"]["turns"]
    assert seen["candidate_email"] == "carol@example.org"
    (listed,) = client.get("/api/v1/recruiter/interviews", headers=recruiter).json()
    assert listed["id"] == interview_id and listed["candidate_email"] == "carol@example.org"
    rows = list(
        csv.DictReader(io.StringIO(client.get("/api/v1/recruiter/results.csv", headers=recruiter).text))
    )
    assert [r["candidate_email"] for r in rows] == ["carol@example.org"] and rows[0]["overall"]
    assert client.get(f"/api/v1/recruiter/interviews/{interview_id}", headers=other).status_code == 404

    own = client.post(
        "/api/v1/interviews", json={"scenario_id": "leading-a-team", "mode": "text"}, headers=dave
    )
    own_id = own.json()["id"]
    assert client.get(f"/api/v1/recruiter/interviews/{own_id}", headers=recruiter).status_code == 404
    shared = client.post(f"/api/v1/interviews/{own_id}/share", json={"email": "r@example.org"}, headers=dave)
    assert shared.status_code == 204
    assert client.get(f"/api/v1/recruiter/interviews/{own_id}", headers=recruiter).status_code == 200
    assert (
        client.post(
            f"/api/v1/interviews/{own_id}/share", json={"email": "r@example.org"}, headers=carol
        ).status_code
        == 404
    )

    assert client.delete(f"/api/v1/recruiter/assignments/{mine['id']}", headers=other).status_code == 404
    assert client.delete(f"/api/v1/recruiter/assignments/{mine['id']}", headers=recruiter).status_code == 204
    assert client.get("/api/v1/assignments", headers=carol).json()["assignments"] == []
