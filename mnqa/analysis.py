"""Text analysis shared by documents and queries: Unicode folding, word tokens with offsets, stopwords, stems.

Tokenizing is one regular expression (nltk's RegexpTokenizer is `re.findall` underneath); it lives here rather
than behind `import nltk` because that import alone costs ~0.35 s and most questions never need it. The Snowball
stemmer is nltk's, loaded lazily: stems of every corpus word are cached with the index, so nltk is only imported
for query words the index has never seen.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# A word: letters/digits, with inner apostrophes (client's) and hyphens (micro-needling).
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:-[^\W_]+)*")
# A possessive or a contracted verb ("client's", "she'll", "they'd"): the word it hangs on is what is said.
_CLITIC_RE = re.compile(r"['’](s|ll|re|ve|d|m)$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True)
class Token:
    """A word of a text: its span in the original string and its folded surface form."""

    start: int
    end: int
    word: str  # folded: NFKC, accents stripped, casefolded, possessive removed


# Terminal escape sequences (CSI "ESC [ ... final", OSC "ESC ] ... BEL/ST", two-byte ESC x) and other controls.
_ESCAPES_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str, keep_lines: bool = False) -> str:
    """Text without terminal escape sequences and control characters; tabs become spaces, newlines too unless kept."""
    text = _ESCAPES_RE.sub("", text).replace("\t", " ")
    if keep_lines:
        return "\n".join(_CONTROLS_RE.sub("", line) for line in text.split("\n"))
    return _CONTROLS_RE.sub("", text.replace("\n", " "))


def fold(text: str) -> str:
    """Fold case, compatibility forms and Latin accents, so 'Café', 'CAFE' and 'cafe' compare equal."""
    if text.isascii():  # nearly every word: nothing to normalise, and ASCII case folding is lowercasing
        return text.replace("`", "'").lower()
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    # Accents are dropped from Latin letters only: in other scripts (kana voicing marks) they change the word.
    out = []
    for ch in text:
        if unicodedata.combining(ch) and out and out[-1] < "\u0250":
            continue
        out.append(ch)
    return unicodedata.normalize("NFKC", "".join(out)).casefold()


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens with character offsets into `text`."""
    tokens = []
    # Nearly every text is ASCII: lowercasing it keeps every offset, so it is folded whole rather than word by word.
    whole = text.isascii()
    for m in WORD_RE.finditer(text.lower() if whole else text):
        word = m.group() if whole else fold(m.group())
        if "'" in word:  # folding made every apostrophe this one: only such a word can carry a clitic
            word = _CLITIC_RE.sub("", word)
        if word:
            tokens.append(Token(m.start(), m.end(), word))
    return tokens


# A verb contracted onto a pronoun or a question word, said in full, so that "what's" asks like "what is".
_CONTRACTED_VERBS = {"s": "is", "ll": "will", "re": "are", "ve": "have", "d": "would", "m": "am"}
_CONTRACTING = {"i", "you", "we", "they", "he", "she", "it", "that", "there", "here", "what", "who", "where", "when",
                "why", "how"}


# Stopwords that only hedge or stress ("what even is it", "does it actually work"): phrases read through them.
HEDGES = frozenset({"even", "actually", "really", "exactly", "basically", "literally", "honestly", "seriously",
                    "truly", "simply", "kinda", "sorta", "just", "possibly", "probably", "realistically", "genuinely",
                    "definitely"})


def said(text: str) -> list[str]:
    """The folded words of a text as said: its tokens, with a contracted verb spelt out ("what's" -> what, is)."""
    out = []
    for tok in tokenize(text):
        out.append(tok.word)
        if tok.word in _CONTRACTING:
            m = _CLITIC_RE.search(fold(text[tok.start : tok.end]))
            if m:
                out.append(_CONTRACTED_VERBS[m.group(1)])
    return out


NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve")


# Round numbers said aloud as often as written: "factor fifty", "spf thirty", "twenty minutes"
ROUND_NUMBER_WORDS = {13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen",
                      19: "nineteen", 20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty",
                      70: "seventy", 80: "eighty", 90: "ninety", 100: "hundred"}
# Every number word the analyser spells a figure as (spelt_number), in that order.
SPELT_NUMBERS = (*NUMBER_WORDS, *ROUND_NUMBER_WORDS.values())


def spelt_number(word: str) -> str:
    """A number written out ("1" -> "one", "50" -> "fifty"), so phrases match either way ("1 time", "one time");
    else the word."""
    if word.isascii() and word.isdigit():  # ascii: "²" is a digit too
        n = int(word)
        return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else ROUND_NUMBER_WORDS.get(n, word)
    return word


