"""Ranking: our scores are rank-bm25's own, results are distinct and deterministic, twins are folded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from mnqa.engine import Engine
from mnqa.index import B, EPSILON, K1, passage_terms
from mnqa.query import Group, Query

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_corpus(CORPUS)


@pytest.fixture(scope="module")
def reference(engine: Engine) -> BM25Okapi:
    stemmer = engine.index.stemmer()
    return BM25Okapi([passage_terms(p, stemmer) for p in engine.index.passages], k1=K1, b=B, epsilon=EPSILON)


def plain_query(stems: list[str]) -> Query:
    """A query of the given stems at weight 1 and no expansions: plain BM25."""
    return Query(" ".join(stems), [Group(s, s) for s in stems], {s: 1.0 for s in stems}, [], {}, [])


def test_scores_equal_rank_bm25_on_whole_corpus_queries(engine: Engine, reference: BM25Okapi) -> None:
    vocab = sorted(engine.index.df)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(vocab), min_size=1, max_size=6, unique=True))
    def check(stems: list[str]) -> None:
        pids, scores = engine.searcher.scores(plain_query(stems))
        expected = reference.get_scores(stems)
        assert set(pids.tolist()) == set(np.flatnonzero(expected).tolist())
        np.testing.assert_allclose(scores, expected[pids], rtol=1e-12)

    check()


def test_okapi_floor_keeps_very_common_words_positive(engine: Engine) -> None:
    # "microneedling" is in most passages, where Okapi's idf would go negative without the epsilon floor.
    pids, scores = engine.searcher.scores(plain_query(["microneedl"]))
    assert engine.index.df["microneedl"] > len(engine.index.passages) / 2
    assert len(pids) == engine.index.df["microneedl"] and (scores > 0).all()


def test_passages_sharing_no_word_with_the_query_never_score(engine: Engine) -> None:
    pids, _ = engine.searcher.scores(plain_query(["lidocain"]))
    assert len(pids) == engine.index.df["lidocain"] == 1


def test_ties_break_by_passage_id(engine: Engine) -> None:
    pids, scores = engine.searcher.scores(plain_query(["skin"]))
    pairs = list(zip((-scores).tolist(), pids.tolist()))
    assert pairs == sorted(pairs)


def test_results_are_distinct_and_near_twins_say_also_in(engine: Engine) -> None:
    answer = engine.ask("what is microneedling", top_k=5)
    texts = [h.passage.text for h in answer.results]
    assert len(set(texts)) == len(texts)
    twin = next(h for h in answer.results if "These proteins maintain the firmness" in h.passage.text)
    assert twin.also_in, "the near-identical paragraph of the other article is folded into this one"
    assert all(src != twin.passage.source for src in twin.also_in)


def test_paging_continues_without_repeats(engine: Engine) -> None:
    first = engine.ask("side effects", top_k=3)
    second = engine.ask("side effects", top_k=3, start=3)
    assert [h.rank for h in second.results] == [4, 5, 6]
    assert not {h.passage.pid for h in first.results} & {h.passage.pid for h in second.results}
    assert first.more


def test_answer_sentence_and_highlights_point_into_the_passage(engine: Engine) -> None:
    hit = engine.ask("does it hurt").results[0]
    s, e = hit.answer_span
    assert hit.passage.text[s:e] == hit.answer
    assert "numbing" in hit.answer
    marked = {hit.passage.text[a:b].lower() for a, b in hit.highlights}
    assert "numbing" in marked


@pytest.mark.parametrize("question", ["what are the risks", "who shouldn't get this done"])
def test_an_answer_that_is_a_list_lead_in_comes_with_its_items(engine: Engine, question: str) -> None:
    hit = engine.ask(question).results[0]
    s, e = hit.answer_span
    assert hit.passage.text[s:e] == hit.answer
    lines = hit.answer.splitlines()
    assert lines[0].endswith(":") and len(lines) >= 4 and all(line.startswith("•") for line in lines[1:])


def test_an_answer_that_points_back_comes_with_the_sentence_it_points_to(engine: Engine) -> None:
    hit = engine.ask("is it safe for dark skin").results[0]
    assert "Individuals with darker skin tones may be at risk" in hit.answer
    assert not hit.answer.startswith("This")


def test_same_question_same_answer(engine: Engine) -> None:
    assert engine.ask("is it safe for dark skin") == engine.ask("is it safe for dark skin")


@pytest.mark.parametrize(
    "question, expected",
    [
        # Doing it at home is its own lexicon entry, apart from the tools by name (the practitioner's roller).
        ("can i just buy a derma roller online and do it myself at home", "at-home microneedling"),
        # How the skin looks afterwards is apart from how it feels: swelling, not itching and dryness.
        ("will my face be swollen after", "swelling"),
        # Taking medicine for acne is one of the conditions to see a doctor about, not acne the treatment helps.
        ("im on accutane, is that ok", "medication for acne"),
        # Scarring as a risk of the treatment, not the scars it treats ("leave ... scar" in the lexicon).
        ("could the needling leave her with scars", "infection or scarring"),
        ("can microneedling scar you", "infection or scarring"),
        # A passage with every word of an expansion ("treating sun damage", "caused by burns", "mild sunburn") goes
        # ahead of one that shares a word or two with it.
        ("older guy with loads of sun damage, can it help him", "treating sun damage"),
        ("does it work on a scar from a burn", "caused by burns"),
        ("what does it feel like after, like stingy?", "mild sunburn"),
        # Why everyone is having it: its rising popularity. A short form's meaning: what the short form says.
        ("why is everyone getting microneedling lately", "rising popularity"),
        ("the booking form says CIT. what does that stand for?", "collagen induction therapy"),
        ("what does PIH stand for", "post-inflammatory hyperpigmentation (pih)"),
        # Ways of saying it without the documents' words: bracing for pain, a scald, a fad, the change of life,
        # seeing someone first, settings made to measure, looking a fright afterwards.
        ("do you numb the face first or do i just grit my teeth", "numbing cream"),
        ("i have an old scald on my arm from years ago, worth trying on that?", "traumatic scarring"),
        ("is this just the latest fad?", "rising popularity"),
        ("since the menopause my skin has gone downhill, can this help", "hormone imbalances"),
        ("do i have to have a chat with someone first or can i just turn up", "consult"),
        ("can it be tweaked for my skin or is it the same setting for everyone", "adjusted"),
        ("will i look a fright the day after", "appear red"),
        ("is it just another instagram fad", "rising popularity"),
        ("do i need a check-up before my first session", "consult"),
        # "jab" is the British everyday word for an injection.
        ("could those tiny needles be used for jabs one day", "medic"),
        # Clean needles are sterile needles, not the skin cleaned first; "proper" means real, not "proper hygiene".
        ("are the needles actually clean", "steril"),
        ("Are the needles clean?", "sterile"),
        ("is it a proper operation", "surgery"),
        ("will it take a few years off me", "wrinkles"),
        ("what will i look like when i walk out of there", "red"),
        ("any after-effects i should know about", "risk"),
        # Rolling at home is doing the treatment: the keloid it asks about leads, not how a doctor rolls the device.
        ("I get keloids from piercings, is rolling my face a bad idea?", "keloid"),
        # Everyone having it done, a few words apart, asks why it is popular.
        ("how come everybody I know is having it done", "popularity"),
        # A roller used between visits, set against the clinic's treatment, is the home-versus-clinic question.
        ("I use a roller between clinic visits, is it as good as having it done by you", "at-home"),
        # Spots had now are pimples (acne present), not the dark spots of pigmentation.
        ("I've got spots at the moment, can I still come in", "acne"),
        # "a bad sign" is a verdict, like "normal": what is asked about is the itching, not the signs of ageing.
        ("my skin was really itchy a few days after, is that a bad sign?", "itching"),
        # Results that differ between people: the documents say results vary.
        ("why did my friend get better results than me from the same course", "results vary"),
        # Who prescribed a medicine, or said a thing, is told, not asked: not the passage on who does the treatment.
        ("my derm put me on antibiotics for my acne, is that an issue for my next appointment", "medication for acne"),
        ("therapist reckons it's fine for my eczema, should I trust her", "eczema"),
        # Burning the skin, said as what the treatment might do, is the risk of burns, not the burn scars it treats.
        ("might the pen burn my face", "prone to get burns"),
        ("will the needles burn my skin", "prone to get burns"),
        # Reusing needles is hygiene: what is asked is whether they are sterile.
        ("are the needles sterile, or do some salons reuse them", "sterile"),
        ("is the pen sterile or do they reuse it", "sterile"),
        # Lying there, like sitting there, is how long the treatment takes.
        ("how long would I be lying there for my neck and chest", "15 minutes to several hours"),
        ("how long do I lie there for", "15 minutes to several hours"),
        # Waking up says when, like "the day after": what is asked about is the redness.
        ("if I wake up all red the day after, what helps", "appear red"),
    ],
)
def test_a_question_finds_the_passage_about_what_it_asks_first(engine: Engine, question: str, expected: str) -> None:
    answer = engine.ask(question)
    assert answer.answered and expected in answer.results[0].passage.text.lower()
