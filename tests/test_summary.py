"""The summary model on fixture paths (each ending) and its three exports."""

from __future__ import annotations

import json

import html5lib
import pytest

from game.story.export import export_summary, safe_stem, to_html, to_markdown
from game.story.summary import summarize, summary_to_dict
from game.story.walk import walk

PATHS = {
    "courier.end.home": (2, ["Take the tram", "Cross"]),
    "courier.end.caught": (0, ["Take the tram", "Cross"]),
    "courier.end.back": (0, ["Walk", "Turn back"]),
}


@pytest.mark.parametrize("ending", sorted(PATHS))
def test_summary_of_each_ending(mini, ending):
    seed, picks = PATHS[ending]
    state = walk(mini, "courier", seed, picks)
    s = summarize(mini, state, player="Kati", class_name="7b")
    assert s.ending_id == ending
    assert s.ending_title == mini.scenes[ending].ending.title
    assert [p.choice for p in s.path] == [state.path[i].text for i in range(len(picks))]
    assert s.path[0].clock == "Tue 23 Oct 1956, 18:00" and s.path[0].where == "A flat"
    assert [c.label for c in s.comparisons] == ["Tram or walk?"]
    assert s.comparisons[0].chosen == state.path[0].text and s.comparisons[0].cite == ["A. Author, A Book, 2000"]
    assert s.facts_found == ["card-bridge"] and s.facts_total == 1
    assert s.long_epilogue == ["later"]
    # a one-role story: its events are not crossing events, and still make the timeline lived
    lived = [(e.id, e.when, e.also) for e in s.timeline]
    assert s.crossing_events == [] and lived[0] == ("evening", "Tue 23 Oct 1956, 18:00", [])
    assert [e.id for e in s.timeline] == [e for e in mini.timeline if e in {x for x, _w, _a in lived}]  # time order
    assert "## The timeline you lived\n\n- **Tue 23 Oct 1956, 18:00** Evening\n" in to_markdown(
        summary_to_dict(s, mini)
    )
    assert s.sources == ["book"]
    assert s.questions[-1] == "What would you have done?"
    assert s.measures[0].label == "Courage" and s.measures[0].describe.startswith("How much you dare")
    tram = "The [[tram|villamos]] is packed, and *nobody* looks at your coat."
    assert s.path[0].result == (tram if picks[0] == "Take the tram" else "")
    if ending == "courier.end.home":
        assert s.path[1].result == "The guard waves you through."  # the random outcome's line


def test_unfinished_summary_is_marked(mini):
    s = summarize(mini, walk(mini, "courier", 1, ["Walk"]))
    assert s.ending_title == "Unfinished" and s.ending_id == ""


def test_exports_contain_path_and_citations(mini, tmp_path):
    state = walk(mini, "courier", 2, ["Take the tram", "Cross"])
    s = summarize(mini, state, player="Kati <script>", class_name="7b")
    paths = export_summary(s, mini, tmp_path)
    assert sorted(p.suffix for p in paths) == [".html", ".json", ".md"]
    data = json.loads(next(p for p in paths if p.suffix == ".json").read_text())
    assert data["format"] == "budapest56-summary" and data["ending_id"] == "courier.end.home"
    assert data["facts"]["card-bridge"]["disputed"]["now"] == "It is old."
    assert data["bibliography"]["book"] == {
        "short": "A. Author, A Book, 2000",
        "reference": "A. Author (2000). A Book. A Press.",
    }
    assert data["facts"]["card-bridge"]["cite"] == ["A. Author, A Book, 2000, p. 3"]
    md = next(p for p in paths if p.suffix == ".md").read_text()
    assert "| 23 Oct 18:00 | A flat | Take the tram — The villamos is packed, and nobody looks" in md
    assert "Sources: A. Author, A Book, 2000" in md and "Sources: A. Author, A Book, 2000, p. 3" in md
    assert "- A. Author, A Book, 2000 — A. Author (2000). A Book. A Press." in md
    assert "- Courage: 1 — How much you dare; at 2 you may turn back." in md
    assert "book" not in md.replace("Book", "")  # a source is never shown by its key
    html = next(p for p in paths if p.suffix == ".html").read_text()
    assert "Take the tram" in html and "A. Author (2000)" in html and "@page{size:A4" in html
    assert '<span class="result">The <dfn title="glossary: tram">villamos</dfn> is packed, and <em>nobody</em>' in html
    assert "<script>" not in html and "Kati &lt;script&gt;" in html  # the player's name is escaped
    strict_html(html)