def word_forms(word: str) -> list[str]:
    """The forms a folded word is indexed under: itself, or for 'a-b' the joined 'ab' and the parts."""
    if "-" not in word:
        return [word]
    parts = [p for p in word.split("-") if p]
    return ["".join(parts), *parts]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Our own stopword list (mnqa/stopwords.txt): function words and conversational filler."""
    return _word_list("stopwords.txt")


def _word_list(name: str) -> frozenset[str]:
    text = resources.files("mnqa").joinpath(name).read_text(encoding="utf-8")
    return frozenset(fold(w) for line in text.splitlines() for w in line.split("#", 1)[0].split())


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Common words that say little about a topic (mnqa/generic.txt), for judging whether a question is answered."""
    return _word_list("generic.txt")


@lru_cache(maxsize=1)
def treatment_words() -> frozenset[str]:
    """Other skin treatments a client may name beside microneedling (mnqa/treatments.txt): "ipl", "botox"."""
    return _word_list("treatments.txt")


@lru_cache(maxsize=1)
def shorthand() -> dict[str, tuple[str, ...]]:
    """Texting and staff short forms and the words they stand for (mnqa/shorthand.txt): "appt" -> appointment."""
    return parse_shorthand(resources.files("mnqa").joinpath("shorthand.txt").read_text(encoding="utf-8"))


def parse_shorthand(text: str) -> dict[str, tuple[str, ...]]:
    """Read `short = word [word ...]` lines ('#' starts a comment); a malformed line is a ValueError naming it."""
    table: dict[str, tuple[str, ...]] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        short, sep, full = (part.strip() for part in line.partition("="))
        if not sep or not short or " " in short or not full:
            raise ValueError(f"shorthand.txt:{n}: expected `short = word [word ...]`")
        table[fold(short)] = tuple(fold(w) for w in full.split())
    return table


@lru_cache(maxsize=1)
def _english_frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # lazy: ~0.1 s, needed only for words the documents never use

    return get_frequency_dict("en", wordlist="small")


def zipf(word: str) -> float:
    """How common a folded word is in everyday English on the Zipf scale: 6 "need", 4.5 "nose", 3 rare, 0 unseen."""
    frequencies = _english_frequencies()
    frequency = frequencies.get(word)
    if not frequency and len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        # The small table leaves out the plurals of rarer nouns ("instalments"): such a plural is as real a word
        # as its singular.
        frequency = frequencies.get(_singular(word))
    return math.log10(frequency) + 9.0 if frequency else 0.0


def adjective_of(form: str) -> str | None:
    """The adjective a folded word is the regular comparative of ("thinner": "thin", "easier": "easy"), or None."""
    if not form.isalpha() or not form.endswith("er") or len(form) < 5:
        return None
    # regular forms only: "thinner", "smaller", "larger", "easier" (not "better" of "good")
    bases = (form[:-3], form[:-2], form[:-1], form[:-3] + "y")
    adjectives = _lemmas(form).get("ADJ", ())
    for base in bases:
        # The dictionary's own word, and rarer than it: the dictionary also has "number" as "numb"-er.
        if base in adjectives and zipf(form) < zipf(base):
            return base
    return None


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """A folded word's dictionary forms by word class (lemminflect), {} for a word it does not have."""
    from lemminflect import getAllLemmas  # lazy: ~0.2 s with its dictionary, needed only for unknown words

    return getAllLemmas(word)


def verb_base(word: str) -> str | None:
    """The base of a folded word that can only be a verb's form, not a thing ("shrunk" -> "shrink"; "shot" can be a
    noun), or None."""
    lemmas = _lemmas(word)
    if "NOUN" in lemmas or "PROPN" in lemmas:
        return None
    return next((lemma for lemma in lemmas.get("VERB", ()) if lemma != word), None)


def can_be_noun(word: str) -> bool:
    """Whether a folded word can name a thing in English ("myth", "stove"), not only be a verb or adjective
    ("postpone", "torn", "sketchy"); True for a word the dictionary does not have ("botox", "prp")."""
    lemmas = _lemmas(word)
    return not lemmas or "NOUN" in lemmas or "PROPN" in lemmas


@lru_cache(maxsize=4096)
def lemma_zipf(word: str) -> float:
    """How common a folded word is, or its dictionary form if that is more common: an inflected everyday word
    ("stays", "loads") is as everyday as its stem word, however rarely that form is written."""
    forms = {lemma for lemmas in _lemmas(word).values() for lemma in lemmas}
    return max([zipf(word), *(zipf(f) for f in forms)])


