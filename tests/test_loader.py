"""Every kind of loader error, with its exact file, line and column; and a clean fixture."""

from __future__ import annotations

import pytest

from game.story.loader import load_story, load_story_with_problems
from game.story.problems import StoryLoadError
from tests.conftest import TINY_HEAD as HEAD


def problems_of(story_dir, body: str, head: str = HEAD) -> list[str]:
    root = story_dir({"head.yaml": head, "scenes.yaml": body})
    story, problems = load_story_with_problems(root)
    assert story is None or not [p for p in problems if p.severity == "error"]
    return [
        f"{p.mark.path.split('/')[-1]}:{p.mark.line}:{p.mark.col}: {p.message}"
        for p in problems
        if p.severity == "error"
    ]


def test_fixture_story_loads(mini):
    assert set(mini.roles) == {"courier"}
    assert len(mini.scenes) == 5
    assert mini.scenes["courier.start"].choices[2].reason == "You cannot fly."


def test_yaml_syntax_error_position(story_dir):
    found = problems_of(story_dir, "scenes:\n  - id: r.a\n    text: [unclosed\n")
    (syntax,) = [f for f in found if "YAML syntax" in f]
    assert syntax == (
        "scenes.yaml:3:11: YAML syntax: the '[' at line 3, column 11 is never closed: "
        "add ']', or if it is text, put the whole text in quotes"
    )


def test_one_broken_file_gives_one_error_not_a_cascade(story_dir):
    """Ids declared in a file that does not parse are not reported as unknown in the others."""
    head = HEAD.replace("start: r.a", "start: r.b")
    good = "role: r\nscenes:\n  - id: r.a\n    text: '[[tram]]'\n    cite: [book2]\n    choices:\n      - {text: on, goto: r.b}\n"
    broken = "role: r\nsources:\n  - {id: book2, author: A, title: T, year: 1}\nglossary:\n  - id: tram\nscenes:\n  - id: r.b\n    text: [unclosed\n"
    root = story_dir({"head.yaml": head, "a.yaml": good, "b.yaml": broken})
    story, problems = load_story_with_problems(root)
    assert story is None
    assert [(p.mark.path.split("/")[-1], p.code) for p in problems] == [("b.yaml", "E001")]


def test_wrong_type_position(story_dir):
    body = "role: r\nscenes:\n  - id: r.a\n    text: hi\n    choices: {text: x}\n"
    assert problems_of(story_dir, body) == ["scenes.yaml:5:14: choices must be a list, not a mapping (key: value)"]


def test_unknown_field_suggests(story_dir):
    body = (
        "role: r\nscenes:\n  - id: r.a\n    txt: hi\n    text: hi\n    ending: {title: E, epilogue: e, cite: [book]}\n"
    )
    found = problems_of(story_dir, body)
    assert found == [
        f"scenes.yaml:4:5: unknown field 'txt' in a scene — did you mean 'text'? (allowed: {', '.join(__import__('game.story.loader', fromlist=['x']).SCENE_KEYS)})"
    ]


def test_dangling_target_suggests(story_dir):
    body = """\
role: r
scenes:
  - id: r.a
    text: hi
    choices:
      - text: go
        goto: r.endd
  - id: r.end
    text: bye
    ending: {title: E, epilogue: e, cite: [book]}
"""
    assert problems_of(story_dir, body) == ["scenes.yaml:7:15: unknown scene 'r.endd' — did you mean 'r.end'?"]


def test_bad_expression_points_into_the_expression(story_dir):
    body = """\
role: r
scenes:
  - id: r.a
    text: hi
    choices:
      - text: go
        if: food >= 1 and fod < 2
        goto: r.a
      - text: eat
        effects: ["food += true"]
        goto: r.a
"""
    assert problems_of(story_dir, body) == [
        "scenes.yaml:7:27: in 'food >= 1 and fod < 2': unknown variable 'fod' — did you mean 'food'?",
        "scenes.yaml:10:28: in 'food += true': 'food' is a number but the value is true/false",
    ]


