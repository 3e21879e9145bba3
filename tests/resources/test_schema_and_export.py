"""The JSON Schema is the contract (kept in step with the model), and directory.json is the whole
directory as HSDS-shaped open data."""
from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from beyond_detox.resources import load_directories
from beyond_detox.resources.export import directory_json
from beyond_detox.resources.model import Directory, json_schema
from beyond_detox.resources.validate import default_files
from beyond_detox.yamlio import parse

from .helpers import ROOT, TODAY, VALID

SCHEMA = ROOT / "data" / "resources" / "schema.json"


def test_schema_file_is_up_to_date():
    assert SCHEMA.read_text(encoding="utf-8") == json_schema(), "run: .venv/bin/python scripts/update_resources.py schema"


@pytest.mark.parametrize("path", default_files(), ids=lambda p: p.name)
def test_data_files_match_the_json_schema(path):
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    errors = list(validator.iter_errors(parse(path.read_text(encoding="utf-8")).data))
    assert errors == [], [e.message for e in errors]


def test_the_json_schema_rejects_what_the_model_rejects():
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    for broken in (VALID.replace("status: active", "status: open"), VALID.replace("url: https://example.org/line", "url: http://x.org"),
                   VALID.replace("categories: [crisis]", "categories: [astrology]"), VALID.replace("cost: Free", "colour: red")):
        assert list(validator.iter_errors(parse(broken).data)), broken


def test_directory_json_is_hsds_shaped():
    document = json.loads(directory_json(load_directories(), TODAY))
    orgs = {org["id"]: org for org in document["organizations"]}
    assert {"samhsa", "lifeline-988-network", "florida-dcf"} <= set(orgs)
    services = {svc["id"]: svc for org in document["organizations"] for svc in org["services"]}
    helpline = services["samhsa-national-helpline"]
    for key in ("id", "name", "description", "url", "status", "assured_date", "last_modified", "phones", "schedules",
                "service_areas", "languages", "attributes"):
        assert key in helpline
    assert helpline["phones"][0]["number"] == "+18006624357" and helpline["phones"][1]["type"] == "tty"
    assert helpline["languages"] == [{"code": "en", "name": "English"}, {"code": "es", "name": "Spanish"}]
    assert helpline["attributes"][0]["taxonomy_term"]["code"] == "referral-helpline"
    assert helpline["schedules"] == [{"description": "24 hours a day, 365 days a year"}]
    assert document["x-hsds-version"] == "3.0"


def test_directory_json_leaves_out_hidden_entries():
    text = VALID.replace("2026-01-15", "2024-01-15")
    stale = Directory.model_validate(parse(text).data)
    document = json.loads(directory_json([stale], TODAY))
    assert document["organizations"] == []
    fresh = Directory.model_validate(parse(VALID).data)
    assert json.loads(directory_json([fresh], dt.date(2026, 2, 1)))["organizations"][0]["services"][0]["id"] == "test-line"
