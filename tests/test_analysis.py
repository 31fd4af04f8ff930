"""Query analysis: folding, tokens, stopwords, stems, spelling, lexicon expansion."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mnqa.analysis import (Stemmer, adjective_of, can_be_noun, fold, is_generic, said, sound_key, stopwords, terms,
                           tokenize, unstretched, word_forms)
from mnqa.lexicon import LexiconError, load_lexicon, parse_lexicon


@given(st.text(alphabet=string.printable, max_size=30))
def test_plain_ascii_folds_as_the_general_path_does(text: str) -> None:
    # An accented letter sends the whole text down the Unicode path; its own "e" is all it adds.
    assert fold(text + "é") == fold(text) + "e"


def test_folding_handles_case_accents_and_curly_apostrophes() -> None:
    assert fold("CAFÉ") == fold("café") == "cafe"
    assert fold("skin’s") == "skin's"
    assert fold("ﬁne") == "fine"  # compatibility ligature


def test_tokens_keep_offsets_and_drop_possessives() -> None:
    text = "The skin’s micro-needling: 30-45 min!"
    toks = tokenize(text)
    assert [t.word for t in toks] == ["the", "skin", "micro-needling", "30-45", "min"]
    assert [text[t.start : t.end] for t in toks] == ["The", "skin’s", "micro-needling", "30-45", "min"]


def test_contracted_verbs_leave_the_word_they_hang_on() -> None:
    assert [t.word for t in tokenize("She'll say they’d do it, won't they?")] == [
        "she", "say", "they", "do", "it", "won't", "they"]


def test_a_contracted_verb_is_said_in_full_after_a_pronoun_or_question_word() -> None:
    assert said("What’s it called? She'll know") == ["what", "is", "it", "called", "she", "will", "know"]
    assert said("the client's skin") == ["the", "client", "skin"]  # a possessive, not a verb


def test_every_stopword_is_a_word_the_tokenizer_can_produce() -> None:
    # An entry the tokenizer never yields ("it's" is read as "it") would never match anything.
    assert [w for w in sorted(stopwords()) if [t.word for t in tokenize(w)] != [w]] == []


def test_hyphenated_words_are_indexed_joined_and_by_parts() -> None:
    assert word_forms("micro-needling") == ["microneedling", "micro", "needling"]
    assert word_forms("skin") == ["skin"]


def test_stopwords_are_our_own_list_with_conversational_filler() -> None:
    stop = stopwords()
    assert {"the", "does", "it", "please", "im", "really"} <= stop
    assert not {"hurt", "skin", "dark", "safe", "pain", "long"} & stop


def test_terms_stem_and_skip_stopwords() -> None:
    assert terms("Does it hurt? Micro-needling on darker skin tones", Stemmer()) == [
        "hurt", "microneedl", "micro", "needl", "darker", "skin", "tone"]


def test_stemmer_imports_nltk_only_for_unknown_words() -> None:
    stemmer = Stemmer({"hurting": "hurt"})
    assert stemmer.stem("hurting") == "hurt"
    assert not stemmer.loaded_nltk
    assert stemmer.stem("treatments") == "treatment"
    assert stemmer.loaded_nltk


def test_word_classes_tell_things_from_actions_and_qualities() -> None:
    assert can_be_noun("myth") and can_be_noun("tattoo") and can_be_noun("flying")  # "flying" as a topic
    assert not can_be_noun("postpone") and not can_be_noun("torn") and not can_be_noun("sketchy")
    assert can_be_noun("botox") and can_be_noun("xqzv")  # unknown to the dictionary: assume it names a thing


def test_a_comparative_is_told_from_a_word_that_only_ends_like_one() -> None:
    assert [adjective_of(w) for w in ("thinner", "smaller", "larger", "easier", "redder")] == [
        "thin", "small", "large", "easy", "red"]
    # a thing or a doer ("roller", "offer"), an irregular form, or a commoner word than the adjective ("number")
    assert [adjective_of(w) for w in ("roller", "offer", "better", "number", "water")] == [None] * 5


def test_generic_words_include_adverbs_without_listing_them() -> None:
    assert is_generic("place") and is_generic("easily")
    assert is_generic("32")  # "I'm only 32": a number says how much, not what about
    assert is_generic("30s") and is_generic("5mm") and is_generic("2nd")  # with a unit or an ending, the same
    assert not is_generic("bruise") and not is_generic("passport")
    # The list names one form of a noun; its regular plurals are as common ("babies", "watches").
    assert is_generic("babies") and is_generic("forearms") and is_generic("lunches")
    assert not is_generic("bruises") and not is_generic("passports")
    assert is_generic("forty") and is_generic("hundred")  # "on and off for forty years"
    # and a listed verb's regular -ing and -ed forms ("putting", "tried"), but not a topic word's ("bruising")
    assert is_generic("putting") and is_generic("making") and is_generic("tried") and is_generic("stopped")
    assert not is_generic("bruising") and not is_generic("swelling")


@pytest.mark.parametrize("said_as, spelt", [("infecshun", "infection"), ("consultashun", "consultation"),
                                             ("damidge", "damage"), ("alopeesha", "alopecia"), ("texchur", "texture"),
                                             ("ruff", "rough"), ("fotograph", "photograph")])
def test_a_word_spelt_as_it_is_said_sounds_like_the_word(said_as: str, spelt: str) -> None:
    assert sound_key(said_as) == sound_key(spelt)


@pytest.mark.parametrize("one, other", [("infection", "injection"), ("mishear", "mother"), ("bleeding", "breeding")])
def test_words_with_other_consonants_have_other_keys(one: str, other: str) -> None:
    # Vowels are one sound in a key ("tenner", "toner"): how near two spellings are is also measured in letters.
    assert sound_key(one) != sound_key(other)


def test_a_word_typed_with_a_letter_held_down_can_be_read_back() -> None:
    assert unstretched("sooo") == ["soo", "so"]
    assert unstretched("reallyyyy") == ["reallyy", "really"]
    assert unstretched("needles") == []  # a double letter is spelling, not a held key


def test_shipped_lexicon_loads_and_every_entry_is_usable() -> None:
    lexicon = load_lexicon()
    assert len(lexicon.entries) >= 30
    for entry in lexicon.entries:
        assert entry.ask and entry.say and 0 < entry.weight < 1  # expansions always count less than own words


@pytest.mark.parametrize(
    "text, message",
    [
        ("[[map]]\nask = ['a']\n", "needs non-empty lists"),
        ("[[map]]\nask = ['a']\nsay = ['b']\nweight = 2\n", "weight"),
        ("[[map]\n", "not valid TOML"),
        ("[[map]]\nask = [1]\nsay = ['b']\n", "strings"),
        ("[[map]]\nask = ['a']\nsay = ['b']\nexact = 'yes'\n", "exact must be true or false"),
        ("[[map]]\nask = ['a']\nsay = ['b']\nplace = 1\n", "place must be true or false"),
        ("[[map]]\nask = ['a']\nsay = ['b']\nsubject = 'no'\n", "subject must be true or false"),
        ("[[map]]\nask = ['a']\nsay = ['b']\nname = 0\n", "name must be true or false"),
        ("[[map]]\nask = ['... a']\nsay = ['b']\n", "must stand between words"),
        ("[[map]]\nask = ['a ... b']\nsay = ['c']\nexact = true\n", "not in an exact entry"),
    ],
)
def test_lexicon_errors_are_clear(text: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(text)

def test_stemmer_load_imports_nltk_ahead_and_stems_the_same() -> None:
    stemmer = Stemmer({"hurting": "hurt"})
    stemmer.load()
    assert stemmer.loaded_nltk
    assert [stemmer.stem(w) for w in ("hurting", "treatments")] == ["hurt", "treatment"]


@given(st.text(alphabet=string.ascii_letters + string.digits + " '`-.,?!\n", max_size=60))
def test_ascii_text_tokenizes_as_folding_each_word_would(text: str) -> None:
    # ASCII text is folded whole for speed; the words and offsets must be those of folding word by word
    import re

    from mnqa.analysis import WORD_RE
    expected = [(m.start(), m.end(), re.sub(r"['’](s|ll|re|ve|d|m)$", "", fold(m.group())))
                for m in WORD_RE.finditer(text)]
    assert [(t.start, t.end, t.word) for t in tokenize(text)] == [e for e in expected if e[2]]