def test_unknown_role(story_dir):
    body = "scenes:\n  - id: r.a\n    role: q\n    text: hi\n    ending: {title: E, epilogue: e, cite: [book]}\n"
    assert problems_of(story_dir, body) == ["scenes.yaml:3:11: unknown role 'q' (roles: r)"]


def test_duplicate_ids_across_files(story_dir):
    root = story_dir(
        {
            "head.yaml": HEAD,
            "one.yaml": "role: r\nscenes:\n  - id: r.a\n    text: hi\n    ending: {title: E, epilogue: e, cite: [book]}\n",
            "two.yaml": "role: r\nscenes:\n  - id: r.a\n    text: hi\n    ending: {title: E, epilogue: e, cite: [book]}\n",
        }
    )
    with pytest.raises(StoryLoadError) as err:
        load_story(root)
    (problem,) = err.value.problems
    assert problem.mark.path.endswith("two.yaml") and (problem.mark.line, problem.mark.col) == (3, 9)
    assert problem.message.startswith("duplicate id 'r.a' in scenes: also declared at ")
    assert problem.message.endswith(
        "one.yaml:3:9, which was read first and counts (files are read in alphabetical order of their paths); rename one"
    )


def test_uncited_ending_and_unknown_source(story_dir):
    body = "role: r\nscenes:\n  - id: r.a\n    text: hi\n    ending: {title: E, epilogue: e, cite: [bok]}\n"
    assert problems_of(story_dir, body) == [
        "scenes.yaml:5:44: unknown source 'bok' in the ending of scene 'r.a' — did you mean 'book'?"
    ]


def test_fact_card_without_cite(story_dir):
    body = "facts:\n  - id: c\n    title: T\n    date: 1956\n    text: t\nrole: r\nscenes:\n  - id: r.a\n    text: hi\n    facts: [c]\n    ending: {title: E, epilogue: e, cite: [book]}\n"
    assert problems_of(story_dir, body) == ["scenes.yaml:2:5: a fact card is missing the required field 'cite'"]


def test_unknown_glossary_markup_and_card(story_dir):
    body = "role: r\nscenes:\n  - id: r.a\n    text: the [[avh]] men\n    facts: [nope]\n    ending: {title: E, epilogue: e, cite: [book]}\n"
    assert problems_of(story_dir, body) == [
        "scenes.yaml:4:11: unknown glossary term [[avh]]",
        "scenes.yaml:5:13: unknown fact card 'nope'",
    ]


def test_meanwhile_texts_name_real_roles_that_live_the_event_and_endings_take_a_hint(story_dir):
    body = """\
timeline:
  - id: ev
    date: 1956-10-23
    title: T
    text: t
    cite: [book]
    meanwhile:
      r: At home.
      spy: Elsewhere.
role: r
scenes:
  - id: r.a
    text: hi
    ending: {title: E, epilogue: e, cite: [book], hint: someone who said hi}
"""
    root = story_dir({"head.yaml": HEAD, "scenes.yaml": body})
    story, problems = load_story_with_problems(root)
    found = [(p.severity, p.mark.line, p.code, p.message) for p in problems]
    assert found == [
        ("warning", 8, "W116", "meanwhile text for role 'r', but no scene of that role shows event 'ev'"),
        ("error", 9, "E042", "unknown role 'spy' (roles: r)"),
    ]
    fixed = story_dir(
        {
            "scenes.yaml": body.replace("      spy: Elsewhere.\n", "").replace(
                "    text: hi\n", "    text: hi\n    events: [ev]\n"
            )
        }
    )
    story = load_story(fixed)
    assert story.timeline["ev"].meanwhile == {"r": "At home."}
    assert story.scenes["r.a"].ending.hint == "someone who said hi"


