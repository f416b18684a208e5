"""The JSON Schema of translation files, made from the table of translatable fields.

Editors use it to complete and check ``i18n/<lang>/*.yaml`` as they do story files; because it is
generated from ``game.story.i18n_fields.FIELDS``, a field added there is known to editors after
``python -m game.tools.i18n_schema > docs/translation.schema.json`` (a test keeps the two in step).
"""

from __future__ import annotations

import json
import re

from game.story.i18n_fields import FIELDS, KINDS

_TEXT = {"type": ["string", "null"]}


def _key_pattern(kind: str) -> str:
    keys = [re.escape(key).replace(r"\{\}", "[A-Za-z0-9_-]+") for k, key, _ in FIELDS if k == kind]
    return "^(" + "|".join(keys) + ")$"


def schema() -> dict:
    entry = {
        "description": "One translated text: `text` is the translation, `from` the fingerprint of the English it translates.",
        "oneOf": [
            {"type": ["string", "null"], "description": "short form, confirmed by `budapest56 translate update`"},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {"from": _TEXT, "text": _TEXT, "note": _TEXT},
            },
        ],
    }
    properties: dict[str, dict] = {}
    for kind in KINDS:
        fields = {
            "type": ["object", "null"],
            "propertyNames": {"pattern": _key_pattern(kind)},
            "additionalProperties": {"$ref": "#/definitions/entry"},
        }
        properties[kind] = fields if kind == "story" else {"type": ["object", "null"], "additionalProperties": fields}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Budapest 1956 translation file (i18n/<lang>/…)",
        "description": "See docs/translating.md.",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "definitions": {"entry": entry},
    }


def main() -> None:
    print(json.dumps(schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
