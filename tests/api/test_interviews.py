"""``/api/v1/scenarios`` and ``/api/v1/interviews``: a whole typed interview, judged answer by answer,
with a follow-up for a story without its result, the report, privacy and the mistakes users make."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import new_user_key
from tests.interview.test_interviewer import NO_RESULT, WITH_RESULT

STRONG = (
    "At my last job at a travel agency, our release was slipping and I decided to freeze new features for "
    "three weeks, which my team of six hated. I explained the reasons openly in a team meeting: two "
    "customers had threatened to leave over bugs. I listened to their objections one by one and we agreed "
    "to review the freeze after two weeks. In the end we shipped on time, bugs fell by forty percent and "
    "the team asked to keep a quality week every quarter. I also kept the team committed by letting "
    "them choose which bugs to fix first, and by showing the customer feedback every Friday. Looking back, "
    "I would announce such a decision earlier, but I would take it again."
)


def start(client: TestClient, **body: object) -> dict:
    response = client.post(
        "/api/v1/interviews", json={"scenario_id": "leading-a-team", "mode": "text", **body}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_the_scenario_library_is_listed_filtered_and_shown(client: TestClient) -> None:
    everything = client.get("/api/v1/scenarios").json()["scenarios"]
    assert len(everything) >= 24 and {s["language"] for s in everything} == {"en", "fr"}
    french_sales = client.get("/api/v1/scenarios", params={"language": "fr", "category": "sales"}).json()
    assert french_sales["scenarios"] and all(
        s["language"] == "fr" and s["category"] == "sales" for s in french_sales["scenarios"]
    )
    shown = client.get("/api/v1/scenarios/leading-a-team", params={"language": "fr"}).json()
    assert shown["language"] == "fr" and shown["questions"][0]["key_points"]
    missing = client.get("/api/v1/scenarios/nope", params={"language": "fr"})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "unknown_scenario"


def test_a_typed_interview_runs_to_its_report(client: TestClient) -> None:
    interview = start(client)
    assert interview["status"] == "created" and interview["mode"] == "text"
    assert [t["kind"] for t in interview["turns"]] == ["opening", "question"]
    questions = interview["questions"]

    first = client.post(f"/api/v1/interviews/{interview['id']}/answers", json={"text": STRONG}).json()
    assert first["lines"][0]["kind"] == "question", first  # a complete answer: straight to the next question
    assert first["interview"]["question_index"] == 1 and first["interview"]["status"] == "active"

    follow = client.post(f"/api/v1/interviews/{interview['id']}/answers", json={"text": NO_RESULT}).json()
    (line,) = follow["lines"]
    assert line["kind"] == "follow_up" and line["reason"] == "no_result"
    assert follow["interview"]["question_index"] == 1
    moved = client.post(f"/api/v1/interviews/{interview['id']}/answers", json={"text": WITH_RESULT}).json()
    assert moved["interview"]["question_index"] == 2

    reply = moved
    for _ in range(questions - 2):
        reply = client.post(f"/api/v1/interviews/{interview['id']}/answers", json={"text": STRONG}).json()
        while reply["lines"][0]["kind"] in ("follow_up", "rephrase"):
            reply = client.post(f"/api/v1/interviews/{interview['id']}/answers", json={"text": STRONG}).json()
    assert reply["interview"]["status"] == "completed"
    assert reply["lines"][-1]["kind"] == "closing"
    report = reply["report"]
    assert report["answered"] == questions and 0 <= report["overall"] <= 100
    assert set(report["dimensions"]) == {"relevance", "structure", "specificity", "fluency", "timing"}
    second = report["answers"][1]
    assert "result" not in second["structure"]["missing"]  # the follow-up's answer completed the story
    assert second["answer"].startswith(NO_RESULT[:40]) and second["suggestion"]
    assert report["comparison"] == {"previous_runs": 0}
    assert client.get(f"/api/v1/interviews/{interview['id']}/report").json() == report

    full = client.get(f"/api/v1/interviews/{interview['id']}").json()
    speakers = [t["speaker"] for t in full["turns"]]
    assert speakers[:2] == ["interviewer", "interviewer"] and speakers.count("candidate") >= questions + 1
    assert (
        full["answers"]["unpopular-decision"]["scores"]["overall"]
        == report["answers"][0]["scores"]["overall"]
    )

    late = client.post(f"/api/v1/interviews/{interview['id']}/answers", json={"text": STRONG})
    assert late.status_code == 409 and late.json()["error"]["code"] == "conflict"

    again = start(client)
    finished = client.post(f"/api/v1/interviews/{again['id']}/answers", json={"text": STRONG}).json()
    ended = client.post(f"/api/v1/interviews/{again['id']}/finish").json()
    assert ended["interview"]["status"] == "completed" and ended["report"]["answered"] == 1
    assert ended["report"]["comparison"]["previous_runs"] == 1
    assert ended["report"]["comparison"]["last_id"] == interview["id"]
    assert finished["interview"]["question_index"] == 1
    listed = client.get("/api/v1/interviews", params={"scenario_id": "leading-a-team"}).json()
    assert [i["id"] for i in listed["interviews"]] == [again["id"], interview["id"]]
    dashboard = client.get("/api/v1/interviews/progress").json()
    assert dashboard["completed"] == 2
    assert [p["interview_id"] for p in dashboard["by_scenario"]["leading-a-team:en"]] == [
        interview["id"],
        again["id"],
    ]
    assert dashboard["timeline"][0]["overall"] == report["overall"]
    assert set(dashboard["averages"]) == {"relevance", "structure", "specificity", "fluency", "timing"}


def test_interviews_are_private_and_mistakes_get_clear_errors(client: TestClient) -> None:
    interview = start(client, language="fr")
    assert interview["turns"][0]["text"].startswith("Bonjour")
    early = client.get(f"/api/v1/interviews/{interview['id']}/report")
    assert early.status_code == 409
    other = {"Authorization": f"Bearer {new_user_key(client, 'someone@example.org')}"}
    for method, path in (
        ("GET", ""),
        ("GET", "/report"),
        ("POST", "/answers"),
        ("POST", "/finish"),
        ("DELETE", ""),
    ):
        response = client.request(
            method, f"/api/v1/interviews/{interview['id']}{path}", headers=other,
            json={"text": "Bonjour"} if path == "/answers" else None,
        )  # fmt: skip
        assert response.status_code == 404, (method, path, response.text)
    for body in (
        {"scenario_id": "leading-a-team", "language": "de"},
        {"scenario_id": "leading-a-team", "mode": "video"},
        {"language": "en"},
    ):
        assert client.post("/api/v1/interviews", json=body).status_code == 422, body
    unknown = client.post("/api/v1/interviews", json={"scenario_id": "nope"})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_scenario"
    voice = client.post("/api/v1/interviews", json={"scenario_id": "leading-a-team", "voice": "nobody"})
    assert voice.status_code == 404 and voice.json()["error"]["code"] == "unknown_voice"
    blank = client.post(f"/api/v1/interviews/{interview['id']}/answers", json={"text": "   "})
    assert blank.status_code == 400 and blank.json()["error"]["code"] == "empty_text"
    assert client.get(f"/api/v1/interviews/{interview['id']}").json()["status"] == "created"  # nothing lost
    assert client.delete(f"/api/v1/interviews/{interview['id']}").status_code == 204
    assert client.get(f"/api/v1/interviews/{interview['id']}").status_code == 404


def test_an_answer_in_the_other_language_is_not_judged_and_the_question_stands(client: TestClient) -> None:
    english = start(client)
    french = (
        "Dans mon ancien poste, j'ai décidé de geler les nouvelles fonctionnalités pendant trois semaines."
    )
    reply = client.post(f"/api/v1/interviews/{english['id']}/answers", json={"text": french}).json()
    (line,) = reply["lines"]
    assert line["kind"] == "wrong_language" and "English" in line["text"]
    assert reply["interview"]["question_index"] == 0
    then = client.post(f"/api/v1/interviews/{english['id']}/answers", json={"text": STRONG}).json()
    assert then["interview"]["question_index"] == 1
    report = client.post(f"/api/v1/interviews/{english['id']}/finish").json()["report"]
    assert report["answers"][0]["answer"] == " ".join(STRONG.split())  # the French answer was not judged

    in_french = start(client, language="fr")
    answered = client.post(f"/api/v1/interviews/{in_french['id']}/answers", json={"text": STRONG}).json()
    assert answered["lines"][0]["kind"] == "wrong_language" and "français" in answered["lines"][0]["text"]