def test_outcomes_must_add_to_100_and_dead_scene(story_dir):
    body = """\
role: r
scenes:
  - id: r.a
    text: hi
    choices:
      - text: roll
        outcomes:
          - {chance: 60, goto: r.a}
          - {chance: 30, goto: r.b}
  - id: r.b
    text: stuck
"""
    assert problems_of(story_dir, body) == [
        "scenes.yaml:7:9: the chances of the outcomes add up to 90, not 100",
        "scenes.yaml:10:5: scene 'r.b' has neither choices nor an ending: the player would be stuck",
    ]


def test_all_problems_in_one_run(story_dir):
    body = "role: r\nscenes:\n  - id: r.a\n    text: hi\n    when: soon\n    choices:\n      - text: a\n        goto: r.x\n      - text: b\n        goto: r.y\n"
    assert len(problems_of(story_dir, body)) == 3


def test_not_utf8_and_missing_folder(tmp_path):
    root = tmp_path / "s"
    root.mkdir()
    (root / "a.yaml").write_bytes(b"scenes: \xff\xfe")
    _, problems = load_story_with_problems(root)
    assert "not UTF-8" in problems[0].message
    _, problems = load_story_with_problems(tmp_path / "missing")
    assert problems[0].message == "story folder not found"


def test_yaml_tags_cannot_build_python_objects(story_dir):
    body = "role: r\nscenes:\n  - id: r.a\n    text: !!python/object/apply:os.system ['echo hacked']\n    ending: {title: E, epilogue: e, cite: [book]}\n"
    found = problems_of(story_dir, body)
    assert found == [
        "scenes.yaml:4:11: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: scene files hold plain data only"
    ]


def test_choice_results_outcome_lines_and_descriptions_are_read_and_checked(story_dir):
    head = HEAD.replace("food: {initial: 1, min: 0, max: 3}", "food: {initial: 1, min: 0, max: 3, describe: Bread.}")
    head = head.replace(
        "{id: book, author: A, title: T, year: 2000}", "{id: book, author: A, title: T, year: 2000, short: The Book}"
    )
    body = """\
role: r
scenes:
  - id: r.a
    text: hi
    choices:
      - text: go
        result: The [[avh]] men wave.
        goto: r.b
      - text: roll
        outcomes:
          - {chance: 100, goto: r.b, text: "A [[tramm]] passes."}
  - id: r.b
    text: bye
    ending: {title: E, epilogue: e, cite: [book]}
"""
    assert problems_of(story_dir, body, head) == [
        "scenes.yaml:7:17: unknown glossary term [[avh]]",
        "scenes.yaml:11:13: unknown glossary term [[tramm]]",
    ]
    story = load_story(
        story_dir({"head.yaml": head, "scenes.yaml": body.replace("[[avh]] ", "").replace("[[tramm]]", "tram")})
    )
    assert story.scenes["r.a"].choices[0].result == "The men wave."
    assert story.roles["r"].variables["food"].describe == "Bread."
    assert story.sources["book"].short_title() == "The Book"


@pytest.mark.parametrize(
    ("author", "title", "year", "short"),
    [
        (
            "György Litván (ed.)",
            "The Hungarian Revolution of 1956: Reform, Revolt",
            "1996",
            "György Litván, The Hungarian Revolution of 1956, 1996",
        ),
        (
            "Csaba Békés, Malcolm Byrne and János M. Rainer (eds.)",
            "The 1956 Hungarian Revolution: A History",
            "2002",
            "Csaba Békés et al., The 1956 Hungarian Revolution, 2002",
        ),
        (
            "Institute for the History of the 1956 Hungarian Revolution (1956 Institute)",
            "Chronology: March 1953",
            "n.d. (online)",
            "1956 Institute, Chronology",
        ),
        (
            "Chicago Tribune (wire report)",
            "Hungary Nullifies Nagy Verdict",
            "1989",
            "Chicago Tribune, Hungary Nullifies Nagy Verdict, 1989",
        ),
        ("Magyar Kronológia", "Magyar Kronológia: 1956 and 1958, day by day", "n.d.", "Magyar Kronológia"),
        (
            "KSH",
            "[Report on the dead and wounded], compiled in 1957; declassified",
            "1957",
            "KSH, Report on the dead and wounded, 1957",
        ),
        (
            "Áron Tóbiás",
            "A Rádió ostroma (The siege of the Radio: a conversation)",
            "2016",
            "Áron Tóbiás, A Rádió ostroma (The siege of the Radio: a conversation), 2016",
        ),
    ],
)
def test_a_source_gets_a_short_title_from_author_title_and_year(author, title, year, short):
    from game.story.model import short_title

    assert short_title(author, title, year) == short


