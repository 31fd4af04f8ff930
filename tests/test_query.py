"""Query understanding on the real corpus: spelling, joined words, expansions, what is reported as searched."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from conftest import write_corpus
from mnqa.analysis import parse_shorthand, said, shorthand, stopwords, tokenize
from mnqa.engine import Engine
from mnqa.lexicon import IRREGULAR_PASTS
from mnqa.query import (_one_edit, about_clinic, anchor_words, aside_words, asker_role_words, bracketed_words,
                        claimed_amount, expected_amount, history_words, origin_words, simile_words, speaker_words,
                        telling_words, timed_visits, told_length, unframed)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_corpus(CORPUS)


@pytest.mark.parametrize(
    "typed, fixed",
    [("microneedeling", "microneedling"), ("hyperpigmintation", "hyperpigmentation"), ("wrinkels", "wrinkles"),
     ("colagen", "collagen"), ("sunscrean", "sunscreen")],
)
def test_misspelt_words_are_corrected_to_corpus_words(engine: Engine, typed: str, fixed: str) -> None:
    q = engine.analyze(f"does {typed} help")
    assert q.corrections == {typed: fixed}
    assert fixed in q.terms


@pytest.mark.parametrize("word", ["park", "passport", "zxcvbnm", "wheelchair"])
def test_words_with_no_close_match_are_left_alone_and_reported(engine: Engine, word: str) -> None:
    q = engine.analyze(f"where is the {word}")
    assert q.corrections == {}
    assert word in q.unknown


@pytest.mark.parametrize("word", ["heart", "noise", "match", "instalments"])
def test_a_real_word_is_never_corrected_into_another_word(engine: Engine, word: str) -> None:
    # "heart" is one edit from "heat" and "hear", "noise" from "nose", "match" from "march": all in the documents.
    # "instalments" (two from "instruments") is a plural that English frequency tables leave out.
    q = engine.analyze(f"does it help my {word}")
    assert q.corrections == {}
    assert word in q.unknown


@pytest.mark.parametrize("typed, fixed", [("safer", "safe"), ("minimise", "minimize")])
def test_a_real_word_may_become_another_form_of_itself(engine: Engine, typed: str, fixed: str) -> None:
    assert engine.analyze(f"is it {typed}").corrections == {typed: fixed}


@pytest.mark.parametrize("typed, fixed", [("hlep", "help"), ("tigthen", "tighten")])
def test_two_letters_typed_in_the_wrong_order_are_put_back(engine: Engine, typed: str, fixed: str) -> None:
    assert engine.analyze(f"can it {typed} my skin").corrections == {typed: fixed}


@pytest.mark.parametrize("typed, fixed", [("realy", "really"), ("actualy", "actually")])
def test_a_doubled_letter_typed_once_is_the_likelier_correction(engine: Engine, typed: str, fixed: str) -> None:
    # "real" and "actual" are one edit away too, and both are in the documents.
    assert engine.analyze(f"is it {typed} safe for dark skin").corrections == {typed: fixed}


def test_a_doubled_vowel_is_another_sound_not_a_slip(engine: Engine) -> None:
    # "creepy" is one letter away too, and its "ee" would otherwise count as a doubled letter typed once
    assert engine.analyze("my neck is saggy and crepy").corrections == {"crepy": "crepey"}


@pytest.mark.parametrize("typed, fixed", [("infecshun", "infection"), ("consultashun", "consultation"),
                                          ("damidge", "damage")])
def test_a_long_word_spelt_as_it_is_said_is_corrected(engine: Engine, typed: str, fixed: str) -> None:
    q = engine.analyze(f"can u get an {typed} from the needles")
    assert q.corrections == {typed: fixed} and q.unknown == []


@pytest.mark.parametrize("typed", ["kemo", "keemo"])
def test_a_hard_k_heard_in_a_word_spelt_ch_is_corrected(engine: Engine, typed: str) -> None:
    q = engine.analyze(f"my mum is having {typed} for breast cancer, can she get this done")
    assert q.corrections == {typed: "chemo"} and q.unknown == []
    assert engine.ask(f"my mum is having {typed} for breast cancer, can she get this done").answered


@pytest.mark.parametrize("typed, fixed", [("melasmer", "melasma"), ("eczemer", "eczema")])
def test_a_final_a_heard_as_er_is_corrected(engine: Engine, typed: str, fixed: str) -> None:
    q = engine.analyze(f"does it work on {typed}")
    assert q.corrections == {typed: fixed} and q.unknown == []


def test_a_word_that_only_sounds_near_a_known_one_stays_unknown(engine: Engine) -> None:
    # "biotin" has the consonants of "beaten" (in the documents), but three letters differ in six
    assert "biotin" in engine.analyze("can i take biotin after").unknown


@pytest.mark.parametrize("question, typed, fixed", [("how much time off werk after", "werk", "work"),
                                                    ("can it be done on my bak", "bak", "back")])
def test_a_short_word_with_a_vowel_heard_otherwise_or_a_letter_left_out_is_corrected(
        engine: Engine, question: str, typed: str, fixed: str) -> None:
    q = engine.analyze(question)
    assert q.corrections == {typed: fixed} and q.unknown == []


def test_a_short_form_without_vowels_is_never_corrected(engine: Engine) -> None:
    # "prp" is one letter from "prep", but letters without a vowel are an abbreviation, not a slip
    assert engine.analyze("do you do prp").unknown == ["prp"]


def test_one_edit_apart_agrees_with_nltk_edit_distance() -> None:
    from nltk.metrics.distance import edit_distance

    # Every pair of words of up to four letters from three: each kind of edit at every place, and all the near
    # misses (two swaps, a swap and a change), which random pairs would seldom reach.
    words = ["".join(w) for n in range(1, 5) for w in itertools.product("abc", repeat=n)]
    wrong = [(a, b) for a in words for b in words
             if a != b and _one_edit(a, b) != (edit_distance(a, b, transpositions=True) == 1)]
    assert wrong == []


def test_a_short_unknown_word_is_only_corrected_by_swapping_letters_or_putting_one_back(engine: Engine) -> None:
    assert engine.analyze("hale zxcv").corrections == {}  # "hale" is a word; "zxcv" is no anagram of one
    assert engine.analyze("what to do aftr").corrections == {"aftr": "after"}  # a letter left out


def test_skin_that_lost_its_bounce_asks_about_elasticity(engine: Engine) -> None:
    assert "elastin" in engine.analyze("my skin has lost all the bounce it had").expansions
    assert "elastin" not in engine.analyze("how soon will I bounce back").expansions  # recovering, not elasticity


def test_a_course_of_a_medicine_is_not_a_course_of_sessions(engine: Engine) -> None:
    sessions = "number of sessions"
    assert sessions not in engine.analyze("2 months into a course of roaccutane, do I need to finish it").expansions
    assert sessions not in engine.analyze("just finished a course of antibiotics, can I go ahead").expansions
    assert sessions in engine.analyze("is a course of three enough").expansions
    assert sessions in engine.analyze("do I need a course of them").expansions
    # rounds and cycles of a medicine too
    assert sessions not in engine.analyze("halfway through 6 rounds of chemo, can I have it").expansions
    assert sessions not in engine.analyze("between cycles of chemotherapy, is it safe").expansions
    assert sessions in engine.analyze("how many rounds of treatment will I need").expansions


def test_an_irregular_verb_form_is_searched_as_the_verb(engine: Engine) -> None:
    # Snowball leaves "shrunk" apart from "shrink", which the documents use of pores.
    assert engine.analyze("niacinamide hasnt shrunk my pores").corrections == {"shrunk": "shrink"}
    # A word that can also name a thing keeps its own meaning ("worth a shot"), and a common word is not searched.
    assert "shot" not in engine.analyze("is it worth a shot").corrections
    assert engine.analyze("IPL made my melasma worse").corrections == {}


def test_a_word_the_documents_only_use_as_a_noun_is_searched_as_that_noun(engine: Engine) -> None:
    # Snowball leaves "react" and "reaction" apart; the lexicon knows "reaction".
    q = engine.analyze("can you react badly to the numbing cream")
    assert q.corrections == {"react": "reaction"} and "react" not in q.unknown
    # The verb's other forms reach the noun through their stem; a misspelling whose stem is no word does not.
    assert engine.analyze("she reacted badly before").corrections == {"reacted": "reaction"}
    assert engine.analyze("is it reacting").corrections == {"reacting": "reaction"}
    assert engine.analyze("numbing durring the treatment").corrections == {"durring": "during"}
    # A final "e" is dropped only before a vowel: "fade" is not "fad" + "ness", though the lexicon knows "fad".
    assert "fade" not in engine.analyze("can it fade my hyperpigmentation").corrections


def test_texting_forms_of_question_words_are_not_searched(engine: Engine) -> None:
    q = engine.analyze("wat is microneedling")
    assert q.terms == ["microneedling"] and q.unknown == []


@pytest.mark.parametrize("question", ["who shudnt get microneedling", "i hav rosacea, is microneedling ok",
                                      "is it worth gettin microneedling"])
def test_texting_forms_of_everyday_words_are_not_searched(engine: Engine, question: str) -> None:
    assert engine.analyze(question).unknown == []


def test_texting_forms_that_are_words_of_their_own_are_read_as_meant(engine: Engine) -> None:
    q = engine.analyze("i have active breakouts rite now, is it tru it can spread them")
    assert q.corrections == {"rite": "right", "tru": "true"}


def test_a_texting_form_does_not_make_a_question_unanswerable(engine: Engine) -> None:
    assert engine.ask("who shudnt get micro needling").answered


@pytest.mark.parametrize(
    "question, amount",
    [("how much does it cost", "money"), ("how much is this going to hurt", None),
     ("how much is it supposed to sting", None), ("what are the fees", "money"),
     ("how many weeks until i see results", "week"), ("how much does it hurt", None), ("does it hurt", None),
     ("how deep do the needles go in mm", "length"), ("needle length in millimetres", "length"),
     ("should i buy 1mm or 5mm", "length"), ("is the clinic one different from the 0 5mm roller i got", None),
     ("how much is microneedling here", "money"), ("how much is it for a full face", "money"),
     ("how much per session for a full face", "money"), ("how much each session", "money"),
     ("how much downtime is there", None), ("how long do the results last", "duration"),
     ("how long does it take", None), ("is there a minimum age", "age"), ("im 15 am i old enough", "age"),
     ("is it ok for under 18s", "age"), ("is it ok for under 18", "age"), ("58 here is it worth it at my age", None),
     ("does it help age spots", None), ("what age spots does it fade", None),
     ("what would one session cost me", "money"), ("one session , roughly , in pounds", "money"),
     ("roughly what should i expect to pay per session in the uk", "money"),
     ("what do i need to pay attention to after", None),
     ("how much is a session ? and is there a discount", "money"), ("is it cheaper than laser", None),
     ("is it cheaper than laser or about the same price", None),
     ("not after exact prices , which is the more expensive route", None),
     ("what is the price of the cheapest package", "money"),
     ("i lost 40 pounds , will it help loose skin", None),
     ("how much would a package of three be if i book now", "money"),
     ("how much will it be", "money"), ("how much would it hurt", None),
     ("a salon does it for half the price , does it matter who does it", None),
     ("a kit for a fraction of the clinic price , is it the same treatment", None),
     ("she does it for half what the clinic charges , does it matter who does it", None),
     ("what does a session cost , the salon charges half what you do", "money"),
     ("can i do top ups at home with a roller", None), ("can i still come in for my top-up with spots", None),
     ("do i need a top-up every year", "duration"),
     ("are the results permanent", "duration"), ("will i need top ups every year", "duration"),
     ("does it last forever", "duration"), ("can it go over permanent makeup", None),
     ("how long do the results last", "duration"), ("how long does the redness last for", "duration"),
     ("how long before do they put the cream on ? i forgot from last time", None),
     ("how long is it ? my last session felt forever", None),
     ("i sit there forever before it starts", None),
     ("a price list i saw says cit , is that microneedling", None),
     ("how far apart should the sessions be", "duration"), ("how often can i roll at home", "duration"),
     ("sessions 4 weeks apart ok", "duration"), ("whats the interval between sessions", "duration"),
     ("weeks between sessions", "duration"),
     ("is radio frequency riskier", None), ("how far do the needles go", None)],
)
def test_questions_asking_for_an_amount_say_which(question: str, amount: str | None) -> None:
    assert expected_amount(question.split()) == amount


def test_a_currency_sign_without_a_figure_asks_for_a_price(engine: Engine) -> None:
    assert engine.analyze("roughly how much for my whole back, in £?").expects == "money"
    assert engine.analyze("ballpark in $ for a full face").expects == "money"
    # a sum already spent is context, not a price asked for
    assert engine.analyze("I spent £300 on creams, will this work better").expects is None


@pytest.mark.parametrize(
    "question, amount",
    [("the results last about five years I think?", "year"), ("you need a new roller every 2 months, right?", "month"),
     ("a session is £150, that's about normal isn't it?", "money"), ("it heals in a couple of days, yeah?", "day"),
     # a figure that says when the asker is, or a belief without a figure, or no belief put up to be checked
     ("my skin is flaky 2 days after, is that normal?", None), ("it's been 3 days and I'm still red, right?", None),
     ("it boosts collagen, right?", None), ("I spent £300 on creams, will this work better", None),
     ("how many weeks until I see results", None)],
)
def test_a_figure_in_a_belief_put_up_to_be_checked_is_the_amount_asked(question: str, amount: str | None) -> None:
    assert claimed_amount(said(question), question) == amount


@pytest.mark.parametrize(
    "question, asks",
    [("by how many percent does collagen go up", True), ("what percentage better will my scars look", True),
     ("infection rate in % after microneedling?", True), ("what are the chances per cent of an infection", True),
     # a figure given is no percentage asked for
     ("I soak my roller in 70% alcohol, is that ok", False),
     ("fifty percent of my face is scarred, will it help", False),
     ("do 50 per cent of people bruise", False), ("how long does redness last", False)],
)
def test_a_question_asking_for_a_percentage_expects_one(engine: Engine, question: str, asks: bool) -> None:
    assert (engine.analyze(question).expects == "percent") is asks


def test_asking_how_long_to_wait_asks_for_a_span_of_time(engine: Engine) -> None:
    assert engine.analyze("How long after finishing accutane do I have to wait before microneedling?").expects == "duration"
    assert engine.analyze("how soon can I have it? do I need to wait after botox").expects is None
    # a wait told in another sentence is another question: "how long till results" is not a span to wait
    assert engine.analyze("how long till results? instant or do i wait").expects is None
    # and a question without a wait is read as before
    assert engine.analyze("how long does the numbing cream sit on before you start").expects is None
    # a passage that states no span of time does not answer it
    assert not engine.ask("I finished roaccutane 3 months ago. How long do I have to wait before microneedling?").answered


def test_how_long_between_visits_asks_for_weeks_as_how_many_weeks_does(engine: Engine) -> None:
    for question in ("how long should I leave between sessions?", "how long do you wait between each treatment"):
        assert engine.analyze(question).expects == engine.analyze("how many weeks between sessions").expects
    # how long a session takes is not a gap between them
    assert engine.analyze("how long is each session").expects is None
    # and a passage that states no such gap does not answer it
    assert not engine.ask("how long do I have to leave between treatments?").answered


def test_how_long_a_consultation_takes_is_not_how_long_a_treatment_takes(engine: Engine) -> None:
    assert engine.analyze("how long is the consultation beforehand").expects == "duration"
    assert not engine.ask("how long will my consultation last?").answered
    # the treatment's own length is still answered
    assert engine.ask("how long does the appointment take").answered
    assert engine.analyze("do I need a consultation first").expects is None


def test_who_is_asking_is_not_searched(engine: Engine) -> None:
    q = engine.analyze("new staff here - remind me what collagen does")
    assert q.terms == ["new", "collagen"] and q.unknown == []


@pytest.mark.parametrize("question", ["I'm guessing one session is enough?", "one session will do it, I presume?",
                                      "I assume one session is enough", "one session is enough, presumably?"])
def test_a_belief_put_up_to_be_checked_is_searched_for_what_it_says(engine: Engine, question: str) -> None:
    # "I assume", "I'm guessing" frame what the asker believes, as "I think" does: no topic of their own
    q = engine.analyze(question)
    assert "session" in q.terms
    assert not {"guessing", "presume", "assume", "presumably"} & {*q.terms, *q.unknown}


def test_a_visit_whose_length_is_asked_is_timed() -> None:
    assert timed_visits("how long is the actual appointment".split()) == {"appointment"}
    assert timed_visits("how long does a microneedling session take".split()) == {"session"}
    # what is done at a visit, or a length asked of something else, times no visit
    assert timed_visits("what happens at the appointment".split()) == set()
    assert timed_visits("how long does redness last after a session of microneedling with a roller".split()) == set()


@pytest.mark.parametrize("greeting", ["hiya", "heya", "howdy", "cheers", "ta"])
def test_a_greeting_or_thanks_is_not_searched(engine: Engine, greeting: str) -> None:
    q = engine.analyze(f"{greeting}, does it hurt much?")
    assert q.terms == ["hurt"] and q.unknown == []


def test_a_misspelt_filler_word_is_dropped(engine: Engine) -> None:
    q = engine.analyze("how does it acutally work")
    assert q.corrections == {"acutally": "actually"}
    assert "actually" not in q.terms


@pytest.mark.parametrize("typed", ["micro needling", "micro-needling", "Micro-Needling", "microneedling"])
def test_spellings_of_microneedling_search_the_same_word(engine: Engine, typed: str) -> None:
    assert engine.analyze(f"is {typed} safe").terms == ["microneedling", "safe"]


@pytest.mark.parametrize(
    "typed, joined",
    [("micro derma abrasion", "microdermabrasion"), ("collagen in duction therapy", "induction"),
     ("is it not that in vasive", "invasive")],
)
def test_a_word_split_by_speech_to_text_is_joined_again(engine: Engine, typed: str, joined: str) -> None:
    q = engine.analyze(typed)
    assert joined in q.terms and joined in q.corrections.values()


@pytest.mark.parametrize("question", ["what are the side efects", "blood thiner, ok?", "can you recomend a clinic",
                                      "is she an influencer or a real client"])
def test_a_misspelt_word_is_corrected_alone_not_joined_to_its_neighbour(engine: Engine, question: str) -> None:
    assert not [typed for typed in engine.analyze(question).corrections if " " in typed]


def test_a_clinicians_query_mark_before_a_word_asks_about_it(engine: Engine) -> None:
    # "?suitable" in a clinical note is "query: suitable", part of what is asked, not context after a question
    q = engine.analyze("hx of keloids after ear piercing ?suitable")
    assert not next(g for g in q.groups if g.word == "suitable").aside
    # a question mark that ends a question still makes what follows an aside
    assert next(g for g in engine.analyze("hx of keloids, suitable? mum says dodgy").groups if g.word == "dodgy").aside


def test_expansions_weigh_less_than_the_askers_words(engine: Engine) -> None:
    q = engine.analyze("is it safe for dark skin")
    assert q.weights["dark"] == q.weights["skin"] == q.weights["safe"] == 1.0
    assert "darker skin tones" in q.expansions
    assert 0 < q.weights["darker"] < 1.0


def test_a_quality_is_also_searched_as_the_documents_comparative_but_not_a_common_word(engine: Engine) -> None:
    thin = engine.analyze("will it bruise where my skin is thin")
    assert "thinner" in thin.expansions and 0 < thin.weights["thinner"] < thin.weights["thin"]
    # "old" and "small" say little ("an old scar", "a small fortune"): the documents' "older" is about age
    assert "older" not in engine.analyze("how would it change an old scar").expansions


def test_a_word_the_documents_never_use_is_carried_by_its_expansions(engine: Engine) -> None:
    q = engine.analyze("does it hurt")
    assert q.terms == ["hurt"]
    assert {"numbing cream", "discomfort"} <= set(q.expansions)
    own = next(g for g in q.groups if g.word == "hurt")
    assert own.expansions["numb"] > engine.analyze("is it safe for dark skin").weights["darker"]


def test_stopwords_only_leaves_nothing_to_search(engine: Engine) -> None:
    q = engine.analyze("is it")
    assert q.weights == {} and q.terms == []


@pytest.mark.parametrize("question", ["couldn't it hurt", "wouldn't it hurt", "shouldn't it hurt", "hasn't it hurt"])
def test_a_negative_contraction_is_a_stopword_like_its_full_form(engine: Engine, question: str) -> None:
    assert [g.word for g in engine.analyze(question).groups if not g.phrase] == ["hurt"]


def test_overlong_questions_are_cut(engine: Engine) -> None:
    q = engine.analyze("does it hurt " * 200)
    assert q.truncated and len(q.text) < 600


@pytest.mark.parametrize(
    "noise",
    ["\x1b[2J", "\x1b]52;c;aGVsbG8=\x07", "\x1b]0;owned\x1b\\", "\x00", "\x07\x08", "\x9b31m"],
)
def test_escape_sequences_and_controls_are_not_words(engine: Engine, noise: str) -> None:
    q = engine.analyze(f"{noise}does it{noise} hurt{noise}")
    assert q.terms == ["hurt"] and q.unknown == []
    assert "\x1b" not in q.text and "\x00" not in q.text


def test_other_scripts_keep_their_marks(engine: Engine) -> None:
    q = engine.analyze("針は痛いですか")
    assert q.unknown == ["針は痛いですか"] and q.weights == {}


def test_either_side_of_an_or_is_an_alternative_unless_two_things_are_compared(engine: Engine) -> None:
    q = engine.analyze("are the needles sterile or reused")
    assert [(g.word, g.alternative_to) for g in q.groups] == [("needles", None), ("sterile", None), ("reused", "sterile")]
    compared = engine.analyze("which is safer, laser or microneedling")
    assert all(g.alternative_to is None for g in compared.groups)


def test_long_in_how_long_is_the_frame_not_the_word_in_longer_needles(engine: Engine) -> None:
    (group,) = [g for g in engine.analyze("how long does it take").groups if g.word == "long"]
    assert group.frame and "long" not in group.members() and "minut" in group.members()


def test_a_letter_held_down_is_read_as_the_word_meant(engine: Engine) -> None:
    q = engine.analyze("i sweat sooo much")
    assert q.corrections == {"sooo": "so"} and q.unknown == []


def test_a_trainer_quizzing_staff_is_not_searched(engine: Engine) -> None:
    q = engine.analyze("quiz: which proteins does microneedling boost? (for the trainer handout)")
    assert "quiz" not in q.terms and "handout" not in q.unknown and "trainer" not in q.unknown


def test_words_said_after_the_question_as_context_are_an_aside() -> None:
    assert {"sister", "germaphobe"} <= aside_words("are the needles sterile? my sister is a total germaphobe")
    assert "needles" not in aside_words("are the needles sterile? my sister is a total germaphobe")
    assert aside_words("I use retinol every night. when should I stop?") == set()  # said first: what is asked
    assert aside_words("will I look ok by then? how much downtime is there") == set()  # asks, without its "?"
    # a second question joined on by a word such as "also" still asks
    assert aside_words("is it safe while breastfeeding? also what's the downtime like") == set()
    assert aside_words("does it hurt") == set()


def test_another_treatment_told_of_is_history_not_what_is_asked(engine: Engine) -> None:
    assert history_words("I have melasma and IPL made it worse. Can microneedling help melasma?") == {"ipl"}
    assert history_words("Is it safe? I keep reading mixed things, and lasers scare me") == {"lasers"}
    # compared with what was told, or asked about: what is asked
    assert history_words("IPL felt like rubber bands snapping. Is microneedling more painful than that?") == set()
    assert history_words("My cousin did laser and got darker. Can microneedling do this too?") == set()
    # a bare "too" adds to what was told rather than comparing with it
    assert history_words("I bruise really easily with filler. Does needling leave bruises too?") == {"filler"}
    assert history_words("is it gentler than a chemical peel?") == set()
    assert history_words("my peel was a nightmare") == set()  # nothing asked
    # a question of stopwords only turns back to what was told: that is what it asks
    assert history_words("A friend says microdermabrasion and needling are the same. Are they?") == set()
    q = engine.analyze("IPL made my rosacea angry. Is microneedling ok with rosacea?")
    assert [g.word for g in q.groups if g.history] == ["ipl"]
    top = engine.ask("IPL made my rosacea angry. Is microneedling ok with rosacea?").results[0]
    assert "laser" not in top.passage.text.lower()  # the question is rosacea, not lasers


def test_another_treatment_told_in_a_clause_before_the_question_is_history(engine: Engine) -> None:
    assert history_words("I get botox for my frown lines - would microneedling help my crows feet?") == {"botox"}
    assert history_words("i have fillers in my cheeks but can microneedling help my acne scars") == {"fillers"}
    assert history_words("had a peel last month, is it ok to have microneedling for my pores?") == {"peel"}
    # a comparison, or an event counted from ("two weeks ago ... now"), is what is asked about
    assert history_words("PRP facial vs plain microneedling, is the extra worth it") == set()
    assert history_words("I had lip filler two weeks ago, is it ok to have microneedling now?") == set()
    assert history_words("botox for my forehead, fillers for my lips") == set()  # nothing asked
    # skincare already used is told the same way
    assert history_words("tretinoin did nothing for my stretch marks. worth trying needling?") == {"tretinoin"}
    assert history_words("my retinol only does so much, will microneedling make me look younger") == {"retinol"}
    assert history_words("can I put retinol on the night after microneedling?") == set()  # asked about
    answer = engine.ask("I get botox for my frown lines - would microneedling help the fine lines round my eyes?")
    assert answer.answered and "wrinkles" in answer.results[0].passage.text.lower()


def test_words_told_only_of_another_treatment_do_not_keep_a_question_from_its_answer(engine: Engine) -> None:
    answer = engine.ask("Fillers give me the heebie jeebies. Does microneedling hurt?")
    assert answer.answered and "numbing" in answer.results[0].passage.text
    # a question that turns back to the other treatment asks about it, which the documents never do
    assert not engine.ask("I had lip filler two weeks ago. Should I wait before microneedling?").answered
    assert not engine.ask("I had botox on tuesday. Is that a problem for microneedling?").answered


def test_words_said_only_in_brackets_are_an_aside() -> None:
    assert bracketed_words("i form keloids (ear piercing disaster 2019). am i allowed?") == {"ear", "piercing",
                                                                                             "disaster", "2019"}
    assert bracketed_words("will it help my acne (acne scars really)?") == {"scars", "really"}  # "acne" said outside
    assert bracketed_words("does it hurt") == set()


def test_the_thing_a_likeness_is_drawn_with_is_not_what_is_asked(engine: Engine) -> None:
    assert simile_words("i bruise like a peach will i bruise".split()) == {"peach"}
    assert simile_words("id like a quote for microneedling".split()) == set()  # a wish, not a likeness
    assert simile_words("would like an appointment".split()) == set()
    assert engine.ask("i bruise like a peach, am i gonna be covered in bruises").answered
    assert not engine.ask("I'd like a quote for microneedling").answered
    assert simile_words("will i be red as a beetroot".split()) == {"beetroot"}
    assert simile_words("is it as safe as a facial".split()) == set()
    assert engine.ask("will i be red as a beetroot after").answered


def test_how_a_scar_came_about_is_told_not_asked(engine: Engine) -> None:
    assert {"chip", "pan"} <= origin_words("burn scar on the back of my hand from a chip pan".split())
    assert origin_words("can i get my results from a clinic".split()) == set()  # no mark before the "from"
    assert "pregnancy" in origin_words("stretch marks on my thighs after pregnancy will it help".split())
    assert "pregnancy" in origin_words("got melasma on my upper lip since my pregnancy does it help".split())
    assert origin_words("how soon after my session can i wear makeup".split()) == set()
    assert engine.ask("stretch marks on my thighs after my second pregnancy, will it fade them?").answered
    assert engine.ask("Burn scar on the back of my hand from a chip pan years ago. Would it do anything?").answered


def test_a_patch_test_and_make_up_are_one_thing_each_not_their_words(engine: Engine) -> None:
    q = engine.analyze("do I need a patch test first")
    assert "patch test" in q.unknown and "patch" not in q.terms and q.corrections == {}
    assert not engine.ask("do I need a patch test first").answered  # not the microneedle patch for vaccines
    assert "makeup" in engine.analyze("can I wear make up the next day").unknown
    assert "makeup" not in engine.analyze("does it make up for lost collagen").unknown  # made up, not worn
    assert "patch" in engine.analyze("is a microneedle patch the same thing").terms


def test_came_back_is_a_return_not_the_back_of_the_body(engine: Engine) -> None:
    assert "other regions" not in engine.analyze("came back from holiday with sun damage, can it help").expansions
    assert "other regions" in engine.analyze("can it treat acne scars on my back").expansions


def test_feeling_like_something_is_so_is_an_opinion_not_a_sensation(engine: Engine) -> None:
    opinion = engine.analyze("i'm 50 and feel like i look older than i am")
    assert "feel" not in [g.word for g in opinion.groups] and "numbing cream" not in opinion.expansions
    assert "numbing cream" in engine.analyze("what does it feel like").expansions
    assert "numbing cream" in engine.analyze("my face feels like i fell asleep in the sun").expansions
    assert "discomfort" in engine.analyze("it stung a bit").expansions


def test_looking_at_asks_what_to_expect_not_about_looks(engine: Engine) -> None:
    for question in ("how many sessions am I realistically looking at", "what r we looking at for downtime"):
        assert "looking" not in [g.word for g in engine.analyze(question).groups], question
    assert "looking" in [g.word for g in engine.analyze("am I looking older since the menopause").groups]
    assert "looking" in [g.word for g in engine.analyze("I'm looking at my scars every day").groups]


def test_a_visit_named_to_say_when_is_not_what_is_asked(engine: Engine) -> None:
    assert anchor_words("flying out 2 days after my appointment is that ok".split()) == {"appointment"}
    assert anchor_words("talk me through an appointment from start to finish".split()) == set()
    assert anchor_words("is my new medicine a problem for my next appointment".split()) == {"appointment"}
    assert anchor_words("red for days since my last session".split()) == {"session"}
    # What the question is about is the flight, which the documents never mention.
    assert not engine.ask("flying out 2 days after my appt is that ok").answered
    assert engine.ask("how long is an appointment").answered


def test_at_what_point_asks_when(engine: Engine) -> None:
    assert anchor_words("at what point will i see results".split()) == {"point"}
    assert anchor_words("is there any point if my scars are old".split()) == set()
    assert engine.ask("at what point will i see results").answered


def test_a_place_the_documents_never_name_says_where_not_what(engine: Engine) -> None:
    # "lip" and "eyes" are not in the documents, yet "face" does not stand in for them as fully as for a topic
    where = engine.analyze("will it soften the lines round my eyes")
    assert where.weights["face"] == 0.5 and where.weights["line"] == 1.0
    assert engine.analyze("can you do my upper lip").weights["face"] == 0.5
    assert engine.analyze("does it hurt").weights["numb"] == 0.9  # a topic the documents never name: carried
    top = engine.ask("got melasma on my upper lip, would this fade it").results[0]
    assert "melasma" in top.passage.text.lower()


def test_a_visit_that_is_booked_is_not_what_happens_at_it(engine: Engine) -> None:
    assert anchor_words("should i cancel my appointment".split()) == {"appointment"}
    assert anchor_words("how long is the appointment itself".split()) == {"appointment"}
    booked = engine.analyze("I've broken out really badly, should I move my appointment?")
    assert booked.weights["numb"] <= 0.3 and booked.weights["acn"] >= 0.9  # broken out: acne
    assert engine.analyze("walk me through the appointment").weights["numb"] >= 0.9


def test_this_treatment_is_microneedling_itself_not_a_topic(engine: Engine) -> None:
    assert anchor_words("who shouldnt have this treatment".split()) == {"treatment"}
    assert anchor_words("is this procedure safe".split()) == {"procedure"}
    assert anchor_words("how many treatments will i need".split()) == set()
    top = engine.ask("who shouldnt get this treatment").results[0]
    assert "following conditions" in (top.passage.context or "") + top.passage.text


def test_safe_with_something_asks_about_that_thing_not_safety(engine: Engine) -> None:
    assert anchor_words("is it safe while pregnant".split()) == {"safe"}
    assert anchor_words("is it ok for someone with a pacemaker".split()) == {"ok"}
    assert anchor_words("is it safe".split()) == set() and anchor_words("how safe is it".split()) == set()
    # what is done may stand between: "safe to have microneedling while pregnant"
    assert anchor_words("is it safe to have microneedling while pregnant".split()) == {"safe"}
    assert anchor_words("safe to do it during chemo".split()) == {"safe"}
    assert anchor_words("is it safe to have more than one session".split()) == set()
    assert engine.ask("is it safe for dark skin").answered and engine.ask("is it safe").answered


def test_an_exact_lexicon_entry_tells_peeling_skin_from_a_chemical_peel(engine: Engine) -> None:
    # Both stem to "peel"; only the first is an after-effect the documents describe.
    assert "flaking skin" in engine.analyze("is peeling normal after").expansions
    assert "flaking skin" in engine.analyze("does your face peel for long").expansions
    assert "flaking skin" not in engine.analyze("is a face peel better").expansions
    peel = engine.analyze("what's a chemical peel")
    assert "flaking skin" not in peel.expansions and "peel" in peel.unknown


def test_a_gap_in_a_lexicon_phrase_stands_for_a_few_words_of_the_question(engine: Engine) -> None:
    # The lexicon's "leave ... scar": up to three words between, in order.
    assert "infection or scarring" in engine.analyze("could it leave me with nasty scars").expansions
    too_far = engine.analyze("could it leave me with some of those nasty scars")
    assert "infection or scarring" not in too_far.expansions
    assert "infection or scarring" not in engine.analyze("scars that leave me sad").expansions
    assert "appear red" in engine.analyze("what will her face look like straight after").expansions


def test_a_visit_named_to_say_when_adds_little_to_the_search(engine: Engine) -> None:
    # "appointment" is not in the documents, so asked about it stands in for the procedure almost fully
    assert engine.analyze("what happens at the appointment").weights["numb"] >= 0.9
    when = engine.analyze("off to spain 3 days after my appointment, do i need to worry about sun on my face?")
    assert when.weights["numb"] <= 0.3 and when.weights["sun"] == 1.0


def test_staff_shorthand_for_a_weekday_is_that_day(engine: Engine) -> None:
    q = engine.analyze("booked fri, will she look ok by sat")
    assert q.corrections.get("fri") == "friday" and "fri" not in q.unknown


def test_a_negation_said_short_matches_a_lexicon_phrase_spelt_out(engine: Engine) -> None:
    # The lexicon has "can not have" and "not allowed", not these short forms.
    assert "bad candidate" in engine.analyze("who cant have it").expansions
    assert "bad candidate" in engine.analyze("who isnt allowed it").expansions


def test_explaining_what_is_asked_after_it_is_the_telling_not_a_definition() -> None:
    assert telling_words("how do i explain why they need more than one session".split()) == {"explain"}
    assert telling_words("how would I explain to clients who can't have it".split()) == {"explain"}
    # Said alone, it asks what the treatment is.
    assert telling_words("what is microneedle please explain simple".split()) == set()
    assert telling_words("can you explain it".split()) == set()


def test_new_staff_telling_who_they_are_is_who_asks() -> None:
    text = "new starter here - what are the main side effects I should mention"
    assert {"new", "starter"} <= asker_role_words(text, said(text))
    text = "trainee here: who can't have it"
    assert "trainee" in asker_role_words(text, said(text))


def test_a_length_told_before_the_question_asks_for_none(engine: Engine) -> None:
    told = "One of my moles has gotten a couple mm bigger this year. Safe to microneedle over it?"
    assert told_length(told) and engine.analyze(told).expects is None
    assert engine.ask(told).answered
    # asked, or offered as choices after the question, or a decimal point inside: a length is still asked for
    assert not told_length("My scar is 2cm. How many mm deep do the needles go?")
    assert engine.analyze("what needle size should I buy for my home roller? 0.5mm or 1mm").expects == "length"
    assert engine.analyze("how deep in mm do the needles go").expects == "length"
    # a choice of needle lengths typed without their unit asks for one
    choice = "what needle length do I want on a home roller, 0.25 or 0.5? just want glowy skin"
    assert engine.analyze(choice).expects == "length" and not engine.ask(choice).answered
    assert engine.analyze("is 1 or 2 sessions enough for fine lines").expects != "length"


def test_what_is_asks_about_the_topic_named_not_the_treatment(engine: Engine) -> None:
    # The lexicon's "what is" stands for what microneedling is, unless the question names another topic.
    assert "cosmetic technique" in engine.analyze("what is microneedling").expansions
    assert "cosmetic technique" in engine.analyze("what is it actually").expansions
    assert "cosmetic technique" not in engine.analyze("what is collagen and why do I want more").expansions
    assert "cosmetic technique" not in engine.analyze("what is PIH and why does it happen after MN").expansions
    # still the treatment: it is compared with another one, or named right after "what is"
    assert "cosmetic technique" in engine.analyze("what actually is it? it's not a laser, is it?").expansions
    assert "cosmetic technique" in engine.analyze("the acid strips a layer off. what is microneedling doing").expansions


def test_the_end_of_a_range_asked_for_frames_the_amount(engine: Engine) -> None:
    # "shortest" and "minimum" say which end of the range, not what it is of: the minutes are what is asked.
    short = engine.ask("whats the shortest a treatment can take, minimum minutes?")
    assert short.answered and "15 minutes" in short.results[0].passage.text
    # an age minimum asks for an age, said either way round
    assert expected_amount("is there an age minimum".split()) == "age"
    assert expected_amount("is there a minimum age".split()) == "age"


def test_an_irregular_past_matches_a_lexicon_phrase_written_in_the_present(engine: Engine) -> None:
    # The lexicon has "feel hot"; a client tells what happened: "felt hot".
    assert "redness" in engine.analyze("my face felt hot all evening, is that normal").expansions
    assert "redness" in engine.analyze("my face feels hot, is that normal").expansions
    assert "redness" not in engine.analyze("my face felt fine all evening, is that normal").expansions
    # The table is used as a question's stems hold it: each word its own stem, or a stopword kept as typed.
    sequenced = {w: w if w in stopwords() else engine.stemmer.stem(w) for pair in IRREGULAR_PASTS.items() for w in pair}
    assert all(sequenced[w] == w for w in sequenced)


def test_a_number_said_aloud_matches_a_lexicon_phrase_written_in_figures(engine: Engine) -> None:
    # The lexicon has "factor 50", as typed; on the phone it is said, and logged, in words.
    assert "sunscreen" in engine.analyze("do i need factor fifty on it after").expansions
    assert "sunscreen" in engine.analyze("do i need factor 50 on it after").expansions


def test_a_lexicon_phrase_inside_a_longer_phrase_of_another_entry_gives_way_to_it(engine: Engine) -> None:
    # "sun damage" is a condition the treatment helps; "sun" alone asks about the sun after a treatment.
    damage = engine.analyze("can it repair sun damage").expansions
    assert "treating sun damage" in damage and "sunscreen" not in damage
    assert "sunscreen" in engine.analyze("is the sun ok after").expansions
    # Said once inside the longer phrase and once on its own, the word still asks about the sun.
    assert "sunscreen" in engine.analyze("will it fix sun damage and can I go in the sun after").expansions


def test_far_in_how_far_is_the_frame_answered_by_needle_depth(engine: Engine) -> None:
    (group,) = [g for g in engine.analyze("how far into the skin do the needles go").groups if g.word == "far"]
    assert group.frame and "far" not in group.members() and "penetr" in group.members()


def test_texting_and_staff_shorthand_is_searched_as_the_words_it_stands_for(engine: Engine) -> None:
    q = engine.analyze("how long is the appt tmrw")
    assert q.corrections == {"appt": "appointment", "tmrw": "tomorrow"}
    assert "appointment" in q.terms and "appt" not in q.unknown and "tmrw" not in q.unknown
    assert engine.ask("how long is the appt").answered
    assert engine.analyze("lil lines by my eyes").corrections == {"lil": "little"}
    # Forum shorthand: "tret" is tretinoin, never a misspelt "treat".
    assert engine.analyze("stopping tret before MN").corrections == {"tret": "tretinoin"}
    # Joined to a word by a hyphen, a short form is read the same way.
    q = engine.analyze("what does the pre-tx consult cover")
    assert q.corrections == {"pre-tx": "pre-treatment"} and "treatment" in q.terms and "tx" not in q.unknown
    # Written with a slash, a short form is one word, not letters that are stopwords.
    q = engine.analyze("caller asking what m/n actually is")
    assert q.corrections == {"m/n": "microneedling"} and [g.word for g in q.groups] == ["microneedling"]
    assert engine.ask("caller asking what m/n actually is").answered
    assert engine.analyze("any s/e after?").corrections == {"s/e": "side effects"}
    assert engine.analyze("and/or 1/2 a/b").corrections == {}  # no short forms: left as written


def test_a_short_form_the_documents_use_is_left_alone(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", {"a.txt": "Book your appt online.\n\nEach appt takes an hour.\n"}, meta=None)
    q = Engine.from_corpus(tmp_path / "corpus").analyze("how long is an appt")
    assert q.corrections == {} and "appt" in q.terms


def test_no_shipped_short_form_is_one_the_lexicon_or_documents_already_know(engine: Engine) -> None:
    # Such a line would never be used: the word is searched as it is.
    assert [short for short in shorthand() if short in engine.vocab.surfaces] == []


def test_every_shorthand_line_parses_and_a_malformed_one_is_named() -> None:
    assert shorthand()["tx"] == ("treatment",)
    assert parse_shorthand("# note\nbf = my partner  # a comment\n") == {"bf": ("my", "partner")}
    with pytest.raises(ValueError, match="shorthand.txt:2"):
        parse_shorthand("appt = appointment\nno equals sign here\n")


def test_a_small_number_matches_the_lexicon_written_in_digits_or_in_words(engine: Engine) -> None:
    # The lexicon says "one session"; people type "1 session" as often.
    assert "number of sessions" in engine.analyze("is 1 session enough").expansions
    assert engine.analyze("is 1 session enough").expansions == engine.analyze("is one session enough").expansions


def test_a_hyphenated_english_word_is_searched_whole_not_by_its_parts(engine: Engine) -> None:
    assert "makeup" in engine.analyze("can i wear make-up after").unknown  # not "make" and "up"
    assert "post-treatment" not in engine.analyze("post-treatment care").unknown  # parts the documents use


def test_a_question_word_alone_is_not_asking_what_microneedling_is(engine: Engine) -> None:
    # "what's" is read "what is"; "what" alone ("what do collagen and elastin do") asks nothing of the kind.
    defining = "cosmetic procedure"
    assert defining in engine.analyze("what's microneedling").expansions
    assert defining in engine.analyze("what even is microneedling").expansions  # a hedge does not break the phrase
    assert defining not in engine.analyze("what do collagen and elastin actually do").expansions


def test_how_or_why_we_do_something_is_not_a_question_about_the_clinic(engine: Engine) -> None:
    assert engine.analyze("do we charge if she cancels").clinic
    assert not engine.analyze("how do we keep infection risk down").clinic


def test_round_before_a_place_is_around_not_a_round_of_treatments(engine: Engine) -> None:
    assert "round" not in engine.analyze("skin getting saggy round the jaw").terms
    assert "round" not in engine.analyze("lines round my eyes").terms
    assert "round" not in engine.analyze("wrinkles round eyes and mouth, will it help").terms
    assert "round" in engine.analyze("how long after the last round of treatments").terms
    # whose face it is, between "round" and the place
    assert "round" not in engine.analyze("crow's feet round gran's eyes, worth doing?").terms
    assert "round" in engine.analyze("is one round enough for nan").terms


def test_a_brand_is_the_clinics_choice_but_brand_new_needles_are_hygiene(engine: Engine) -> None:
    assert engine.analyze("which brand of pen do you use").clinic
    assert not engine.analyze("are the needles brand-new each time").clinic
    assert not engine.analyze("are the needles brand new every time").clinic


def test_the_times_a_clinic_sees_clients_are_the_clinics_own() -> None:
    assert about_clinic("do they do evening or weekend appointments, I work 9-5")
    assert about_clinic("are you open late on thursdays?")
    assert about_clinic("any saturday slots?")
    assert about_clinic("I only finish work at six. Are there appointments available after that?")
    # the time of day asked about the treatment is not
    assert not about_clinic("is it better to have it done in the evening so the redness goes down overnight?")
    assert not about_clinic("can I go out in the evening after it")


def test_a_claim_under_an_insurance_policy_is_for_the_insurer() -> None:
    assert about_clinic("Would the fee be recoverable under my policy?")
    assert about_clinic("Could I submit a claim for the cost afterwards?")
    assert not about_clinic("Does the article make any claim about how long results last?")


def test_what_a_client_brings_and_the_forms_are_the_clinics_own() -> None:
    assert about_clinic("is there anything I should bring along on the day")
    assert about_clinic("are there forms to fill out before the session")
    assert about_clinic("can I bring my own serum for after")
    # bringing swelling down is aftercare
    assert not about_clinic("what can I do to bring the swelling down")


def test_reaching_the_clinic_out_of_hours_and_a_sick_note_are_not_the_treatments() -> None:
    assert about_clinic("is there an out of hours line if something goes wrong at night")
    assert about_clinic("will my doctor give me a sick note for the redness")
    # being unwell is not
    assert not about_clinic("can I have it if I'm feeling sick")


def test_before_and_after_pictures_are_the_clinics_own() -> None:
    assert about_clinic("could I see some before and after pics of your clients")
    assert about_clinic("is there an after photo of someone with dark skin")
    # results before and after the course are the treatment's
    assert not about_clinic("how different will my skin look before and after the course")
    assert not about_clinic("will I look ok in the photos after")


def test_the_best_device_or_product_to_buy_is_a_product_choice() -> None:
    assert about_clinic("is the skinpen the best device for acne scars?")
    assert about_clinic("what's the best roller on the market")
    assert about_clinic("which is the best home roller to get")
    assert about_clinic("which retinol serum is better, the cheap one or the posh one?")
    assert about_clinic("what moisturiser is best after?")
    assert not about_clinic("what products should I avoid after?")  # what the documents do say
    # which of another treatment's kinds; not microneedling against it, which the documents compare
    assert about_clinic("which peel is actually best for melasma?")
    assert not about_clinic("which is better, laser or microneedling?")
    assert not about_clinic("is a laser better than microneedling for acne scars?")
    # comparing the treatment's own forms, or the best results, is not
    assert not about_clinic("is a clinic pen better than a home roller")
    assert not about_clinic("how many sessions for the best results")


def test_visiting_the_clinic_and_who_comes_along_are_questions_about_the_clinic(engine: Engine) -> None:
    for question in ("is there parking near you", "is it step-free? I use a walking frame",
                     "can my carer come into the room with me", "can my girlfriend come in and sit with me",
                     "can someone come to my mother's house to do it", "can my girlfriend come in and watch",
                     "could my husband watch me having it done", "can I bring my 4 year old along",
                     "is it ok to bring my kids"):
        assert engine.analyze(question).clinic, question
    # what happens in the treatment room is the treatment, and watching the skin is aftercare
    assert not engine.analyze("walk me through what happens in the treatment room").clinic
    assert not engine.analyze("what should I watch out for after it").clinic
    # only the asking sentence counts
    assert not engine.analyze("my mum wants to come in with me. is there blood?").clinic


def test_how_the_clinic_takes_payment_and_what_it_gives_free_are_questions_about_the_clinic(engine: Engine) -> None:
    for question in ("can I pay monthly", "could I spread the cost over a few months", "do you take klarna",
                     "is there a payment plan", "do you do free consultations", "is the consult free?",
                     "how much will my next one be? do you do a deal if I book 3?"):
        assert engine.analyze(question).clinic, question
        assert not engine.ask(question).answered, question
    # what it costs compared with a laser is in the documents
    assert not engine.analyze("is it cheaper than laser").clinic
    assert engine.ask("is it cheaper than laser").answered


def test_package_deals_and_which_therapist_does_it_are_questions_about_the_clinic(engine: Engine) -> None:
    for question in ("any package deals if she books 3", "whats the package price for 3 sessions",
                     "any first timer offers?", "which therapist does MN", "which of your nurses does it"):
        assert engine.analyze(question).clinic, question
    # a course someone has already begun, and which kind of practitioner is safe, are about the treatment
    assert not engine.analyze("I'm starting chemo next month. Can I still finish my microneedling package?").clinic
    assert not engine.analyze("what kind of practitioner should do microneedling").clinic


def test_whom_a_clinic_must_be_registered_with_is_a_question_for_the_law() -> None:
    assert about_clinic("does a salon doing this have to be registered with anyone?")
    assert not about_clinic("should it be done by a registered nurse or a doctor?")


def test_moving_a_follow_up_and_the_name_of_a_product_are_questions_about_the_clinic(engine: Engine) -> None:
    for question in ("can I reschedule my follow-up to next month", "could she move her session to friday",
                     "whats the name of that numbing cream you used", "name of the serum u put on after?"):
        assert engine.analyze(question).clinic, question
    # which kinds of product to keep off the skin afterwards is in the documents
    assert not engine.analyze("what kind of serum can I use after").clinic


def test_what_the_clinic_quotes_is_asked_about_not_the_clinic(engine: Engine) -> None:
    for question in ("your salon says it is pain free, true?", "your price list says one session is enough - is it?",
                     "your menu lists CIT, is that microneedling?"):
        assert not engine.analyze(question).clinic, question
        assert engine.ask(question).answered, question
    for question in ("what is on your menu", "your salon has parking?", "is your price list online"):
        assert engine.analyze(question).clinic, question


def test_the_law_insurance_and_training_bodies_are_beyond_the_documents(engine: Engine) -> None:
    for question in ("is that even legal", "which regulator do I report them to", "can I sue the clinic",
                     "does my insurance cover it", "do I need a level 4 qualification", "is it licensed"):
        assert engine.analyze(question).clinic, question
    # an in-law is family, not the law
    assert not engine.analyze("my mother-in-law is on warfarin, can she have it").clinic
    assert not engine.analyze("my sister in law says it is dangerous, is it safe").clinic


def test_which_days_and_which_named_clinician_are_questions_about_the_clinic(engine: Engine) -> None:
    for question in ("is Dr Patel free on a Saturday morning", "are you open sundays",
                     "any slots next friday", "Is Dr Khan still doing the treatments there"):
        assert engine.analyze(question).clinic, question
    for question in ("which machine do you use", "can I move my appointment to friday", "can I get it on the NHS"):
        assert engine.analyze(question).clinic, question
    assert not engine.analyze("what numbing cream do they put on").clinic
    for question in ("who's doing treatments on thurs", "can I have a female practitioner",
                     "I'd like the therapist to be a woman", "which serum would you recommend for me"):
        assert engine.analyze(question).clinic, question
    # a woman asking, or what the documents recommend, is not
    assert not engine.analyze("as a woman in my 40s is it worth it").clinic
    assert not engine.analyze("what aftercare is recommended").clinic
    # coming in on a day says when, and asks about the skin
    assert not engine.analyze("if I come in friday will my face still be red on monday").clinic


def test_when_the_clinic_opens_or_closes_is_asked_of_the_clinic(engine: Engine) -> None:
    assert engine.analyze("pt asking what time we close on sat").clinic
    assert engine.analyze("opening hours this week?").clinic
    assert not engine.ask("what time do they close on sunday").answered
    # Closing pores is what the treatment does, not a clinic's hours: the pore passages answer.
    answer = engine.ask("my pores are very big and open. will this close them?")
    assert answer.answered and "pore" in answer.results[0].passage.text.lower()


def test_where_a_claim_was_read_is_not_what_is_asked(engine: Engine) -> None:
    # "advert", "leaflet", "promises" tell where the claim came from; the question is about downtime or results
    for question in ("the leaflet promises no downtime, is that right?", "ad says results after one session",
                     "website claims it fades stretch marks, true?"):
        analysed = engine.analyze(question)
        told = {g.word for g in analysed.groups if g.generic}
        assert told & {"leaflet", "promises", "ad", "website", "claims"}, question
        assert engine.ask(question).answered, question


def test_who_said_a_thing_is_told_not_asked(engine: Engine) -> None:
    assert speaker_words("the salon price list says cit is the same".split()) == {"salon", "price", "list"}
    assert speaker_words("my hairdresser called it dermaplaning".split()) == {"hairdresser"}
    assert speaker_words("what is it called".split()) == set()
    # what a place offers or sells is told like a claim: the question is about the treatments named
    assert speaker_words("my local clinic offers microdermabrasion and microneedling".split()) == {"local", "clinic"}
    assert engine.ask("my clinic offers microdermabrasion and microneedling, aren't they basically the same?").answered
    assert speaker_words("can i take them to small claims for burns".split()) == set()
    # who puts someone on a medicine or prescribes it is told too; "put them on" of a serum names no one
    assert speaker_words("my gp put me on tablets for my acne".split()) == {"gp"}
    assert speaker_words("the dermatologist has her on a cream".split()) == {"dermatologist"}
    assert speaker_words("my derm prescribed tablets".split()) == {"derm"}
    assert speaker_words("will my serums work better if i put them on after".split()) == set()
    assert engine.ask("my beautician called it collagen induction, is that the same as microneedling?").answered
    # a speaker the documents know ("nurse", who does it) still counts less than what was said
    analysed = engine.analyze("the nurse mentioned growth factors, what are they?")
    assert [g.word for g in analysed.groups if g.speaker] == ["nurse"]
    assert "growth factors" in engine.ask("the nurse mentioned growth factors, what are they?").results[0].answer
    # and the passage that answers is not judged short for lacking the speaker
    told = engine.searcher.search(analysed, 3).coverage
    for g in analysed.groups:
        g.speaker = False
    assert told > engine.searcher.search(analysed, 3).coverage


def role(text: str) -> set[str]:
    """asker_role_words of a text, split as the analyser splits it."""
    return asker_role_words(text, [t.word for t in tokenize(text)])


def test_the_askers_own_job_is_who_asks_not_what() -> None:
    assert role("I'm a beautician myself, does it leave scabs?") == {"beautician"}
    assert role("As a freelance make-up artist I need to know when I can work again") == {"freelance", "make-up",
                                                                                         "artist"}
    assert role("Physio here - is it ok to sweat the next day?") == {"physio"}
    assert role("Receptionist who can't take time off: how red will I be?") == {"receptionist"}
    # a job asked about, not told as the asker's own
    assert role("does it have to be a nurse who does it?") == set()
    assert role("can my hairdresser do it") == set()
    assert role("should it be someone such as a doctor or a nurse?") == set()
    assert role("I trained as a beautician, can I learn to do it?") == {"beautician"}
    # said again where it is asked: the second "nurse" asks whether a nurse may do it
    assert role("I am a nurse; can a nurse do it?") == set()


def test_a_job_told_leaves_the_question_its_own(engine: Engine) -> None:
    question = "I'm a dental nurse and bleed easily on aspirin, will I bleed a lot?"
    assert [g.word for g in engine.analyze(question).groups if g.speaker] == ["dental", "nurse"]
    assert "bleed" in engine.ask(question).results[0].passage.text.lower()


def test_everyone_suddenly_having_it_asks_why_it_is_popular(engine: Engine) -> None:
    for question in ("why is every clinic suddenly offering it", "how come everybody suddenly wants this",
                     "why are all the salons pushing this at the moment"):
        answer = engine.ask(question)
        assert answer.answered and "popularity" in answer.results[0].answer, question
    # the crowd of places is who offers it, not what is asked
    assert speaker_words("why is every clinic pushing it".split()) == {"clinic"}


def test_a_myth_or_slapping_a_cream_on_says_how_not_what(engine: Engine) -> None:
    for question in ("is it a myth that it helps products sink in", "can i slap vitamin c on afterwards"):
        told = {g.word for g in engine.analyze(question).groups if g.generic}
        assert told & {"myth", "slap"}, question
        assert engine.ask(question).answered, question


def test_asking_whether_it_counts_as_something_asks_what_it_is(engine: Engine) -> None:
    analysed = engine.analyze("does microneedling count as surgery")
    assert [g.word for g in analysed.groups if g.generic] == ["count"]
    answer = engine.ask("my boyfriend asked if what I had counts as surgery. does it?")
    assert answer.answered and "cosmetic surgery" in answer.results[0].passage.text


def test_asking_whether_something_came_from_the_treatment_asks_about_side_effects(engine: Engine) -> None:
    assert "side effects" in engine.analyze("got a few tiny scabs, is that caused by the treatment?").expansions
    assert "side effects" in engine.analyze("my cheeks are blotchy today, could that be from the needling?").expansions


def test_medicine_or_beauty_is_answered_by_its_applications(engine: Engine) -> None:
    # the documents say it is both: asking which one is answered by that sentence, not by who provides it
    for question in ("is it purely cosmetic or do doctors use it too", "is this a beauty thing or a medical thing"):
        assert "applications" in engine.ask(question).results[0].answer, question


def test_time_in_the_chair_or_at_the_clinic_asks_how_long_an_appointment_takes(engine: Engine) -> None:
    for question in ("how long would I be in the clinic chair for?", "how long will I be at the clinic altogether"):
        answer = engine.ask(question)
        assert answer.answered and "minutes" in answer.results[0].answer, question


def test_clinics_in_general_are_who_does_it_not_the_topic(engine: Engine) -> None:
    analysed = engine.analyze("do clinics numb your face first?")
    assert "clinics" in [g.word for g in analysed.groups if g.generic]
    answer = engine.ask("do clinics numb your face first? how long before do they put it on")
    assert answer.answered and "numbing" in answer.results[0].answer


def test_seeing_a_doctor_first_asks_about_a_consultation(engine: Engine) -> None:
    analysed = engine.analyze("do I need to see a doctor before I start rolling at home or is that overkill?")
    assert "consultation" in analysed.expansions
    assert "overkill" in [g.word for g in analysed.groups if g.generic]
    assert engine.ask("should I check with my doctor before microneedling").answered


def test_looking_ok_for_work_asks_about_downtime(engine: Engine) -> None:
    for question in ("if I have it on friday will I look ok for work on monday?",
                     "will I be fit for work the day after"):
        assert "downtime" in engine.analyze(question).expansions, question


def test_asking_for_tricks_to_calm_it_down_and_for_bounce_are_understood(engine: Engine) -> None:
    assert "cold compress" in engine.analyze("any tricks to calm the redness down fast?").expansions
    assert "elastin" in engine.analyze("my skin has lost its spring, will this help").expansions


def test_skin_still_stinging_in_the_days_after_asks_about_sensitivity(engine: Engine) -> None:
    for question in ("day 3 and it still stings, normal?", "everything stings at the moment, even my cleanser"):
        assert "sensitivity" in engine.analyze(question).expansions, question
    answer = engine.ask("everything stings at the moment, even my normal gentle cleanser")
    assert answer.answered and "sensitivity" in answer.results[0].answer.lower()


def test_dark_marks_new_since_the_treatment_ask_about_pigment_as_a_risk(engine: Engine) -> None:
    for question in ("got darker blotches on my cheeks that weren't there before",
                     "my skin is going darker where they did it"):
        assert "post-inflammatory hyperpigmentation" in engine.analyze(question).expansions, question


def test_where_to_buy_parts_and_when_to_replace_a_roller_are_not_in_the_articles(engine: Engine) -> None:
    for question in ("where do I get replacement cartridges for my pen?", "should I replace my roller every month?",
                     "where can I buy a dermaroller"):
        assert engine.analyze(question).clinic, question
    # where to have it done is who does it, which the articles do cover
    assert not engine.analyze("where can I get it done safely").clinic


def test_years_in_the_sun_that_harmed_the_skin_ask_about_sun_damage(engine: Engine) -> None:
    for question in ("years of holidays in the sun have wrecked my skin", "years of sunbathing, is it any good"):
        assert "sun damage" in engine.analyze(question).expansions, question


def test_this_time_or_next_time_is_an_occasion_not_a_length_of_time(engine: Engine) -> None:
    assert "time" not in engine.analyze("new clinic this time, are the needles sterile").weights
    assert "time" not in engine.analyze("can you do my back next time").weights
    assert "time" in engine.analyze("how much time does it take").weights
    assert expected_amount("red for days since my last one , how long will it last".split()) == "duration"
    assert expected_amount("how long is the numbing ? i forgot since my last".split()) is None


def test_rolling_is_doing_the_treatment_but_the_roller_is_the_device(engine: Engine) -> None:
    assert "roll" not in engine.analyze("my skin stings after rolling").weights
    assert "roll" not in engine.analyze("can I roll over a pimple").weights
    assert "roller" in engine.analyze("how do I clean my roller").weights
    assert "roller" in engine.analyze("is a derma roll any good").weights


def test_skin_that_got_thinner_is_not_on_blood_thinners(engine: Engine) -> None:
    assert "anticoagul" not in engine.analyze("my skin has got thinner with age, will it thicken").weights
    assert "anticoagul" in engine.analyze("I'm on thinners for my heart, is that ok").weights
    assert "anticoagul" in engine.analyze("can I have it on blood thinners").weights


def test_doing_two_things_at_one_visit_is_a_question_for_the_practitioner(engine: Engine) -> None:
    for question in ("could I have my neck and my chest done in the same session?",
                     "can you do lip filler on the same day as well"):
        assert engine.analyze(question).clinic, question
        assert not engine.ask(question).answered, question
    # going back to work the same day asks about downtime, which the documents answer
    question = "can I go back to work the same day"
    assert not engine.analyze(question).clinic and engine.ask(question).answered


def test_a_negated_question_finds_what_the_plain_one_finds(engine: Engine) -> None:
    # The passage that says what to put on the skin afterwards also says what not to.
    for question in ("what shouldn't I put on my skin after", "what should I not put on after it"):
        assert "harsh skincare products" in engine.analyze(question).expansions, question
    assert engine.analyze("who shouldn't have it").expansions == engine.analyze("who should not have it").expansions


@pytest.mark.parametrize("question, at_home", [("can I drive myself home after", False),
                                               ("whenever I cut myself I get thick scars, can I have it", False),
                                               ("should I just do it myself", True),
                                               ("I did it myself with a roller", True)])
def test_myself_means_doing_it_at_home_only_where_the_asker_does_it(engine: Engine, question: str,
                                                                   at_home: bool) -> None:
    assert ("at-home microneedling" in engine.analyze(question).expansions) == at_home


@pytest.mark.parametrize("letter, question", [
    ("Dear Sir or Madam, does it hurt? Respectfully, D. Pemberton", " does it hurt?"),
    ("Good morning. Is it safe? I remain, yours sincerely, Colonel (retd.) J. Whitcombe", " Is it safe?"),
    ("Dear Practice Manager,\nIs it safe? With kind regards, Hilary Osei", "\nIs it safe?"),
    ("is it safe? thanks so much, Priya", "is it safe?"),
    # not a greeting, nor a sign-off: what follows the thanks is asked
    ("Good for acne?", "Good for acne?"),
    ("which is best? Thanks, what about rosacea", "which is best? Thanks, what about rosacea"),
])
def test_a_letters_greeting_and_sign_off_are_not_the_question(letter: str, question: str) -> None:
    assert unframed(letter) == question


def test_the_writers_name_is_not_searched_but_the_question_is_echoed_whole(engine: Engine) -> None:
    letter = "Dear Sir, how painful is it likely to be? Respectfully, D. Pemberton"
    q = engine.analyze(letter)
    assert q.text == letter and q.unknown == [] and "pemberton" not in q.terms

