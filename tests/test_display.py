"""The HTML view of a Document (`fakty.display`) and its short repr."""
from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from fakty import Document, Location, Organization, Person, Position, Span
from fakty.display import html_page, render_html

from conftest import FIXTURES

TEXT = "Директор Института этнологии и антропологии РАН Валерий Тишков выступил в Москве."


def span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start=start, stop=start + len(phrase), text=phrase)


def document() -> Document:
    institute = Organization(id="org-1", name="Институт этнологии и антропологии РАН", parent_id="org-2",
                             spans=[span(TEXT, "Института этнологии и антропологии РАН")])
    academy = Organization(id="org-2", name="РАН", spans=[span(TEXT, "РАН")])
    person = Person(id="per-1", name="Валерий Тишков", spans=[span(TEXT, "Валерий Тишков")], positions=[
        Position(title="директор", organization_id="org-1",
                 span=span(TEXT, "Директор Института этнологии и антропологии РАН"))])
    place = Location(id="loc-1", name="Москва", kind="город", spans=[span(TEXT, "Москве")])
    return Document(text=TEXT, organizations=[institute, academy], persons=[person], locations=[place])


class Marks(HTMLParser):
    """The marks of a rendered view: (data-id, ids of the marks around it), the text with
    the type labels left out, and whether every tag closed in order."""

    def __init__(self):
        super().__init__()
        self.stack, self.marks, self.text, self.balanced, self.in_sub = [], [], [], True, False
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("class") == "text":
            self.in_body = True
        if tag == "mark":
            self.marks.append((attrs["data-id"], [a.get("data-id") for t, a in self.stack if t == "mark"]))
        self.in_sub = tag == "sub"
        self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        self.in_sub = False
        if not self.stack or self.stack.pop()[0] != tag:
            self.balanced = False

    def handle_data(self, data):
        if self.in_body and not self.in_sub:
            self.text.append(data)


def parse(html: str) -> Marks:
    parser = Marks()
    parser.feed(html)
    return parser


def test_an_organization_inside_another_is_a_mark_inside_its_mark():
    marks = parse(render_html(document()))
    assert marks.balanced
    assert ("org-2", ["org-1"]) in marks.marks  # РАН inside the institute
    assert "".join(marks.text) == TEXT


def test_crossing_spans_are_cut_into_pieces_that_nest():
    text = "Альфа Бета Гамма"
    doc = Document(text=text, organizations=[Organization(id="org-1", name="x", spans=[span(text, "Альфа Бета")])],
                   locations=[Location(id="loc-1", name="y", spans=[span(text, "Бета Гамма")])])
    html = render_html(doc)
    marks = parse(html)
    assert marks.balanced and "".join(marks.text) == text
    assert [m[0] for m in marks.marks] == ["org-1", "loc-1", "loc-1"]  # Бета (inside org-1), then Гамма
    assert html.count("<sub>LOC</sub>") == 1  # the label once, after the last piece


def test_hover_shows_positions_and_links_and_a_legend_names_the_types():
    html = render_html(document())
    tip = re.search(r'<mark class="t-persons" data-id="per-1" title="([^"]*)"', html).group(1)
    assert "Person per-1: Валерий Тишков" in tip and "— директор — Институт этнологии и антропологии РАН" in tip
    assert re.search(r'data-id="org-1" title="[^"]*parent: РАН \(org-2\)', html)
    # hovering the person outlines the organization of the position, and the other way round
    assert ':has([data-id="per-1"]:hover) :is([data-id="org-1"])' in html
    assert ':has([data-id="org-1"]:hover) :is([data-id="org-2"],[data-id="per-1"])' in html
    # the title as written, underlined, carries the person's id
    assert 'class="position" data-id="per-1"' in html
    for chip in ("ORG organizations 2", "PER persons 1", "LOC locations 1", "EVT events 0", "DATE dates 0"):
        assert chip in html


def test_the_repr_is_short_and_counts_each_type():
    doc = Document.model_validate_json((FIXTURES / "001_a2611bcb571f4053.json").read_text(encoding="utf-8"))
    assert len(doc.text) > 6000
    text = repr(doc)
    assert len(text) < 250 and str(doc) == text
    assert "4 organizations, 2 persons, 12 locations, 2 events, 3 figures, 3 dates" in text


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.skip("no Chromium here (Debian: apt-get install chromium); .ci/run installs it where it can")


def test_a_seed_page_renders_in_headless_chromium(extractor, tmp_path):
    from PIL import Image

    browser = chromium()
    doc = extractor((FIXTURES / "001_a2611bcb571f4053.txt").read_text(encoding="utf-8"))
    page, png = tmp_path / "page.html", tmp_path / "page.png"
    page.write_text(html_page(doc), encoding="utf-8")
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--no-first-run", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
               f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,1400",
               f"--screenshot={png}", page.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert png.exists(), result.stderr[-2000:]
    image = Image.open(png).convert("RGB")
    assert image.size == (1000, 1400)
    counts = {colour: n for n, colour in image.getcolors(1 << 24)}
    # not blank: text, and the highlight colours of organizations, persons and places
    assert 1000 * 1400 - counts.get((255, 255, 255), 0) > 1000 * 1400 // 50
    for colour in ((0xcf, 0xe2, 0xff), (0xff, 0xd6, 0xa5), (0xca, 0xff, 0xbf)):
        assert counts.get(colour, 0) > 500, colour