BOMB = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 8)
)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (BOMB, "scenes.yaml:2:10:"),  # 7 levels: 10**7 strings if expanded; refused before any expansion
        ("glossary: &a [*a]\n", "scenes.yaml:1:15:"),  # an alias inside its own anchor never ends
        ("role: r\nscenes:\n  - id: r.a\n    text: &t hello\n    where: *t\n", "scenes.yaml:5:12:"),
    ],
)
def test_yaml_aliases_are_refused_at_their_position(story_dir, body, where):
    (found,) = [f for f in problems_of(story_dir, body) if f.startswith("scenes.yaml")]
    assert found.startswith(where) and "aliases are not allowed in story files; write the text out" in found


def test_deep_nesting_is_one_clear_error(story_dir):
    (found,) = [f for f in problems_of(story_dir, "glossary: " + "[" * 900 + "]" * 900 + "\n") if "scenes" in f]
    assert "nested more than" in found


def test_unreadable_story_file_is_a_problem_not_a_traceback(story_dir, monkeypatch):
    from pathlib import Path

    root = story_dir({"head.yaml": HEAD, "scenes.yaml": "role: r\n"})
    locked = root / "scenes.yaml"
    real_bytes, real_text = Path.read_bytes, Path.read_text

    def refuse(real):
        def read(self, *args, **kwargs):
            if self == locked:
                raise PermissionError(13, "Permission denied")
            return real(self, *args, **kwargs)

        return read

    monkeypatch.setattr(Path, "read_bytes", refuse(real_bytes))
    monkeypatch.setattr(Path, "read_text", refuse(real_text))
    story, problems = load_story_with_problems(root)
    assert story is None
    assert [(p.code, p.message) for p in problems if p.mark.path.endswith("scenes.yaml")] == [
        ("E001", "cannot read: Permission denied")
    ]


# -- the story cache (game.story.storycache) -----------------------------------------------------
def cached_copy(tmp_path):
    """A copy of the fixture story with its translation, and an empty cache folder."""
    import shutil

    from tests.conftest import MINI

    root = tmp_path / "story"
    shutil.copytree(MINI, root)
    return root, tmp_path / "cache"


def no_yaml(monkeypatch):
    """From here on, reading the YAML is a test failure: the story must come from the cache."""
    from game.story import storycache

    monkeypatch.setattr(storycache, "_from_yaml", lambda *_a: pytest.fail("read the YAML"))


def test_the_cache_serves_the_same_story_until_any_file_changes(tmp_path, monkeypatch):
    import os

    from game.story import engine
    from game.story.storycache import load_story_cached

    root, cache = cached_copy(tmp_path)
    built = load_story_cached(root, None, cache)
    (kept,) = cache.glob("story-*.pickle")
    with monkeypatch.context() as m:
        no_yaml(m)
        again = load_story_cached(root, None, cache)
    assert again.fingerprint == built.fingerprint and list(again.scenes) == list(built.scenes)
    state = engine.new_game(again, "courier", 3)  # conditions and effects were rebuilt and run
    assert [v.enabled for v in engine.choices(again, state)] == [v.enabled for v in engine.choices(built, state)]
    # same size, same modification time, other content: a content hash tells, mtime alone would not
    page = root / "courier.yaml"
    before = page.stat()
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Take the tram", "Take the bus!"), encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size
    changed = load_story_cached(root, None, cache)
    assert "Take the bus!" in [c.text for s in changed.scenes.values() for c in s.choices]
    assert list(cache.glob("story-*.pickle")) == [kept]  # one file per story, replaced
    # a translation is part of what the translated story was built from
    hu = load_story_cached(root, "hu", cache)
    (entry,) = [p for p in (root / "i18n" / "hu").rglob("*.yaml") if "courier" in p.name]
    entry.write_text(entry.read_text(encoding="utf-8") + "\n# a translator's note\n", encoding="utf-8")
    with monkeypatch.context() as m:
        no_yaml(m)
        with pytest.raises(pytest.fail.Exception):
            load_story_cached(root, "hu", cache)
    assert load_story_cached(root, "hu", cache).meta.title == hu.meta.title


