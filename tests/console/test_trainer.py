"""The trainer's page: a class of trainees (one `training` sandbox each, tokens on a sheet),
their progress read from their sandboxes, and the levers: clock, reviews, reset. Off loopback
it needs the admin token."""

from __future__ import annotations

import itertools
import re

from flask import Flask

from mockads.app import create_app
from mockads.settings import Settings
from tests.console.conftest import Trainee

_classes = (f"Class {n}" for n in itertools.count(1))


def _create_class(trainer: Trainee, *names: str) -> tuple[str, dict[str, str]]:
    name = next(_classes)
    response = trainer.submit(
        "/console/trainer/classes",
        {"class_name": name, "names": "\n".join(names)},
        from_page="/console/trainer",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    sheet = trainer.page(response.location)
    tokens = dict(re.findall(r"<tr><td>([^<]+)</td><td><code>([^<]+)</code></td></tr>", sheet))
    return name, tokens


def _row(trainer: Trainee, trainee: str) -> str:
    page = trainer.page("/console/trainer")
    rows = re.findall(r'<tr data-sandbox="(sbx_\w+)">(.*?)</tr>', page, re.S)
    return next((sid, row) for sid, row in rows if f"<td>{trainee}<br>" in row)


def test_a_class_of_three_gets_three_sandboxes_and_a_sheet_of_tokens(mockads_app: Flask):
    trainer = Trainee(mockads_app)
    _, tokens = _create_class(trainer, "Ana", "Ben", "Chloé")
    assert list(tokens) == ["Ana", "Ben", "Chloé"] and len(set(tokens.values())) == 3
    seen = set()
    for token in tokens.values():
        trainee = Trainee(mockads_app)
        trainee.sign_in(token)
        page = trainee.page("/console/exercises")
        assert page.count('data-testid="state">To do') == 5
        seen.add(re.search(r'data-testid="sandbox">([^<]+)<', page).group(1))
    assert len(seen) == 3 and all(" / " in name for name in seen)


def test_progress_comes_from_the_trainees_sandbox(mockads_app: Flask):
    trainer = Trainee(mockads_app)
    _, tokens = _create_class(trainer, "Dev")
    trainee = Trainee(mockads_app)
    trainee.sign_in(tokens["Dev"])
    task = re.search(
        r'data-exercise="link-a-duet">.*?<p>(.*?)</p>', trainee.page("/console/exercises"), re.S
    ).group(1)
    duet_code, original_code = re.findall(r"#[A-Za-z0-9+/]{20,}", task)
    trainee.submit(
        "/console/spark-posts/confirm",
        {"auth_code": [duet_code], "original_for_0": original_code},
    )
    exercises = trainee.page("/console/exercises")
    assert re.search(r'data-exercise="link-a-duet">.*?data-testid="state">Done', exercises, re.S)
    _, row = _row(trainer, "Dev")
    assert "1 of 5" in row


def test_the_trainer_moves_a_trainees_clock_approves_reviews_and_resets(mockads_app: Flask):
    trainer = Trainee(mockads_app)
    _, tokens = _create_class(trainer, "Eve")
    sid, row = _row(trainer, "Eve")
    before = re.search(r"<td>(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC</td>", row).group(1)
    trainer.submit(
        f"/console/trainer/sandboxes/{sid}/clock", {"days": "31"}, from_page="/console/trainer"
    )
    _, row = _row(trainer, "Eve")
    after = re.search(r"<td>(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC</td>", row).group(1)
    assert after[:7] != before[:7] or int(after[8:10]) != int(before[8:10])

    trainee = Trainee(mockads_app)
    trainee.sign_in(tokens["Eve"])
    campaign = trainee.submit(
        "/console/campaigns/new",
        {"objective_type": "TRAFFIC", "campaign_name": "Eve's", "budget_mode": "none"},
        from_page="/console/campaigns/new",
    )
    campaign_id = re.search(r"/campaigns/(\d+)/", campaign.location).group(1)
    path = f"/console/campaigns/{campaign_id}/adgroups/new"
    adgroup = trainee.submit(
        path,
        {
            "adgroup_name": "G",
            "location_ids": ["6252001"],
            "budget_mode": "none",
            "schedule_start_time": "2026-12-01 09:00:00",
            "billing_event": "CPC",
        },
        from_page=path,
    )
    adgroup_id = re.search(r"/adgroups/(\d+)/", adgroup.location).group(1)
    drawer = trainee.page(f"/console/adgroups/{adgroup_id}/ads/new")
    custom = re.search(r'value="(CUSTOMIZED_USER:[^"]+)"', drawer).group(1)
    ad_page = f"/console/adgroups/{adgroup_id}/ads/new?identity={custom}"
    video = re.search(r'value="(video:[^"]+)"', trainee.page(ad_page)).group(1)
    trainee.submit(
        ad_page, {"ad_name": "Eve ad", "creative": video, "ad_text": "Hi"}, from_page=ad_page
    )

    reviews = trainer.page(f"/console/trainer/sandboxes/{sid}/reviews")
    ad_id = re.search(r'data-ad-id="(\d+)"', reviews).group(1)
    trainer.submit(
        f"/console/trainer/sandboxes/{sid}/reviews/{ad_id}",
        {"decision": "approve"},
        from_page=f"/console/trainer/sandboxes/{sid}/reviews",
    )
    assert '<td data-testid="review">APPROVED' in trainee.page("/console/campaigns")

    trainer.submit(f"/console/trainer/sandboxes/{sid}/reset", {}, from_page="/console/trainer")
    assert "Eve ad" not in trainee.page("/console/campaigns")  # same token, fresh world


def test_the_trainer_page_touches_only_class_sandboxes(mockads_app: Flask, sandbox):
    trainer = Trainee(mockads_app)
    path = f"/console/trainer/sandboxes/{sandbox.sandbox_id}/reset"
    assert trainer.submit(path, {}, from_page="/console/trainer").status_code == 404


def test_off_loopback_the_trainer_page_needs_the_admin_token():
    app = create_app(Settings(db="sqlite://", host="0.0.0.0", admin_token="s3cret-admin"))
    person = Trainee(app)
    response = person.client.get("/console/trainer")
    assert response.status_code == 302 and response.location.endswith("/console/trainer/sign-in")
    token = person.token("/console/trainer/sign-in")
    wrong = person.client.post(
        "/console/trainer/sign-in", data={"csrf_token": token, "admin_token": "no"}
    )
    assert wrong.status_code == 401
    right = person.client.post(
        "/console/trainer/sign-in", data={"csrf_token": token, "admin_token": "s3cret-admin"}
    )
    assert right.location.endswith("/console/trainer")
    assert person.client.get("/console/trainer").status_code == 200


def test_a_refused_class_keeps_the_classes_in_view(mockads_app: Flask):
    trainer = Trainee(mockads_app)
    name, _ = _create_class(trainer, "Fay")
    response = trainer.submit(
        "/console/trainer/classes",
        {"class_name": name, "names": "Gus"},
        from_page="/console/trainer",
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "already exists" in text
    assert "<td>Fay<br>" in text


def test_the_trainer_opens_a_trainees_sandbox_as_they_see_it(mockads_app: Flask):
    trainer = Trainee(mockads_app)
    name, _ = _create_class(trainer, "Hal")
    sid, _ = _row(trainer, "Hal")
    response = trainer.submit(
        f"/console/trainer/sandboxes/{sid}/open", {}, from_page="/console/trainer"
    )
    assert response.location == "/console/spark-posts"
    page = trainer.page("/console/exercises")
    assert f'data-testid="sandbox">{name} / Hal<' in page
