"""Passages: whole sentences, bounded size, lists with their lead-in, true line numbers."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mnqa.documents import Document, parse, parse_corpus, read_corpus
from mnqa.passages import MAX_CHARS, MAX_LEAD_IN, sentence_spans, split_corpus, split_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def real_passages():
    docs = parse_corpus(read_corpus(CORPUS, lambda _: None), lambda _: None)
    return split_corpus(docs)


def doc(text: str, name: str = "t.txt") -> Document:
    return Document(f"corpus/{name}", name, name, tuple(parse(text)))


def test_every_passage_is_bounded_and_points_at_real_lines() -> None:
    for p in real_passages():
        assert len(p.text) <= MAX_CHARS + MAX_LEAD_IN
        lines = (CORPUS / p.source.split("/", 1)[1]).read_text(encoding="utf-8").splitlines()
        span = "\n".join(lines[p.first_line - 1 : p.last_line])
        for part in p.text.split("\n"):
            assert part in span, (p.source, p.lines, part)


def test_passage_ids_follow_reading_order() -> None:
    ps = real_passages()
    assert [p.pid for p in ps] == list(range(len(ps)))
    for a, b in zip(ps, ps[1:]):
        if a.source == b.source:
            assert a.first_line <= b.first_line


def test_a_list_travels_with_its_lead_in() -> None:
    ps = real_passages()
    keloid = next(p for p in ps if "• Keloid scars" in p.text)
    assert keloid.text.startswith("Individuals with the following conditions cannot do microneedling:")
    assert keloid.lines == (31, 35)
    assert keloid.section == "What risks come along with Microneedling?"


def test_a_long_list_is_split_and_each_part_keeps_the_lead_in_as_context() -> None:
    ps = [p for p in real_passages() if p.section == "Microneedling Side Effects" and p.source.endswith("004_53e2b9e12a4a3ca6.txt")]
    lead = "there are some potential side effects and risks to be aware of, including:"
    assert lead in ps[0].text and ps[0].context is None
    continued = [p for p in ps if p.text.startswith("1. ") and p.context]
    assert len(continued) >= 3
    assert all(lead in p.context for p in continued)


def test_calls_to_action_are_dropped_but_the_rest_of_the_line_stays() -> None:
    text = "\n".join(p.text for p in real_passages())
    assert "schedule an appointment today" not in text
    assert "you should first consult your doctor and figure out whether it is the right option for you" in text


def test_long_paragraphs_split_at_sentence_ends_into_balanced_parts() -> None:
    sentence = "Microneedling stimulates collagen in the treated skin over several weeks. "
    parts = split_document(doc(sentence * 12))
    assert len(parts) == 2
    assert all(p.text.endswith("weeks.") for p in parts)
    assert abs(len(parts[0].text) - len(parts[1].text)) < len(sentence) * 2


def test_a_giant_word_is_cut_not_lost() -> None:
    parts = split_document(doc("x" * 2000 + " tail."))
    assert all(len(p.text) <= MAX_CHARS for p in parts)
    assert sum(len(p.text) for p in parts) >= 2000


def test_sentence_spans_keep_abbreviations_and_list_numbers() -> None:
    text = "Microdermabrasion vs. microneedling differ. 1. Dr. Smith said so."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["Microdermabrasion vs. microneedling differ.", "1. Dr. Smith said so."]


# --- property: passages cover every content line of a document, in order ---------------------------------------

WORDS = st.sampled_from("skin needles collagen redness the treatment results patients gentle fine deep acne scars".split())
SENTENCE = st.lists(WORDS, min_size=2, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=12).map(" ".join)
HEADING = st.lists(WORDS, min_size=1, max_size=5).map(lambda ws: " ".join(ws).title() + "?")
BULLET = st.tuples(st.sampled_from(["  • ", "- ", "1. ", "  3) "]), PARAGRAPH).map("".join)
LEAD_IN = st.lists(WORDS, min_size=3, max_size=10).map(lambda ws: " ".join(ws).capitalize() + " include:")
LINE = st.one_of(PARAGRAPH, HEADING, BULLET, LEAD_IN, st.just(""), st.just("Was this helpful?"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, min_size=1, max_size=25))
def test_passages_cover_every_content_line_in_order(lines: list[str]) -> None:
    text = "\n".join(lines)
    blocks = parse(text)
    passages = split_document(doc(text))
    content = [b for b in blocks if b.kind != "heading"]
    # Every content line lies in some passage, and passages come in line order.
    for b in content:
        assert any(p.first_line <= b.first and b.last <= p.last_line for p in passages), b
    starts = [p.first_line for p in passages]
    assert starts == sorted(starts)
    # Every sentence of the content is shown verbatim in some passage (text or, for a continued list, context).
    shown = "\n".join(p.text for p in passages)
    for b in content:
        for s, e in sentence_spans(b.text):
            assert b.text[s:e] in shown
    for p in passages:
        assert len(p.text) <= MAX_CHARS + MAX_LEAD_IN