def test_a_damaged_or_foreign_cache_is_ignored_and_rebuilt(tmp_path, capsys):
    import hashlib
    import pickle

    from game.story.storycache import MAGIC, cache_path, load_story_cached, read_cache, source_key

    root, cache = cached_copy(tmp_path)
    good = load_story_cached(root, None, cache)
    path = cache_path(cache, root, None)
    key = source_key(root, None)
    path.write_bytes(b"garbage")
    assert load_story_cached(root, None, cache).fingerprint == good.fingerprint
    assert capsys.readouterr().err == ""  # quiet unless asked
    assert read_cache(path, key) is not None  # built again, whole
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF  # one flipped byte in the payload: the checksum tells
    path.write_bytes(bytes(data))
    assert load_story_cached(root, None, cache, verbose=True).fingerprint == good.fingerprint
    assert "is damaged; building it again" in capsys.readouterr().err

    class Evil:  # a file that would run a command when unpickled, with a correct checksum
        def __reduce__(self):
            return (print, ("pwned",))

    payload = pickle.dumps(Evil())
    path.write_bytes(MAGIC + key + hashlib.sha256(payload).digest() + payload)
    assert load_story_cached(root, None, cache, verbose=True).fingerprint == good.fingerprint
    out = capsys.readouterr()
    assert "pwned" not in out.out and "cannot be used (UnpicklingError)" in out.err


def test_two_games_building_the_cache_at_once_both_get_the_story(tmp_path):
    """Each writes a temporary file and renames it into place: the file is always one whole copy."""
    import subprocess
    import sys

    from game.story.storycache import cache_path, read_cache, source_key
    from tests.conftest import ROOT

    root, cache = cached_copy(tmp_path)
    script = (
        "import sys; from pathlib import Path\n"
        "from game.story.storycache import load_story_cached, write_cache, source_key, cache_path\n"
        "root, cache = Path(sys.argv[1]), Path(sys.argv[2])\n"
        "story = load_story_cached(root, None, cache, verbose=True)\n"
        "for _ in range(30):\n"
        "    assert write_cache(cache_path(cache, root, None), source_key(root, None), story, verbose=True)\n"
        "    assert load_story_cached(root, None, cache, verbose=True).fingerprint == story.fingerprint\n"
    )
    games = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(root), str(cache)], cwd=ROOT, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    for game in games:
        _, err = game.communicate(timeout=120)
        assert game.returncode == 0 and err == ""  # nothing damaged, nothing unreadable, no failure
    assert [p.name for p in cache.iterdir()] == [cache_path(cache, root, None).name]  # no temporary left
    assert read_cache(cache_path(cache, root, None), source_key(root, None)) is not None


def test_a_game_started_from_the_cache_does_not_import_the_yaml_stack(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    root, cache = cached_copy(tmp_path)
    script = (
        "import sys; from pathlib import Path\n"
        "from game.story.storycache import load_story_cached\n"
        "load_story_cached(Path(sys.argv[1]), None, Path(sys.argv[2]))\n"
        "print(sorted(m for m in sys.modules if m == 'yaml' or m.startswith('game.story.build')))\n"
    )
    run = [sys.executable, "-c", script, str(root), str(cache)]
    first = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=True)
    second = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=True)
    assert first.stdout.strip() != "[]" and second.stdout.strip() == "[]"
