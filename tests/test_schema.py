"""The JSON Schema for editors accepts every shipped story file, and each file points to it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.story.loader import story_files
from tests.conftest import MINI, ROOT, SCENES

SCHEMA = json.loads((ROOT / "docs" / "story.schema.json").read_text())


class _EditorLoader(yaml.SafeLoader):
    """Like an editor's YAML 1.2 reader: dates stay text."""


_EditorLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

FILES = story_files(SCENES) + story_files(MINI)


def test_schema_is_valid():
    jsonschema.Draft7Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_file_matches_schema_and_names_it(path: Path):
    text = path.read_text(encoding="utf-8")
    jsonschema.validate(yaml.load(text, Loader=_EditorLoader), SCHEMA)
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
    assert target == (ROOT / "docs" / "story.schema.json").resolve()


def test_schema_rejects_a_misspelt_field():
    bad = {"scenes": [{"id": "a.b", "txt": "hi", "text": "x"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_schema_knows_otherwise_text_dates_and_quoted_times():
    ok = yaml.load(
        'timeline: [{id: e, date: Nov 1957, time: "05:20", title: T, text: t, cite: [s]}]\n'
        "scenes: [{id: a.b, text: x, choices: [{text: Wait, otherwise: true, goto: a.c}]}]\n",
        Loader=_EditorLoader,
    )
    jsonschema.validate(ok, SCHEMA)
    unquoted = yaml.load(
        "timeline: [{id: e, date: 1957–1963, time: 21:10, title: T, text: t, cite: [s]}]\n", Loader=_EditorLoader
    )
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(unquoted, SCHEMA)  # an editor reads 21:10 as the number 1270


def test_scaffold_schema_line_points_at_a_schema_that_exists(tmp_path):
    from game.tools.scaffold import _schema_line, new_role

    shipped = _schema_line(SCENES / "resident" / "new-scenes.yaml", SCENES)
    assert shipped == "# yaml-language-server: $schema=../../docs/story.schema.json\n"
    story = tmp_path / "elsewhere" / "story"
    story.mkdir(parents=True)
    (story / "sources.yaml").write_text("sources: [{id: s, author: A, title: T, year: 1}]\n")
    assert new_role(story, "spy") == 0
    first = (story / "spy" / "role.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../story.schema.json"
    assert (story / "spy" / first.split("$schema=")[1]).resolve().is_file()


def test_schema_knows_short_titles_results_and_descriptions():
    doc = {
        "sources": [{"id": "un1957", "author": "UN", "title": "Report", "year": 1957, "short": "UN report, 1957"}],
        "variables": {"fear": {"initial": 0, "describe": "How afraid you are."}},
        "scenes": [{"id": "a.b", "text": "x", "choices": [{"text": "Go", "result": "You go.", "goto": "a.c"}]}],
    }
    jsonschema.validate(doc, SCHEMA)
    doc["variables"]["fear"]["descibe"] = "typo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)


TRANSLATION_SCHEMA = json.loads((ROOT / "docs" / "translation.schema.json").read_text())
TRANSLATIONS = sorted((SCENES / "i18n").rglob("*.yaml")) + sorted((MINI / "i18n").rglob("*.yaml"))


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: str(p.relative_to(ROOT)))
def test_translation_file_matches_its_schema_and_names_it(path: Path):
    text = path.read_text(encoding="utf-8")
    jsonschema.validate(yaml.load(text, Loader=_EditorLoader), TRANSLATION_SCHEMA)
    target = (path.parent / text.splitlines()[0].split("$schema=", 1)[1].strip()).resolve()
    assert target == (ROOT / "docs" / "translation.schema.json").resolve()


def test_translation_schema_rejects_a_misspelt_key():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"scenes": {"a.b": {"pasage.1": {"text": "x"}}}}, TRANSLATION_SCHEMA)
