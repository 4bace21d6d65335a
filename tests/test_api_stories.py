"""/api/stories: story events built by `rasd stories`, served as JSON and CSV."""

from __future__ import annotations

import warnings

import pytest

from rasd.scale.stories import build_stories
from rasd.store import open_store
from test_stories import one_event_told_four_times

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from rasd.api import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('stories') / 'stories.db'}"
    with open_store(url) as store:
        store.ingest(one_event_told_four_times())
        build_stories(store)
    with TestClient(create_app(url, warm=False)) as c:
        yield c


def test_stories_list_the_articles_of_one_event(client):
    body = client.get("/api/stories", params={"min_articles": 2}).json()
    assert len(body["items"]) == 1
    story = body["items"][0]
    assert (story["num_articles"], story["num_sources"], story["type"]) == (4, 3, "ASSAULT")
    assert {e["doc_id"] for e in story["events"]} == {"a1", "a2", "a3", "a4"}


def test_stories_filter_and_export(client):
    assert client.get("/api/stories", params={"country": "EGY"}).json()["items"] == []
    csv = client.get("/api/stories", params={"format": "csv"})
    assert csv.status_code == 200 and csv.text.splitlines()[0].startswith("story_id,type")


@pytest.mark.parametrize("params", [{"type": "BOMBING"}, {"since": "yesterday"}, {"min_articles": 0},
                                    {"format": "xml"}, {"country": "YE'; DROP TABLE stories;--"}])
def test_bad_story_parameters_are_4xx(client, params):
    response = client.get("/api/stories", params=params)
    assert 400 <= response.status_code < 500 and response.json()["error"]["code"].startswith("E6")