def test_exports_render_from_json_alone(mini):
    state = walk(mini, "courier", 0, ["Walk", "Turn back"])
    data = json.loads(json.dumps(summary_to_dict(summarize(mini, state), mini)))
    assert "Ending: Home" in to_markdown(data) and "Ending: Home" in to_html(data)


def test_a_summary_collected_before_the_timeline_still_renders(mini):
    data = summary_to_dict(summarize(mini, walk(mini, "courier", 0, ["Walk", "Turn back"])), mini)
    del data["timeline"]
    data["crossing_events"] = ["later"]  # as an earlier version listed the shared events
    assert "## The timeline you lived\n\n- **Fri 16 Jun 1989** Much later\n" in to_markdown(data)


def strict_html(page: str):
    """The page parsed as a browser would, failing on any parse error (html5lib in strict mode)."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_exports_keep_paragraphs_join_hard_line_breaks_and_link_sources(mini):
    state = walk(mini, "courier", 2, ["Take the tram", "Cross"])
    data = summary_to_dict(summarize(mini, state), mini)
    # as authors write in YAML blocks: lines wrapped in the editor, a blank line between paragraphs
    data["ending_text"] = "You deliver the letter\nat last.\n\nAt home you *sleep*."
    data["path"][0]["result"] = "The tram is packed,\nand nobody looks."
    url = "https://example.org/a_book_(2000)/p?x=1&y=2"
    data["bibliography"]["book"]["reference"] += f" {url}."
    tree = strict_html(to_html(data))
    body = list(tree.find("body"))
    start = next(i for i, el in enumerate(body) if el.tag == "h2" and text_of(el).startswith("Ending"))
    ending = [text_of(el) for el in body[start + 1 : start + 3]]
    assert [el.tag for el in body[start + 1 : start + 3]] == ["p", "p"]
    assert ending == ["You deliver the letter at last.", "At home you sleep."]
    when, where, chose = list(tree.iter("td"))[:3]
    assert (text_of(when), text_of(where), chose.text) == ("23 Oct 18:00", "A flat", "Take the tram")
    assert text_of(chose.find("span")) == "The tram is packed, and nobody looks."
    links = {a.get("href"): text_of(a) for a in tree.iter("a")}
    assert links["#src-book"] == "A. Author, A Book, 2000"  # a citation leads to its full entry
    assert tree.find(".//li[@id='src-book']") is not None
    assert links[url] == url  # the address, whole, without the sentence's full stop
    md = to_markdown(data)
    assert "You deliver the letter at last.\n\nAt home you sleep." in md
    assert "| 23 Oct 18:00 | A flat | Take the tram — The tram is packed, and nobody looks. |" in md
    assert f"A Press. <{url}>." in md


def test_a_summary_in_hungarian_has_hungarian_dates(mini):
    from game.l10n import set_language
    from game.story.loader import load_story

    set_language("hu")  # conftest's english_interface puts English back afterwards
    story = load_story(mini.root, "hu")
    data = summary_to_dict(summarize(story, walk(story, "courier", 2, ["Villamosra", "Átmész"])), story)
    assert data["facts"]["card-bridge"]["date"] == "1956. okt. 23."
    assert "| okt. 23. 18.00 |" in to_markdown(data)


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Dániel Kovács", "Dániel-Kovács"),
        ("e\u0301cole", "école"),  # a decomposed accent is composed, not cut
        ("李小龙", "李小龙"),
        ("../../etc/passwd", "etc-passwd"),
        ("...", "player"),
        ("a\x00b\x1b[31mc", "a-b-31mc"),
        ("Zo\udce9", "Zo"),  # a lone surrogate from a badly encoded name
        ("", "player"),
    ],
)
def test_file_names_keep_the_students_name_readable_and_safe(name, stem):
    assert safe_stem(name) == stem


def test_a_downloaded_summary_keeps_the_name_in_its_file_name():
    from game.web.views_game import attachment

    header = attachment(f"budapest56-{safe_stem('Kőrösi Dóra')}-resident.md")
    assert header.startswith('attachment; filename="budapest56-K_r_si-D_ra-resident.md"')  # ASCII for old clients
    assert header.endswith("filename*=UTF-8''budapest56-K%C5%91r%C3%B6si-D%C3%B3ra-resident.md")
    assert header.encode("ascii")  # the header itself stays plain ASCII