def load_frequencies() -> None:
    """Load the everyday-English word frequencies and word classes now rather than at the first word the
    documents never use."""
    _english_frequencies()
    can_be_noun("the")


def is_generic(word: str) -> bool:
    """Whether a folded word is generic: listed in generic.txt, an adverb in -ly, or a number ("I'm 32"), with or
    without a unit or ending ("30s", "5mm", "2nd")."""
    listed = generic_words()
    return (word in listed or (len(word) > 4 and word.endswith("ly")) or word[:1].isdigit()
            or word.endswith("s") and _singular(word) in listed
            or any(base in listed for base in _verb_bases(word)))


def _verb_bases(word: str) -> list[str]:
    # Only the regular -ing and -ed forms: the list names a verb ("put", "try"), the asker says "putting" or
    # "tried"; an irregular form ("made") is listed as itself.
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            base = word[: -len(ending)]
            bases = [base, base + "e"]
            if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "ls":
                bases.append(base[:-1])  # "putting", "stopped"
            if ending == "ed" and base.endswith("i"):
                bases.append(base[:-1] + "y")  # "tried"
            return bases
    return []


def _singular(word: str) -> str:
    # Only the regular plurals: the list names one form of a noun ("baby"), the asker says "babies".
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-2] if word.endswith(("ches", "shes", "xes", "sses")) else word[:-1]


# How English spelling says a sound, rewritten in order to one letter per sound: "shun", "tion" and "cia" are all
# X; a hard "c", "ck" and "q" are k; "ph" and a final "gh" are f; a soft "g" and "dge" are j; doubled letters are
# one, a silent final "e" is dropped, and any run of vowels (and "w" after a vowel's place) is A.
_SOUNDS = [(re.compile(a), b) for a, b in (
    (r"(?<=[a-z])[ts]ch", "X"), (r"th", "0"), (r"sh", "X"), (r"ch", "X"), (r"ph", "f"), (r"gh\b", "f"), (r"gh", ""),
    (r"ck", "k"), (r"dg(?=[eiy])", "j"), (r"[tcs]i(?=[aeiou])", "X"), (r"s?sion", "Xn"), (r"(?<=.)t(?=ur)", "X"),
    (r"c(?=[eiy])", "s"), (r"[cq]", "k"), (r"x", "ks"), (r"z", "s"), (r"g(?=[eiy])", "j"), (r"wh", "w"),
    (r"(?<=[^aeiou])e(s?)\b", r"\1"), (r"(.)\1+", r"\1"), (r"(?<=.)[aeiouyw]+", "A"), (r"^[aeiouy]+", "A"))]


def sound_key(word: str) -> str:
    """How a folded word sounds, roughly: words spelt as they are said share a key ("infecshun", "infection")."""
    for pattern, sound in _SOUNDS:
        word = pattern.sub(sound, word)
    return word


_STRETCHED_RE = re.compile(r"(\w)\1{2,}")


def unstretched(word: str) -> list[str]:
    """Ways to read a word typed with a letter held down ("sooo" -> "soo", "so"); empty when none is held."""
    if not _STRETCHED_RE.search(word):
        return []
    return [_STRETCHED_RE.sub(r"\1\1", word), _STRETCHED_RE.sub(r"\1", word)]


class Stemmer:
    """Snowball (English) stems, memoised; nltk is imported only when a word is not yet known."""

    def __init__(self, known: dict[str, str] | None = None) -> None:
        self.known: dict[str, str] = dict(known or {})
        self._snowball = None

    def load(self) -> None:
        """Import nltk's Snowball now rather than at the first unknown word."""
        if self._snowball is None:
            from nltk.stem.snowball import SnowballStemmer  # lazy: ~0.35 s

            self._snowball = SnowballStemmer("english")

    def stem(self, word: str) -> str:
        """The stem of a folded word."""
        stem = self.known.get(word)
        if stem is None:
            if self._snowball is None:
                self.load()
            # Snowball leaves apostrophes inside words ("don't"); they carry no meaning for matching.
            stem = self._snowball.stem(word.replace("'", ""))
            self.known[word] = stem
        return stem

    @property
    def loaded_nltk(self) -> bool:
        """Whether this stemmer had to import nltk (used by tests and the benchmark)."""
        return self._snowball is not None


def terms(text: str, stemmer: Stemmer) -> list[str]:
    """The index terms of a text: stems of its non-stopword word forms, in order, repeats kept."""
    stop = stopwords()
    out = []
    for tok in tokenize(text):
        for form in word_forms(tok.word):
            if form not in stop:
                out.append(stemmer.stem(form))
    return out
