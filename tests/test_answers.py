"""The whole engine on the product's own questions: right passages, honest refusals, cache behaviour."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mnqa.analysis import lemma_zipf, zipf
from mnqa.engine import Engine
from mnqa.models import Hit

from conftest import write_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_corpus(CORPUS)


def answered_top(engine: Engine, question: str) -> Hit:
    """The first result for a question the engine must answer."""
    answer = engine.ask(question)
    assert answer.answered, question
    return answer.results[0]


def test_does_it_hurt_is_answered_from_the_numbing_passages(engine: Engine) -> None:
    answer = engine.ask("does it hurt")
    assert answer.answered
    top = answer.results[0].passage
    assert top.source == "corpus/002_9ba9ac79c30aa19c.txt" and top.lines == (26, 26)
    assert top.title == "What microneedling is used for and what happens during the procedure"
    assert any("not as uncomfortable" in h.passage.text or "numbing agent" in h.passage.text for h in answer.results[1:])


def test_is_it_safe_for_dark_skin_is_answered_from_the_skin_tone_passages(engine: Engine) -> None:
    answer = engine.ask("is it safe for dark skin", top_k=5)
    assert answer.answered
    texts = [h.passage.text for h in answer.results]
    assert "darker skin tones" in texts[0]
    # 4th, just behind the general risks passage, which speaks to "safe" as well (README, "How mnqa finds an
    # answer", step 4: candidates are reordered by how much of the question they cover).
    assert any("Those with darker skin tones may choose microneedling over laser therapy" in t for t in texts[:4])


@pytest.mark.parametrize(
    "question",
    ["how do I renew my passport", "do you offer payment plans", "zxcvbnm", "where do I park", "", "   ", "is it", "?!?"],
)
def test_questions_the_documents_cannot_answer_are_refused_with_suggestions(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.answered
    assert answer.results == ()
    assert answer.reason
    assert len(answer.suggestions) == 3 and all(s in engine.faq for s in answer.suggestions)


def test_an_everyday_word_beside_the_topic_does_not_block_the_answer_but_a_rare_one_does(engine: Engine) -> None:
    # Neither "car" nor "cellulite" is in the documents; only one of them is what the question is about.
    assert engine.ask("can it help the scars on my car").answered
    assert not engine.ask("can it help the cellulite on my thighs").answered
    # where something goes is said by everyday words too
    assert engine.ask("I read they can put vaccine inside skin with microneedles. Is true?").answered


@pytest.mark.parametrize("question", [
    "got a heat rash on my neck from the beach, should I postpone?",
    "I'm halfway through chemo, would it be ok for me to have this done?",
    "torn between this and laser, which should i pick",
])
def test_a_word_that_cannot_name_a_thing_does_not_block_the_answer(engine: Engine, question: str) -> None:
    # "postpone", "halfway" and "torn" are rare, but say how or when, not what is asked about.
    assert engine.ask(question).answered


@pytest.mark.parametrize("question", [
    "stretch marks from two babies, anything to be done?",  # "babies": "baby" is an everyday word, in any number
    "my girlfriend booked it for me, is it safe",  # the people in the asker's life are not the topic
    "any issues with my forearms being this hairy?",
    "we're off to Portugal for a fortnight, do I need to keep out of the sun after?",  # where the asker goes
    "I grew up in Nigeria and my skin is quite dark, anything I should know?",  # or comes from
    "everybody keeps talking about collagen, what is it?",
    "I've spent a fortune on serums, will they work better after?",
    "can you do my upper back too, not just my face?",  # "upper" says where on the back, not what is asked
    "i sweat right through my shirts, can it help with that?",  # what the asker wears
])
def test_the_askers_own_life_does_not_block_the_answer(engine: Engine, question: str) -> None:
    assert engine.ask(question).answered


@pytest.mark.parametrize("question", [
    "what brand of pen do you use on the face",  # the articles name no make of device
    "is it the same nurse doing it each time",
    "if my eczema flares up and I cancel the treatment, do I lose my deposit?",
])
def test_what_only_the_clinic_can_say_is_refused(engine: Engine, question: str) -> None:
    assert not engine.ask(question).answered


@pytest.mark.parametrize("question", ["is it covered by insurance", "can I fly the day after",
                                      "can i get a tattoo after", "will I be ok to drive myself home afterwards",
                                      # "type" of "type 2" is not the documents' "types of scarring"
                                      "im type 2 diabetic, will i heal slower"])
def test_a_rare_thing_the_documents_never_name_still_blocks_the_answer(engine: Engine, question: str) -> None:
    assert not engine.ask(question).answered


def test_a_comparison_is_answered_only_when_the_documents_know_both_sides(engine: Engine) -> None:
    assert engine.ask("microneedling vs microdermabrasion, which is better").answered
    assert engine.ask("how does it compare to laser").answered
    assert not engine.ask("chemical peel vs microneedling which is better").answered
    assert not engine.ask("how does it compare to a vampire facial").answered


def test_a_price_is_only_answered_by_a_passage_that_states_one(engine: Engine) -> None:
    assert not engine.ask("how much does a session cost").answered  # the documents give no prices
    assert engine.ask("is it cheaper than laser").answered  # but they do compare costs


def test_an_age_limit_is_only_answered_by_a_passage_that_states_an_age(engine: Engine, tmp_path: Path) -> None:
    assert not engine.ask("im 15, am i old enough to get it done").answered  # the documents give no age
    assert engine.ask("is it worth it for wrinkles at my age").answered  # skin ageing is not an age limit
    docs = {"age.txt": "Who can have it\n\nThe minimum age for microneedling is 18 years old.\n",
            "needles.txt": "Needles\n\nNeedles are sterile and used once.\n\nThe needles are thin.\n"}
    folder = write_corpus(tmp_path / "docs", docs, meta=None)
    assert Engine.from_corpus(folder).ask("is there a minimum age for microneedling").answered


def test_a_measurement_is_only_answered_by_a_passage_that_states_one(engine: Engine, tmp_path: Path) -> None:
    assert not engine.ask("how many mm deep do the needles go").answered  # the documents give no lengths
    folder = write_corpus(tmp_path / "docs", {"depth.txt": "The needles go 0.5 mm to 2 mm deep into the skin.\n"
                                                           "Needles are sterile and used once.\n"}, meta=None)
    assert Engine.from_corpus(folder).ask("how many mm deep do the needles go").answered


@pytest.mark.parametrize("question", ["how long is the actual appointment", "how long does a clinic appointment take",
                                      "roughly how long is the actual treatment itself"])
def test_how_long_a_visit_takes_is_answered_by_its_length_not_its_steps(engine: Engine, question: str) -> None:
    # what happens at the appointment (numbing cream, the roller) is not how long it takes
    answer = engine.ask(question)
    lengths = ("15 minutes to several hours", "30 minutes or more")
    assert answer.answered and any(said in answer.results[0].answer for said in lengths)


@pytest.mark.parametrize("question", ["what kind of problems does it help with?", "what skin issues is it meant for",
                                      "which problems can microneedling fix"])
def test_what_problems_it_is_for_is_answered_by_what_it_treats_not_who_cannot_have_it(engine: Engine,
                                                                                     question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered and "cannot do microneedling" not in answer.results[0].passage.text
    # the kind of thing asked for frames the question, as "long" does in "how long"
    assert [g.word for g in engine.analyze(question).groups if g.frame] in (["problems"], ["issues"])


@pytest.mark.parametrize("question", ["how long will the swelling hang about", "swelling how long",
                                      "the redness and swelling, how long do they hang around for?"])
def test_how_long_a_side_effect_lasts_is_not_how_long_a_session_takes(engine: Engine, question: str) -> None:
    top = engine.ask(question).results[0]
    assert "swelling" in top.answer.lower() and "minutes" not in top.answer


def test_how_long_a_passing_side_effect_lasts_is_answered_by_its_passing(engine: Engine) -> None:
    # the documents give no days for the itching and flaking, but say it is temporary and resolves on its own
    answer = engine.ask("how long will the itching and flaking go on for, how long does it last?")
    assert answer.answered and "resolve on its own" in answer.results[0].passage.text
    # what is said to pass must be what was asked about: results are never said to
    assert not engine.ask("how long do the results last").answered
    # "stick around" asks the same as "last"
    assert engine.ask("how long will the bruising stick around for?").answered
    assert engine.ask("does the redness stick around long").answered


def test_a_figure_put_up_to_be_checked_is_only_answered_by_a_passage_that_states_one(engine: Engine) -> None:
    # the documents give no price and no span for how long results last
    assert not engine.ask("a session is £150, that's about normal isn't it?").answered
    assert not engine.ask("the results last about five years I think?").answered
    # they do say how long redness takes to fade, and what flaky skin days after means
    assert engine.ask("the redness goes in a few days, right?").answered
    assert engine.ask("it's been 3 days and my skin is dry and flaky, is that normal?").answered


def test_a_percentage_is_only_answered_by_a_passage_that_states_one(engine: Engine, tmp_path: Path) -> None:
    # The documents say acne scars fade; they never say by how much.
    assert not engine.ask("what percentage better will my acne scars look after a full course").answered
    assert not engine.ask("infection rate in % after microneedling?").answered
    assert engine.ask("will my acne scars look better after a full course").answered
    folder = write_corpus(tmp_path / "docs", {"scars.txt": "Acne scars\n\nAcne scars look 40% better after a full "
                                                           "course of microneedling.\n"
                                                           "Needles are sterile and used once.\n"}, meta=None)
    assert Engine.from_corpus(folder).ask("what percentage better will my acne scars look after a full course").answered


def test_how_many_weeks_needs_a_number_not_a_vague_amount(engine: Engine, tmp_path: Path) -> None:
    # The documents say changes develop "over several weeks": that is no answer to "how many weeks".
    assert not engine.ask("how many weeks apart should my sessions be").answered
    # ... but "redness ... typically subside(s) within a few days" answers how many days the redness lasts.
    assert engine.ask("how many days will the redness last").answered
    folder = write_corpus(tmp_path / "docs", {"plan.txt": "Treatment plan\n\nResults appear over several weeks. "
                                                          "Sessions are spaced four weeks apart.\n"}, meta=None)
    assert Engine.from_corpus(folder).ask("how many weeks apart should my sessions be").answered


def test_a_question_offering_two_alternatives_is_answered_when_the_documents_speak_to_one(engine: Engine) -> None:
    # The documents say the needles are sterile; they never say "reused".
    answer = engine.ask("are the needles sterile or reused?")
    assert answer.answered and "sterile" in answer.results[0].passage.text
    assert not engine.ask("payment plans or finance for microneedling?").answered  # "plans" is too common to stand in


def test_a_verb_of_everyday_speech_is_everyday_in_any_form(engine: Engine) -> None:
    # "put" is an everyday word, and so is "putting": not a word the documents lack, which would block the answer.
    answer = engine.ask("what should she not be putting on her face for the first few days after?")
    assert answer.answered and "aftercare instructions" in answer.results[0].passage.text


def test_an_everyday_word_in_a_rarely_written_form_is_still_everyday(engine: Engine) -> None:
    # "stays" is written less often than "stay", but a question using it asks nothing the documents lack.
    assert lemma_zipf("stays") == zipf("stay") > zipf("stays")
    answer = engine.ask("how long does the redness stays after?")
    assert answer.answered and "red" in answer.results[0].passage.text.lower()


@pytest.mark.parametrize("question, passage", [
    # asked in a second language
    ("how many times I need to come for see the result?", "number of sessions"),
    ("my creams and serums go more deep in the skin after?", "product absorption"),
    ("why now everybody doing microneedling", "rising popularity"),
    # idioms, short forms and context
    ("I sweat buckets, will this help with that?", "hyperhidrosis"),
    ("the RF one that heats up, can that burn you?", "heat"),
    ("a price list said collagen induction therapy. is that microneedling by another name?",
     "collagen induction therapy"),
    ("do i need to stay out the sun after", "sun"),
    ("is one go enough or is it a whole course", "number of sessions"),
    ("do they use the same needles on everyone?", "sterile"),
    ("who should be carrying out the treatment", "dermatologist"),
    ("will I get the glow straight away", "immediate glow"),
    ("my skin is delicate, can they go gentler on me?", "adjust"),
    ("I used to have sanding facials, how is this different?", "microdermabrasion"),
    ("do they just crack on with the needles or is there a chat first", "consult"),
])
def test_everyday_and_second_language_phrasings_find_the_passage(engine: Engine, question: str, passage: str) -> None:
    answer = engine.ask(question)
    assert answer.answered and passage in answer.results[0].passage.text.lower()


def test_staff_shorthand_for_the_client_and_the_problem_is_understood(engine: Engine) -> None:
    q = engine.analyze("cl has eczema on cheeks, is that a prob")
    assert q.corrections.get("prob") == "problem" and q.terms == ["eczema", "problem"]
    answer = engine.ask("cust nervous - is this counted as surgery?")
    assert answer.answered and "surgery" in answer.results[0].passage.text


@pytest.mark.parametrize("question", ["which of your girls does the microneedling", "what time do you open saturday",
                                      "do you guys take card", "who does the treatments at your clinic, is she a nurse?",
                                      "is the lady doing my treatment a nurse", "which nurse is working on friday",
                                      "pt wants to cancel her appointment, do we charge?",
                                      "if the results are poor do i get my money back",
                                      "any discount on a course of three sessions",
                                      "is there a waiting list for the first session"])
def test_a_question_about_the_clinic_itself_is_not_answered_from_general_articles(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.answered and "this clinic" in (answer.reason or "")


@pytest.mark.parametrize("question", ["do you use numbing cream", "do you have to avoid the sun after",
                                      "do u guys numb the skin first?",
                                      "can you have a bad reaction to the numbing cream",
                                      "does it matter who does it, a nurse or a dermatologist",
                                      "can someone who is on blood thinners have it", "do we numb them first",
                                      "do we have to numb them first"])
def test_you_meaning_anyone_is_not_a_question_about_the_clinic(engine: Engine, question: str) -> None:
    assert engine.ask(question).answered


def test_how_long_something_lasts_needs_a_span_of_time_said_of_that_thing(engine: Engine) -> None:
    assert not engine.ask("how long do the results last").answered  # the documents never say
    answer = engine.ask("how long does the swelling last")
    assert answer.answered and "within a few days" in answer.results[0].passage.text


def test_a_chatty_what_is_it_about_the_documents_own_subject_is_answered(engine: Engine) -> None:
    assert engine.ask("hey, my sister keeps raving about microneedling - what actually is it?").answered
    assert not engine.ask("can i get botox the same day as microneedling").answered  # "botox" is asked about


def test_a_feeling_beside_the_topic_does_not_block_the_answer(engine: Engine) -> None:
    # "squeamish" and "paranoid" say how the client feels, not what they ask about.
    assert engine.ask("will there be blood? im kind of squeamish").answered
    assert engine.ask("could it leave me with scars? bit paranoid").answered


@pytest.mark.parametrize("question", ["i'm a chef, will my face be red for long",
                                      "im a teacher, how long will the redness last",
                                      "i've had acne since childhood, will it help the scars",
                                      "my nephew has bad acne scars, can it help him",
                                      "my eldest has acne scars, will it help",
                                      "my son is at uni and has bad acne marks, can it help",
                                      "my daughter has her prom in a fortnight, will she still be red",
                                      "burn scar from the oven on my arm, will it help",
                                      "halfway through chemo, my sister thinks it would cheer me up. am i allowed",
                                      "my sister keeps saying collagen is everything, what is collagen anyway"])
def test_the_askers_job_life_and_hearsay_do_not_block_the_answer(engine: Engine, question: str) -> None:
    # A job, a time of life or "keeps saying" is why the client asks, not what; the documents never use them.
    assert engine.ask(question).answered


@pytest.mark.parametrize("question", ["saw this on insta, does it hurt af",
                                      "nobody asked about my medication, does that matter",
                                      "on accutane atm, is that a problem"])
def test_texting_filler_and_where_they_saw_it_do_not_block_the_answer(engine: Engine, question: str) -> None:
    # "atm", "af", "nobody" and "insta" carry no topic; the documents never use them.
    assert engine.ask(question).answered


@pytest.mark.parametrize("question, said", [("will it help the stretch marks on my thighs", "stretch marks"),
                                            ("can it help with the burn scar on my arm", "burns")])
def test_a_passage_on_what_is_asked_beats_one_on_where_it_is(engine: Engine, question: str, said: str) -> None:
    # "thighs" and "arm" expand to the passage listing body areas; the reranking by coverage puts first the one
    # that speaks to the stretch marks or the burn scar as well.
    assert said in engine.ask(question).results[0].passage.text


def test_asking_whether_something_is_a_problem_is_about_the_something(engine: Engine) -> None:
    # "problem" and "issue" ask whether it matters; the documents' "medical issues" is not what is asked about.
    answer = engine.ask("I take warfarin for my heart, is that going to be a problem?")
    assert answer.answered and "blood-thinning" in answer.results[0].passage.text


def test_a_reason_given_after_the_question_does_not_block_the_answer(engine: Engine) -> None:
    assert engine.ask("are the needles sterile? my sister is a total germaphobe").answered
    assert engine.ask("is microneedling safe? my husband thinks it sounds sketchy").answered
    # A word the documents never use still counts when it is what is asked about.
    assert not engine.ask("can you do microneedling on my cheek? I have a tattoo there").answered


def test_a_reason_given_after_the_question_does_not_lead_the_ranking(engine: Engine) -> None:
    # "scary" is a word of the risks passage, but here it is why the asker asks, not what
    answer = engine.ask("is microneedling classed as surgery? my fiance thinks it's a big scary procedure")
    assert any("invasive" in hit.passage.text or "cosmetic surgery" in hit.passage.text for hit in answer.results[:2])


def test_a_question_that_is_all_frame_is_judged_on_what_the_frame_stands_for(engine: Engine) -> None:
    answer = engine.ask("who shouldnt get this done")
    assert answer.answered
    assert "following conditions" in answer.results[0].passage.text + (answer.results[0].passage.context or "")


def test_refusal_suggestions_prefer_related_faq_questions(engine: Engine) -> None:
    answer = engine.ask("needles wheelchair")
    if not answer.answered:
        assert any("microneedling" in s.lower() for s in answer.suggestions)


def test_what_was_searched_is_reported(engine: Engine) -> None:
    answer = engine.ask("does microneedeling hurt my skinn")
    assert answer.searched.corrections == {"microneedeling": "microneedling", "skinn": "skin"}
    assert "numbing cream" in answer.searched.expansions
    assert "hurt" in answer.searched.terms


def run_json(cache: Path, corpus: Path) -> str:
    code = (
        "import json,sys; from mnqa.engine import Engine; "
        f"e=Engine.from_corpus({str(corpus)!r}, cache_dir={str(cache)!r}, warn=lambda m: print('W', m, file=sys.stderr)); "
        "a=e.ask('does it hurt'); print(a.results[0].passage.source, a.results[0].score, 'nltk' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return out.stdout + out.stderr


def test_the_index_cache_is_used_rebuilt_on_change_and_survives_corruption(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    cache = tmp_path / "cache"
    first = run_json(cache, corpus)
    assert first.endswith("True\n")  # building needs nltk (Punkt)
    files = list(cache.glob("*.idx"))
    assert len(files) == 1
    warm = run_json(cache, corpus)
    assert warm.split()[:2] == first.split()[:2] and warm.endswith("False\n")  # answered without importing nltk
    # Editing a document rebuilds (and replaces) the index.
    with open(corpus / "002_9ba9ac79c30aa19c.txt", "a", encoding="utf-8") as fh:
        fh.write("\nA new paragraph about numbing cream and lidocaine.\n")
    run_json(cache, corpus)
    assert len(list(cache.glob("*.idx"))) == 1 and list(cache.glob("*.idx")) != files
    # A corrupt or truncated cache is detected, reported once, and rebuilt.
    idx = next(cache.glob("*.idx"))
    idx.write_bytes(idx.read_bytes()[:-100])
    out = run_json(cache, corpus)
    assert out.count("W ") == 1 and "checksum" in out
    assert "W " not in run_json(cache, corpus)


def test_an_unusable_cache_dir_means_no_cache_and_one_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    warnings: list[str] = []
    engine = Engine.from_corpus(CORPUS, cache_dir=blocker / "mnqa", warn=warnings.append)
    assert engine.ask("does it hurt").answered
    assert len(warnings) == 1 and "running without a cache" in warnings[0], warnings


def test_a_tampered_cache_cannot_run_code(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    Engine.from_corpus(CORPUS, cache_dir=cache)
    idx = next(cache.glob("*.idx"))
    idx.write_bytes(b"cos\nsystem\n(S'touch " + str(tmp_path / "pwned").encode() + b"'\ntR.")
    warnings: list[str] = []
    Engine.from_corpus(CORPUS, cache_dir=cache, warn=warnings.append)
    assert not (tmp_path / "pwned").exists()
    assert len(warnings) == 1 and "rebuilding" in warnings[0]
    json.dumps([w for w in warnings])


@pytest.mark.parametrize("question", ["three weeks on and i can see zero difference, when should i notice something",
                                      "had two goes and saw no difference at all, when does it start working"])
def test_seeing_no_difference_asks_when_results_show(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered and "results" in answer.results[0].passage.text.casefold()


def test_the_clinic_told_of_is_not_the_clinic_asked_about(engine: Engine) -> None:
    # Only the asking sentence decides whether the clinic itself is asked about.
    assert engine.ask("my sister bought me a gift voucher for it. is it safe with rosacea?").answered
    refused = engine.ask("my sister wants to treat me. do you sell gift vouchers for microneedling?")
    assert not refused.answered and "this clinic" in (refused.reason or "")


def test_cleaning_the_skin_first_is_found_in_the_askers_words(engine: Engine) -> None:
    answer = engine.ask("do they take your makeup off first or should i come bare faced")
    assert answer.answered and "cleans your skin" in answer.results[0].passage.text
    assert not engine.ask("can i wear makeup the day after").answered  # the documents never say


def test_a_reaction_to_the_numbing_cream_finds_the_reaction_to_pain_relievers(engine: Engine) -> None:
    # The passage that answers is a long list of risks; the numbing-cream passage itself stays first.
    answer = engine.ask("I came up in a rash where the numbing cream was, is that normal")
    assert answer.answered and any("reaction to pain relievers" in hit.passage.text for hit in answer.results[:3])


@pytest.mark.parametrize("question", ["maid of honour here, wedding is in three weeks, will i still be red",
                                      "my mother in law has rosacea, can she still have it",
                                      "the groom has bad acne scars, would it help before the ceremony",
                                      "burnt my neck with my hair straighteners, will it help the scar",
                                      "hen do is the weekend after, how long will the redness last"])
def test_a_wedding_and_who_is_in_it_do_not_block_the_answer(engine: Engine, question: str) -> None:
    # The occasion, the wedding party and the hair tools are why the client asks, not what; the documents never
    # use them.
    assert engine.ask(question).answered


@pytest.mark.parametrize("question, answering", [
    ("burnt my hand on the bbq last summer, will it help the scar", "caused by burns"),
    ("got burnt by the barbecue as a kid, would it help that scar", "caused by burns"),
    ("a birthday present from my sister, will it help my stretch marks", "tretch"),
])
def test_a_birthday_or_a_barbecue_is_told_not_asked(engine: Engine, question: str, answering: str) -> None:
    # Like a wedding or the hair straighteners, the occasion and where a burn happened are not what is asked.
    answer = engine.ask(question)
    assert answer.answered and any(answering in hit.passage.text for hit in answer.results[:3])


def test_mean_asks_for_a_definition_only_in_what_does_it_mean(engine: Engine) -> None:
    definition = "cosmetic technique"
    assert definition in engine.analyze("what does microneedling mean").expansions
    # Here "mean" says what follows from something: who should not have it.
    searched = engine.analyze("what are the things that mean you can't have it")
    assert definition not in searched.expansions


@pytest.mark.parametrize("question", ["will i end up with more scars than before", "can the needles give me new scars"])
def test_more_or_new_scars_ask_about_scarring_as_a_risk(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered and "infection or scarring" in answer.results[0].passage.text


@pytest.mark.parametrize("question", ["Is it normal for the skin to itch and peel a bit in the days after?",
                                      "will my skin peel a little after"])
def test_peel_as_a_verb_is_peeling_skin(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert any("Flaking" in h.passage.text or "irritation" in h.passage.text for h in answer.results)


def test_peel_as_a_treatment_is_still_not_peeling_skin(engine: Engine) -> None:
    assert not engine.ask("is a chemical peel better than microneedling for texture").answered


def test_an_or_that_opens_a_new_clause_offers_no_alternative(engine: Engine) -> None:
    # "or do you avoid it" asks something else: the tattoo, which the documents never mention, still counts.
    assert not engine.ask("can you needle over a tattoo or do you avoid it").answered
    groups = {g.word: g for g in engine.analyze("can you needle over a tattoo or do you avoid it").groups}
    assert groups["avoid"].alternative_to is None
    assert {g.word: g for g in engine.analyze("are the needles sterile or reused").groups}["reused"].alternative_to


def test_deadening_the_skin_first_finds_the_numbing_cream(engine: Engine) -> None:
    answer = engine.ask("do they put something on to deaden it first")
    assert answer.answered
    assert "numbing" in answer.results[0].passage.text


def test_answering_in_forked_workers_gives_exactly_the_answers_of_ask(engine: Engine) -> None:
    # Workers inherit the loaded engine; their answers, scores to the last bit, come back in the order asked.
    cases = [json.loads(line)["q"] for line in (ROOT / "tests" / "eval" / "dev5.jsonl").read_text().splitlines()]
    questions: list[str | None] = [*cases[:70], None, *cases[70:100]]
    assert list(engine.ask_all(questions, 4, workers=2)) == [None if q is None else engine.ask(q, 4) for q in questions]


def test_a_read_error_in_a_parallel_batch_reaches_the_caller(engine: Engine) -> None:
    # Only a worker's failure is recovered from; a question source that fails must not end the answers silently.
    def questions():
        yield from ["does it hurt"] * 40
        raise OSError(5, "Input/output error")

    answered = []
    with pytest.raises(OSError, match="Input/output error"):
        for answer in engine.ask_all(questions(), 3, workers=2):
            answered.append(answer)
    assert len(answered) < 40  # the chunk being read when it failed is not made up


def test_asking_whether_it_works_the_same_for_everyone_finds_that_results_vary(engine: Engine) -> None:
    for question in ("does it come out the same for everybody", "would it come out the same for everyone as it did "
                     "for my sister", "everyone is different though, how do I know it will work on me"):
        top = engine.ask(question).results[0]
        assert top.answer.startswith("Results vary"), question


def test_asking_whether_there_is_any_point_finds_what_it_does(engine: Engine) -> None:
    top = answered_top(engine, "my skin's pretty good already, is there any point?")
    assert "Benefits of microneedling include" in top.passage.text


def test_waiting_for_the_cream_to_kick_in_is_the_numbing_not_the_results(engine: Engine) -> None:
    top = engine.ask("how long for the cream to kick in").results[0]
    assert "numbing cream" in top.passage.text


def test_asking_to_skip_the_consultation_finds_the_consultation(engine: Engine) -> None:
    assert "consult" in answered_top(engine, "could I skip the consult and just have it done").passage.text.lower()


def test_somewhere_cheap_or_unqualified_is_answered_by_who_should_do_it(engine: Engine) -> None:
    for question in ("my neighbour does it in her spare room, is that ok?",
                     "how can I tell a dodgy clinic from a good one"):
        assert "dermatologist or physician with specific training" in answered_top(engine, question).answer, question


def test_heavy_sweating_and_its_name_as_heard_find_hyperhidrosis(engine: Engine) -> None:
    for question in ("does it do anything for heavy sweating", "what about hyper hydro whatsit, the sweating"):
        assert "Hyperhidrosis" in answered_top(engine, question).passage.text, question


def test_a_retinol_asked_of_afterwards_finds_the_advice_on_harsh_skincare(engine: Engine) -> None:
    assert "aggressive skincare routines" in answered_top(engine, "when can I go back to my retinol").answer
    assert not engine.ask("should I stop retinol before my appointment").answered  # the documents never say


def test_a_visit_taking_all_morning_asks_how_long_the_procedure_takes(engine: Engine) -> None:
    top = answered_top(engine, "I've only got the morning off, will it take all morning?")
    assert "15 minutes to several hours" in top.answer


def test_money_in_a_figure_of_speech_finds_the_cost_against_laser(engine: Engine) -> None:
    top = answered_top(engine, "is needling kinder on the wallet than laser")
    assert "far less costly than laser" in top.answer


# Staff asking to find a passage name the documents and the finding, or point at a sentence with words that
# elsewhere mean a price, a wrinkle or a place on the body; the passage found is the one the topic alone finds.
FINDING_FRAMES = ["can you find the section on {}", "which article covers {}", "copy of the text about {}",
                  "{} - relevant passage please", "the explanation of {} for my slides"]
POINTING_FRAMES = ["pull the quote that {}", "I need the line where it says {}", "does it say anywhere that {}",
                   "highlight the sentence saying {}"]


@pytest.mark.parametrize("frames, topic", [
    *[pytest.param(FINDING_FRAMES, t, id=f"finding {t}") for t in
      ["acne scars", "stretch marks", "aftercare", "who can't have it"]],
    *[pytest.param(POINTING_FRAMES, c, id=f"pointing at {c}") for c in
      ["it can cause bruising", "redness lasts a few days", "you need several sessions"]],
])
def test_asking_for_a_passage_finds_the_topics_own(engine: Engine, frames: list[str], topic: str) -> None:
    expected = answered_top(engine, topic).passage
    for frame in frames:
        assert answered_top(engine, frame.format(topic)).passage == expected, frame.format(topic)


def test_the_words_that_point_keep_their_meaning_elsewhere(engine: Engine) -> None:
    assert engine.analyze("can I get a quote for three sessions").expects == "money"
    assert "line" in engine.analyze("I have a line that won't shift between my brows").terms
    assert "anywhere" in engine.analyze("can it be done anywhere on the body").terms


# Everyday wordings of one kind each, and the passage that answers them: the first result must hold that text.
EVERYDAY_WORDINGS = [
    pytest.param("I've got afib and take apixaban, can I have it?", "blood-thinning medications",
                 id="what blood thinners are taken for"),
    pytest.param("I get tablets from my dermatologist for my acne, can I still have it",
                 "see your doctor before undergoing", id="acne tablets with who gave them in between"),
    pytest.param("on meds from the doctor for my spots, is that ok", "see your doctor before undergoing",
                 id="spot medicine with who gave it in between"),
    pytest.param("is it bad to skip a session halfway through the course",
                 "Adherence to the recommended treatment schedule", id="skipping a session of the course"),
    pytest.param("came out in big red welts from the numbing gel, is that normal",
                 "negative reaction to pain relievers", id="a rash from the numbing gel"),
    pytest.param("broke out in blotches after the numbing cream", "negative reaction to pain relievers",
                 id="blotches after the numbing cream"),
    pytest.param("will the little lines round my eyes get any better", "reduction of fine lines and deep wrinkles",
                 id="lines round the eyes"),
    pytest.param("my skin is thin around the eyes, will it bruise there", "areas with thinner skin",
                 id="a quality asked plainly, said as a comparative"),
    pytest.param("is it riskier if my skin is dark", "darker skin tones", id="dark skin said as darker"),
    pytest.param("do I have to bother with sunscreen afterwards", "use sunscreen diligently",
                 id="whether a step is needed, said as bothering with it"),
    pytest.param("what's the worst that could possibly happen", "The greatest danger following surgery",
                 id="a hedge inside a lexicon phrase"),
    pytest.param("I'm 45 and look knackered, will it take a few years off", "minimizes the appearance of aging signs",
                 id="looking tired, in everyday words"),
    pytest.param("could I get a full face done on my lunch hour", "15 minutes to several hours",
                 id="whether a session fits in a lunch break"),
    pytest.param("how should I word it if someone asks does it work on stretch marks", "including stretch marks",
                 id="staff asking how to word an answer"),
    pytest.param("will it make me look younger - how do i answer that without overpromising",
                 "makes you appear younger", id="staff asking how to answer without overpromising"),
    pytest.param("can it fade the brown blotches on my cheeks", "Reduces Hyperpigmentation",
                 id="pigmentation described by its colour"),
    pytest.param("my skin is two different shades on my cheeks, can it help", "Reduces Hyperpigmentation",
                 id="an uneven tone described"),
    pytest.param("my skin colour is all over the place, would it help", "Reduces Hyperpigmentation",
                 id="an uneven tone described with words between"),
    pytest.param("my face looked sunburnt after, is that normal", "may feel like a mild sunburn",
                 id="looking sunburnt after a session"),
    pytest.param("do you get a sheet of aftercare to take home", "specific aftercare instructions",
                 id="the form the information comes in"),
    pytest.param("is it safe if a pro does it", "specific training", id="a professional said short"),
    pytest.param("can you catch an infection from it", "small risk of infection", id="catching an infection"),
    pytest.param("what side effects should I expect from the pin prick facial", "Additional adverse consequences",
                 id="the treatment called by what is done"),
    pytest.param("swollen after my pen session, how do I bring it down", "Mild redness and swelling are common",
                 id="the treatment called by its tool"),
    pytest.param("what actually happens once she's on the couch", "hand-held roller or an electric tool",
                 id="the procedure asked by where the client lies"),
    pytest.param("which clients should we refuse to treat", "see your doctor before undergoing",
                 id="staff asking whom to turn away"),
    pytest.param("how do I explain to clients who shouldn't have microneedling", "see your doctor before undergoing",
                 id="explaining to clients what is asked after it"),
    pytest.param("when will i start to see a change", "significant structural changes develop over several weeks",
                 id="results asked as a change seen"),
    pytest.param("from the moment I come through the door, what happens", "hand-held roller or an electric tool",
                 id="the visit from arriving, said by the door"),
    pytest.param("once they have finished with the needles, what then", "After the needling is complete",
                 id="the step after the needling, asked in order"),
    pytest.param("ok done with the needles, now what", "After the needling is complete",
                 id="the step after the needling, asked short"),
    pytest.param("the towels there looked grubby, could I get an infection", "small risk of infection",
                 id="dirt said as grubby"),
    pytest.param("I sit on a front desk all day, how long will the redness show", "After the needling is complete",
                 id="where the asker works, said by the desk"),
    pytest.param("is sunscreen after really needed or is that just an upsell", "use sunscreen diligently",
                 id="doubting advice as an upsell"),
    pytest.param("my skin soaks up whatever I put on it after, is that a problem", "Enhances Product Absorption",
                 id="an everyday pronoun, whatever"),
    pytest.param("got a big meeting on friday, will I still look red", "typically subside within a few days",
                 id="an everyday plan, a meeting"),
    pytest.param("a couple of spots have come up, can I still have my session tomorrow", "Acne now present",
                 id="spots had now, in the British sense"),
    pytest.param("I have some dark spots on my cheeks, will it fade them", "Reduces Hyperpigmentation",
                 id="dark spots are still pigmentation"),
    pytest.param("years of summers have damaged my skin, can it help", "treating sun damage",
                 id="sun damage told by the summers that did it"),
    pytest.param("will all those needles make my skin thinner over time", "thickens the skin",
                 id="the worry that it thins the skin"),
    pytest.param("how do i explain why they need more than one session",
                 "the number of sessions completed", id="explaining what is asked after it"),
    pytest.param("What tends to go wrong for clients afterwards?", "potential side effects and risks",
                 id="the hedging of a formal letter, what tends to"),
    pytest.param("By what other designation is the treatment known?", "referred to as collagen induction therapy",
                 id="a letter's word for a name"),
    pytest.param("Might you outline the order of events on the day?", "hand-held roller or an electric tool",
                 id="a letter's words for the steps of the visit"),
    pytest.param("I suffer from psoriasis. Would you advise against it?", "see your doctor before undergoing",
                 id="a letter's words for who should not have it"),
    pytest.param("Is a preliminary consultation necessary?", "first consult your doctor",
                 id="a letter's word for a consultation first"),
    pytest.param("Why is this treatment so much in vogue?", "rising popularity", id="a letter's word for popular"),
    pytest.param("What apparatus is used?", "hand-held roller or an electric tool", id="a letter's word for the tool"),
    pytest.param("Is there anything one might do to ease the redness?", "cold compress",
                 id="easing what it leaves, as soothing it"),
    pytest.param("I have silvery streaks on my thighs from a growth spurt; would it help?", "including stretch marks",
                 id="stretch marks told by their look"),
    pytest.param("Are such needles used to give inoculations?", "deliver drugs or vaccines",
                 id="a letter's word for vaccines"),
    pytest.param("Is the procedure regarded as safe by the medical profession?", "recognized as safe",
                 id="what doctors think of its safety"),
    pytest.param("I have an outbreak of spots on my forehead; ought I to wait?", "Acne now present",
                 id="an outbreak of spots is acne now"),
]


@pytest.mark.parametrize("question, passage_text", EVERYDAY_WORDINGS)
def test_an_everyday_wording_finds_the_passage_that_answers_it(engine: Engine, question: str,
                                                                passage_text: str) -> None:
    assert passage_text in answered_top(engine, question).passage.text
