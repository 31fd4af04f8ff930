"""Query understanding: from a question to weighted stems, with spelling fixes and lexicon expansions.

The asker's own words weigh 1; words the lexicon adds weigh less (the entry's weight). A word the index has
never seen is corrected to a close vocabulary word when the match is good, otherwise it is kept aside as an
unknown word: it still counts against an answer when abstaining (see search.py).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from mnqa.analysis import (NUMBER_WORDS, SPELT_NUMBERS, Stemmer, fold, generic_words, is_generic, said, shorthand,
                           sound_key, spelt_number, stopwords, strip_controls, tokenize, treatment_words, unstretched,
                           verb_base, word_forms, zipf)
from mnqa.lexicon import CompiledLexicon

MAX_QUESTION_CHARS = 500  # longer questions are cut (with a notice); no real question is longer
MAX_WORD_CHARS = 40  # longer "words" are noise (hashes, URLs, keyboard mashing), never corrected
SOUNDED_LETTERS = 6  # a misspelling this long may be corrected by its sound as well as by its letters
ZIPF_WORD = 3.0  # as common in English as this (Zipf scale), a word is a real word, not a misspelling
SUBSTITUTE_WEIGHT = 0.9  # expansions of a word the documents never use stand in for it almost fully
COMPARATIVE_WEIGHT = 0.8  # the documents' comparative of a quality asked plainly ("thin": "thinner")
# Another treatment told of, not asked about ("IPL made it worse"), and who said or prescribed a thing ("my GP
# put me on"), count half in ranking.
HISTORY_WEIGHT = 0.5


@dataclass
class Group:
    """One thing asked about: a word of the asker's with the stems that can stand for it, or a lexicon phrase.

    A passage scores for a group by its best-matching member (plus a little for the others), so a word with many
    expansions cannot outvote a word with none.
    """

    word: str  # as typed (folded), or as corrected; for a phrase group, the phrase
    stem: str | None  # None when the word is unknown to the index and to the lexicon, or for a phrase group
    expansions: dict[str, float] = field(default_factory=dict)  # stem -> weight
    phrase: bool = False  # an expansion group triggered by a phrase of stopwords only ("how long", "what is")
    alternative_to: str | None = None  # in "sterile or reused", the word "reused" is the alternative to "sterile"
    # "long" in "how long": matched by what the frame stands for, never by "longer needles"; so is a word of a
    # client's name for the treatment ("prick" in "the pin prick facial"), by the treatment
    frame: bool = False
    frame_scale: float = 1.0  # how much the frame's stems count in ranking
    generic: bool = False  # a common word that says little about what is asked (analysis.is_generic)
    # said only after the question, as context ("are the needles sterile? I'm a germaphobe"), as a likeness or in
    # brackets ("I bruise like a peach", "keloids (ear piercing disaster)"), or as a cause or a speaker ("keloids
    # from piercings", "my GP says")
    aside: bool = False
    told_after: bool = False  # the first of these: context whatever the word, where a bracket may name the topic
    history: bool = False  # another treatment told of in a sentence that asks nothing (history_words)
    speaker: bool = False  # who said a thing, told whatever the word ("my GP says", "the therapist mentioned")

    def members(self) -> dict[str, float]:
        """Every stem that matches this group, with its weight (the group's own word at 1.0, unless a frame)."""
        if self.frame:  # the frame only orders passages about the topic, never outvotes it
            return {stem: weight * self.frame_scale for stem, weight in self.expansions.items()}
        out = dict(self.expansions)
        if self.stem is not None:
            out[self.stem] = 1.0
        if self.history or self.speaker:
            return {stem: weight * HISTORY_WEIGHT for stem, weight in out.items()}
        return out


@dataclass
class Query:
    """A question analysed: the stems to search with their weights, and what to tell the user about it."""

    text: str  # the question as asked (cut to MAX_QUESTION_CHARS), a letter's greeting and sign-off included
    groups: list[Group]
    weights: dict[str, float]  # stem -> weight, the asker's own at 1.0
    expansions: list[str]  # lexicon phrases added, for display
    corrections: dict[str, str]
    unknown: list[str]  # words neither in the documents nor in the lexicon, and not correctable
    truncated: bool = False
    expects: str | None = None  # the amount asked for, if any: "money", "percent", a time unit's stem (expected_amount)
    clinic: bool = False  # asked about this clinic itself (see about_clinic)
    phrases: tuple[tuple[str, ...], ...] = ()  # the stems of each expansion of several words ("treating sun damage")

    @property
    def terms(self) -> list[str]:
        """The asker's searched words (after correction), in order, once each."""
        return list(dict.fromkeys(g.word for g in self.groups if g.stem is not None))

    @property
    def searchable(self) -> list[Group]:
        """The groups that can match a passage."""
        return [g for g in self.groups if g.stem is not None or g.expansions]


class Vocabulary:
    """What the analyser needs to know about the index: known stems, word forms for spelling, frequencies."""

    def __init__(self, stems: set[str], surfaces: dict[str, int], lexicon_stems: set[str],
                 everywhere: set[str] | None = None, comparatives: dict[str, tuple[str, ...]] | None = None) -> None:
        self.stems = stems
        self.comparatives = comparatives or {}  # adjective -> the documents' comparatives of it (index.py)
        self.everywhere = everywhere or set()  # stems in more than half the passages: what the documents are about
        self.lexicon_stems = lexicon_stems
        self.surfaces = surfaces
        self._by_start: dict[tuple[str, int], list[tuple[str, frozenset[str]]]] | None = None
        self._by_sound: dict[str, dict[str, list[str]]] = {}  # first letter -> sound key -> words
        self.corrections: dict[str, str | None] = {}  # memo: misspelt word -> correction (bounded below)

    def knows(self, stem: str) -> bool:
        """Whether a stem means something here: it occurs in the documents or in the lexicon."""
        return stem in self.stems or stem in self.lexicon_stems

    def sounding(self, word: str) -> list[str]:
        """Long topic words of the documents or the lexicon that start with the letter of `word` and sound like it
        (the same `sound_key`)."""
        # Keyed by first letter and filled one letter at a time: a misspelt word pays for its own letter only.
        by_sound = self._by_sound.get(word[0])
        if by_sound is None:
            by_sound = self._by_sound[word[0]] = {}
            common = stopwords() | generic_words()
            for w in self.surfaces:
                if w[:1] == word[0] and w.isalpha() and len(w) >= SOUNDED_LETTERS and w not in common:
                    by_sound.setdefault(sound_key(w), []).append(w)
        return by_sound.get(sound_key(word), [])

    def candidates(self, word: str, distance: int) -> list[tuple[str, frozenset[str]]]:
        """Known word forms that could be `word` misspelt (same first letter, similar length), with their letters."""
        if self._by_start is None:
            self._by_start = {}
            # Stopwords and common words are candidates too: "acutally" is "actually", not a topic word.
            for w in [*self.surfaces, *sorted(stopwords() | generic_words())]:
                if w.isalpha():
                    self._by_start.setdefault((w[0], len(w)), []).append((w, frozenset(w)))
        # Kept by first letter and length, so a word looks only at its few neighbours, not the whole vocabulary.
        return [c for n in range(len(word) - distance, len(word) + distance + 1)
                for c in self._by_start.get((word[0], n), ())]


def allowed_distance(word: str) -> int:
    """How many edits a correction may make: none for short words (too many real neighbours), then 1, then 2.

    A three- or four-letter word that is not English at all ("hlep", "bak") may still be a slip of one letter.
    """
    if len(word) < 5:
        return 1 if len(word) >= 3 and zipf(word) == 0.0 and not _VOWELS.isdisjoint(word) else 0
    return 1 if len(word) < 9 else 2


def correct(word: str, vocab: Vocabulary, stemmer: Stemmer) -> str | None:
    """A close known word for a misspelt one, or None when no match is good enough (memoised per vocabulary)."""
    if word not in vocab.corrections:
        if len(vocab.corrections) >= 100_000:  # a long batch of gibberish must not grow memory without end
            vocab.corrections.clear()
        vocab.corrections[word] = _closest(word, vocab, stemmer)
    return vocab.corrections[word]


# Suffixes that make a noun or adjective of a word, which the Snowball stemmer leaves apart ("react", "reaction").
_DERIVATIONS = ("ion", "ation", "ment", "ness", "ity", "al", "ive")


def derived(word: str, vocab: Vocabulary, stemmer: Stemmer) -> str | None:
    """A known word made from an unknown one by a derivational suffix ("react" -> "reaction"), or None."""
    for suffix in _DERIVATIONS:
        # A final "e" gives way only to a suffix that starts with a vowel ("irritate", "irritation"; "fine",
        # "fineness").
        bases = (word, word[:-1]) if word.endswith("e") and suffix[0] in "aeiou" else (word,)
        for base in bases:
            # an English word first (a table lookup), and only then its stem: most made-up nouns are no word at all
            if zipf(base + suffix) > 0.0 and vocab.knows(stemmer.stem(base + suffix)):
                return base + suffix
    # A verb's inflected form ("reacted", "reacting") through its stem, when both the stem and the noun made from
    # it are English words ("react", "reaction").
    stem = stemmer.stem(word)
    if word.endswith(("ed", "ing")) and len(stem) >= 4 and zipf(stem) >= ZIPF_WORD:
        for suffix in _DERIVATIONS:
            noun = stem + suffix
            if zipf(noun) >= ZIPF_WORD and vocab.knows(stemmer.stem(noun)):
                return noun
    return None


def _closest(word: str, vocab: Vocabulary, stemmer: Stemmer) -> str | None:
    real = zipf(word) >= ZIPF_WORD
    # Only an English word has a noun made from it ("react", "reaction"); a slip of the keyboard is left to the
    # spelling below, which saves stemming seven made-up words per typo.
    if real and word.isalpha() and 4 <= len(word) <= MAX_WORD_CHARS:
        link = derived(word, vocab, stemmer)
        if link:
            return link
        # An irregular verb form the stemmer cannot reach ("shrunk", "bled") is searched as the verb.
        link = verb_base(word) if not is_generic(word) else None
        if link and vocab.knows(stemmer.stem(link)):
            return link
    limit = allowed_distance(word)
    if not limit or not word.isalpha() or len(word) > MAX_WORD_CHARS or word in generic_words():
        return None
    from nltk.metrics.distance import edit_distance  # lazy: only misspelt words pay for nltk

    best: tuple[int, bool, int, str] | None = None
    letters = frozenset(word)
    for cand, cand_letters in vocab.candidates(word, limit):
        # Each edit changes at most two letters of the letter set: a cheap test before the real distance.
        if cand == word or len(letters ^ cand_letters) > 2 * limit:
            continue
        # The tests that need no distance come first: the distance is the slow part.
        if len(word) < 5 and not (sorted(word) == sorted(cand) and len(word) == 4 or _dropped_letter(word, cand)
                                  or len(word) == 4 and _vowel_changed(word, cand)):
            # short words: only letters swapped or one dropped ("hlep", "aftr", "bak"), or a vowel heard otherwise
            # ("werk"); never a consonant changed ("zxcv")
            continue
        if real and not (_inflected(word, cand) or _spelt_otherwise(word, cand)):
            continue  # "heart" is not "heat" misspelt: a real word is only another form of itself ("plans")
        # One edit is told in a single pass; nltk's table is needed only for a long word's two.
        d = (1 if _one_edit(word, cand) else 2) if limit == 1 else edit_distance(word, cand, transpositions=True)
        if d == 1 and len(word) == len(cand) and len(word) < 8 and not _plausible_swap(word, cand):
            continue  # "mouth" is not a typo of "month": short words need a likely slip of the finger or ear
        if d <= limit and (vocab.knows(stemmer.stem(cand)) or cand in stopwords() or cand in generic_words()):
            # At one distance, a doubled consonant typed once (or once too often) is the likeliest slip: "realy"
            # is "really", not "real".
            key = (d, not _doubling(word, cand), -vocab.surfaces.get(cand, 0), cand)
            if best is None or key < best:
                best = key
    if best is None and not real and len(word) >= SOUNDED_LETTERS:
        # Spelt as it is said ("infecshun", "consultashun", "damidge"): a long topic word that sounds the same,
        # starts with the same letter and is not too far off. Short words sound like too many others.
        for cand in vocab.sounding(word):
            if cand != word and vocab.knows(stemmer.stem(cand)):
                d = edit_distance(word, cand, transpositions=True)
                key = (d, False, -vocab.surfaces.get(cand, 0), cand)
                if d <= (len(word) - 1) // 2 and (best is None or key < best):
                    best = key
    if best is None and not real and len(word) >= 4:
        # A sound written as heard where English spells it otherwise: the word spelt so, or a known word one slip
        # from that spelling.
        for alt in _respelt(word):
            fixed = alt if vocab.knows(stemmer.stem(alt)) else correct(alt, vocab, stemmer)
            if fixed:
                return fixed
    return best[-1] if best else None


def _respelt(word: str) -> list[str]:
    """Other spellings of `word` with a sound written the usual way: "ch" for the hard "k" of words from Greek
    ("kemo", "keemo"), a final "a" for the "er" of an accent that drops its r's ("melasmer", "eczemer")."""
    alts = []
    if word[0] == "k":
        alts.append("ch" + word[1:])
    if word.endswith("er"):
        alts.append(word[:-2] + "a")
    return alts


# Words of a comparison ("which is better, laser or microneedling"), where both sides of an "or" are asked about.
_COMPARING = {"better", "best", "worse", "cheaper", "safer", "vs", "versus", "compare", "compared", "comparison",
              "difference", "different", "between", "than", "which"}

# A question put to the clinic itself ("do you offer payment plans", "which of your girls does it"): general
# articles cannot say what this clinic offers, so it counts against an answer (search.CLINIC_WEIGHT).
# Every alternative starts at a word's edge, and the one \b before them all lets the search pass over the places
# inside words at once: every question is matched, and this is about seven times faster than a \b per alternative.
_CLINIC_RE = re.compile(
    r"\b(?:(?:your|ur|our|this) (?:clinic|salon|spa|practice|office|place|girls|staff|team|practitioners?|nurses?|"
    r"therapists?|aestheticians?|estheticians?|doctors?|price list|prices?|menu|policy|policies|hours|address|"
    r"location|cancel+ation|deposit)\b"
    r"|(?:are|r) (?:you|u) open\b|what time do (?:you|u)\b|where are (?:you|u)\b"
    # when the clinic opens and closes ("what time we close on sat", "opening hours", "closing time")
    r"|what time (?:do |does |are )?(?:you|u|we|they) (?:open|close|shut)|(?:opening|closing) (?:hours|times?)\b"
    # who, of the clinic's people, does the treatments ("the person doing my treatment", "working on thursday")
    r"|the (?:person|one|lady|girl|guy|nurse|doctor|therapist|practitioner) (?:doing|who(?:'d|'ll| would| will)? "
    r"(?:be )?do(?:es|ing)?)\b|(?:treatments?|microneedling|it) here\b"
    # the same one of them as last time, or each time
    r"|same (?:nurse|person|girl|lady|therapist|practitioner|doctor|a?esthetician) (?:as|treating|doing|every|each)\b"
    r"|working (?:on |this |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b"
    # staff asking about their own clinic's policy ("do we charge", "can we take deposits"), but not how or why they
    # do something ("how do we keep infection risk down" asks about the treatment)
    r"|(?<!how )(?<!why )(?:do|can|will|would|should) we (?:charge|offer|sell|stock|take|accept|allow|refund|"
    r"provide|keep|have(?! to\b))\b"
    # (at the start of a sentence: "... be? do you do a deal if I book 3")
    r"|(?:^|(?<=[.?!] ))(?:(?:hi|hey|hello)\W+)?(?:do|does) (?:you|u|ya|y'all)(?: guys)? "
    r"(?:offer|sell|stock|take|accept|provide|open|do(?! it\b)|have(?! to\b))\b"
    # which make of device or product, which the clinic chooses and general articles never name
    r"|(?:which|what) (?:make|brand|model)\b|brands?\b(?![\s-]new)"
    # the best device to buy or to be treated with: a product chosen, which general articles never name
    r"|best (?:\w+ )?(?:pens?|machines?|devices?|rollers?|kits?|models?)\b|on the market\b"
    # which of the skincare products is the better one ("which vit c serum is best for after")
    r"|(?:which|what) (?:\w+ ){0,3}(?:serums?|creams?|moisturi[sz]ers?|products?) (?:is |are |would be |works? )?"
    r"(?:better|best)\b"
    # and which of another treatment's kinds ("which laser is actually best for acne scars")
    r"|(?:which|what) (?:\w+ )?(?:lasers?|peels?|fillers?) (?:is |are |would be |works? )?(?:\w+ )?(?:better|best)\b"
    # what becomes of a deposit; money back, discounts and vouchers, which each clinic decides
    r"|(?:my|a|the) deposit\b|money back\b|refund(?:s|ed|able)?\b|discounts?\b|vouchers?\b"
    r"|packages? (?:deals?|prices?|pricing|offers?|rates?)\b"
    r"|(?:any|first[- ]timer?s?|special|bundle) (?:deals?|offers?)\b"
    r"|gift cards?\b"
    # how soon the clinic can fit someone in, and on which days, with whom
    r"|wait(?:ing)?[ -]?lists?\b"
    # at what times of day or week it sees clients ("do they do evening or weekend appointments")
    r"|(?:evening|weekend|late|saturday|sunday|lunchtime) (?:or (?:evening|weekend|late|saturday|sunday) )?"
    r"(?:appointments?|appts?|slots?|openings?|hours)\b|open (?:late|on (?:the )?weekends?|at (?:the )?weekends?|"
    r"evenings)\b"
    r"|(?:free|available|availability|slots?|spaces?|appointments|open)(?: on)?(?: a| this| next)? "
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b"
    r"|(?:appointments?|appts?|slots?) (?:available|free)\b"
    r"|(?:dr|doctor|nurse) [a-z]+ (?:free|available|doing|working|still)\b|who(?:'s| is|s) doing\b"
    r"|which (?:of (?:your|the) )?(?:therapist|practitioner|nurse|doctor|a?esthetician|girl|lady|person)s? "
    r"(?:does|do|is|will|would|can)\b"
    # whom the clinic has: a woman or a man to do it, and what they would recommend to this client
    r"|(?:female|male|woman|lady|man) (?:doctor|practitioner|nurse|therapist|a?esthetician|clinician)\b"
    r"|(?:doctor|practitioner|nurse|therapist) (?:is|be|to be) (?:a )?(?:woman|man|female|male|lady)\b"
    r"|(?:you|u)(?:'d| would| do| could| can)? recommend\b"
    # which device it keeps and which products it buys, and moving a booking
    r"|(?:which|what) (?:\w+ )?(?:pen|machine|device|brand|make|model)s? (?:do|does|will|would|did) "
    r"(?:you|u|we|they|she|he) use\b|products? (?:you|u) use\b"
    # how to reach it out of hours, and a note for an employer, which a GP decides
    r"|out[- ]of[- ]hours\b|(?:phone|contact|emergency) (?:number|line)\b|(?:sick|fit|doctor'?s) note\b"
    # what a client brings to the visit and the forms filled in there ("can I bring my own numbing cream")
    r"|bring (?:my|her|his|our|your) own\b|bring (?:anything|something|stuff|id|anyone|someone)\b"
    r"|(?:what|anything|something) (?:do |should |to )?(?:i |we |you )?(?:should |need to |have to )?bring\b"
    r"|fill (?:in|out) (?:\w+ ){0,3}forms?\b|forms? to fill\b|paperwork\b"
    # its pictures of its own clients ("can I see before and after photos", "the after pic on your page")
    r"|before (?:and|&|n|'n') after (?:photos?|pictures?|pics?|shots?|images?)\b"
    r"|(?:the|your|ur|an?) (?:before|after) (?:photos?|pictures?|pics?|shots?)\b"
    r"|(?:move|change|reschedule|rebook|swap) (?:my|her|his|our) (?:next |follow[- ]?up )?(?:appointment|appt|booking|"
    r"follow[- ]?up|session|slot)\b"
    # the name of what was used on them, to buy it
    r"|name of (?:the|that|this|your|ur) (?:\w+ )?(?:serum|cream|gel|product|mask|balm|lotion|device|pen|machine)s?\b"
    # where to buy a device or its parts, and how long one lasts: what shops and makers say, not the articles
    r"|where (?:do|can|could|should|would) (?:i|we|you|u) (?:buy|order|purchase|get (?!it\b|this\b|that\b|"
    r"microneedling\b|treated\b|done\b))|replacement (?:heads?|cartridges?|needles?|parts?)\b"
    r"|replace (?:my|the|a|her|his) (?:roller|pen|head|cartridge|dermaroller|dermapen)s?\b|sellers?\b"
    # doing two things at one visit, which each practitioner decides ("botox on the same day", "my face and my hips
    # in the same appointment")
    r"|(?:in|at|on|during) the same (?:day|appointment|appt|session|visit|sitting)\b"
    # what to wear to it, which the articles never mention
    r"|what (?:should|do|can|to|would) (?:i |we |she |he |they |you |u )?wear\b(?! (?:make ?up|sunscreen|spf))"
    r"|(?:clothes|clothing|outfits?)\b"
    # getting there and getting in: parking, steps, home visits
    r"|park(?:ing)?\b|step[- ]free\b|wheelchairs?\b|ground floor\b|stairs\b|home visits?\b"
    r"|(?:come|visit|travel) to (?:my|her|his|our|their|the) (?:\w+'s )?(?:house|home|flat)\b"
    # who may come along: someone in the room, holding a hand, brought with them
    r"|(?:come|sit|stay|wait|be)(?: in| into| along| back)?(?: the (?:treatment )?room)? "
    r"with (?:me|her|him|them|us)\b"
    r"|(?:come|sit|stay|wait|be) (?:in|into) the (?:treatment )?room\b"
    r"|hold(?:ing)? (?:my|her|his|their) hand\b|accompany\b"
    r"|(?:come|sit|stay|be) in (?:and|to) watch\b|watch (?:me|her|him|them) (?:have|having|get|getting)\b"
    r"|bring (?:someone|somebody|a friend|my (?:dog|friend|partner|husband|wife|mum|mom|daughter|son|carer|kids?|"
    r"child|children|baby|toddler|little one|\d+[ -]?(?:year[ -]old|yo)))\b"
    # how the clinic lets clients pay, and what it gives free: spreading the cost, paying monthly, a free consultation
    r"|spread(?:ing)? (?:the|out the) (?:cost|payments?|price)\b|monthly payments?\b|pay(?:ing)? monthly\b"
    r"|pay(?:ment)? plans?\b|in instal+ments\b|finance options?\b|pay later\b|(?:klarna|clearpay|afterpay)\b"
    r"|free (?:consultations?|consults?|patch tests?|trials?)\b|free of charge\b"
    r"|(?:consultations?|consults?) (?:is |are |be )?(?:free|chargeable|charged)\b"
    # what only the law, an insurer or a training body can say: articles on the treatment never do
    r"|(?:il)?legal(?:ly)?\b|(?:un)?lawful\b|(?<!in-)(?<!in )laws?\b|regulat(?:ed|ion|ions|or|ors|ory)\b"
    r"|(?:registered|certified) (?:with|by)\b"
    r"|(?:un)?licen[cs](?:e|es|ed|ing)\b|insur(?:ance|ence|ed|er|ers)\b|su(?:e|ed|ing)\b|lawyers?\b"
    r"|(?:submit|make|file|lodge|put in) (?:a )?claim\b|under (?:such a|my|the|this|a|your) policy\b"
    r"|solicitors?\b|compensation\b|accredit(?:ed|ation)\b|pass mark\b|level [2-7]\b|nhs\b"
    r")"
)


_SENTENCE_RE = re.compile(r"[^.?!]+[.?!]*")
# A sentence opening with one of these asks something, even when typed without its question mark.
_ASKING = {"how", "what", "whats", "when", "where", "which", "who", "why", "is", "are", "can", "could", "do", "does",
           "did", "should", "will", "would", "am", "was", "were", "has", "have", "any"}
_JOINING = {"also", "and", "plus", "oh", "btw", "ps", "but", "so", "ok", "okay", "then", "lastly", "finally", "anyway"}


def _asks(sentence: str, words: list[str] | None = None) -> bool:
    """Whether a sentence asks something: it ends with a question mark or opens with an asking word (`words`, the
    sentence's words when the caller has them already)."""
    if sentence.rstrip().endswith("?"):
        return True
    if words is None:
        words = [t.word for t in tokenize(sentence)]
    # "also what's the downtime like": a second question often opens with a word that only joins it to the first
    opening = next((w for w in words if w not in _JOINING), None)
    return opening in _ASKING


def _sentences(text: str) -> tuple[list[str], list[list[str]], list[bool]]:
    """A text's sentences as written, their words, and whether each asks something."""
    raw = _SENTENCE_RE.findall(text)
    words = [[t.word for t in tokenize(s)] for s in raw]
    return raw, words, [_asks(s, w) for s, w in zip(raw, words)]


def aside_words(text: str) -> set[str]:
    """Words said only after the first question, in sentences that ask nothing: why the asker asks, not what.

    "Is microneedling safe? My partner thinks it sounds dodgy": "dodgy" is an aside. Words before the question
    are not ("I use retinol every night. When should I stop?" asks about retinol).
    """
    mark = text.find("?")
    if mark < 0 or not any(c.isalnum() for c in text[mark + 1 :]):  # nothing said after a question
        return set()
    raw, sentences, asks = _sentences(text)
    first = next((i for i, s in enumerate(raw) if s.rstrip().endswith("?")), None)
    if first is None:
        return set()
    asked = {w for i, words in enumerate(sentences) if i <= first or asks[i] for w in words}
    return {w for words in sentences[first + 1 :] for w in words} - asked


# A question that sets microneedling against something told before compares with it ("is it more painful than
# that?", "can microneedling do this too?"): then the other treatment is what is asked about. A bare "too" only
# adds: "I bruise with filler. Does needling leave bruises too?" asks about needling.
_SET_AGAINST = _COMPARING | {"differ", "similar", "that", "also"}
_THIS_TOO = {"this", "too"}


# A clause told before one that asks, in the same sentence: "I get botox for my forehead - would needling help ..."
_CLAUSE_RE = re.compile(r"(?:,?\s+but|\s+[-–—]|,)\s+(?=(?:(?:" + "|".join(sorted(_JOINING)) + r")\s+)?(?:"
                        + "|".join(sorted(_ASKING)) + r")\b)", re.I)


def told_of_treatment(text: str) -> set[str]:
    """Words said only in sentences that ask nothing and name another treatment, when the question does not
    compare with it: what the asker has had or heard of, not what is asked.

    "I have melasma and IPL honestly made it worse. Can microneedling help melasma?" asks about melasma, not IPL;
    "IPL felt like rubber bands. Is microneedling more painful than that?" compares with it.
    """
    _, sentences, asks = _sentences(text)
    # Not "X vs microneedling, is ...", which compares, nor "I had filler 2 weeks ago, is it ok now", which asks how
    # long after it.
    said_words = {w for words in sentences for w in words}
    clauses = _CLAUSE_RE.sub(". ", text)
    if clauses != text and not _COMPARING.intersection(said_words) and "ago" not in said_words:
        _, sentences, asks = _sentences(clauses)
    asked = {w for words, a in zip(sentences, asks) if a for w in words}
    # A question of stopwords only ("Are they?", "Is it?") asks about what was told.
    if not asked - stopwords() or asked & _SET_AGAINST or _THIS_TOO <= asked:
        return set()
    treatments = treatment_words()
    return {w for words, a in zip(sentences, asks) if not a and treatments.intersection(words) for w in words} - asked


def history_words(text: str) -> set[str]:
    """The other treatments of told_of_treatment: "ipl" in "IPL made my melasma worse. Can it help melasma?"."""
    return told_of_treatment(text) & treatment_words()


# Words by which a question turns back to what was told ("is that ok", "should I wait", "can I yet"): then what
# was told is what is asked about.
_TURNING_BACK = {"it", "that", "this", "them", "those", "they", "wait", "yet"}


# "would like a", "I'd like a": a wish ("I'd like a quote"), not a likeness.
_WISHING = {"would", "d", "id", "wd", "i", "we", "you", "they", "she", "he", "also", "really"}


_BRACKETED_RE = re.compile(r"\(([^()]*)\)")


def bracketed_words(text: str) -> set[str]:
    """Words said only in brackets: an aside by the asker's own marking ("i form keloids (ear piercing disaster)")."""
    inside = {t.word for inner in _BRACKETED_RE.findall(text) for t in tokenize(inner)}
    return inside - {t.word for t in tokenize(_BRACKETED_RE.sub(" ", text))} if inside else set()


# How a look or feel is likened: "red as a tomato", "smooth as a baby's bottom".
_LIKENED = {"red", "pink", "raw", "sore", "swollen", "puffy", "bright", "smooth", "soft", "white", "pale", "tight",
            "rough", "dry", "blotchy", "spotty"}


def simile_words(words: list[str]) -> set[str]:
    """The thing a likeness is drawn with: "peach" in "I bruise like a peach", "tomato" in "red like a tomato".
    It says how, not what, and is never what the documents are asked about."""
    out = set()
    for i in range(1, len(words) - 2):
        if words[i] == "like" and words[i + 1] in ("a", "an") and words[i - 1] not in _WISHING:
            out.add(words[i + 2])
        # "red as a tomato": a look or feel likened; "safe as a diabetic" is not one of these
        if words[i] == "as" and words[i + 1] in ("a", "an") and words[i - 1] in _LIKENED:
            out.add(words[i + 2])
    return out


# Marks left on the skin: what follows "from" after one of them is how it came about ("a scar from a chip pan")
_MARKS = {"scar", "scars", "scarring", "scarred", "mark", "marks", "burn", "burns", "patch", "patches", "spot",
          "spots", "pigmentation", "lines", "keloid", "keloids", "dent", "dents", "holes", "pitting", "damage",
          "melasma", "hyperpigmentation", "discolouration", "discoloration"}
# Before a noun: "from a chip pan", "after my appointment"
_DETERMINERS = {"my", "the", "her", "his", "their", "our", "your", "ur", "an", "a", "each", "every", "this", "next"}
_ORIGINS = {"from", "after", "since"}  # "stretch marks after pregnancy", "melasma since my pregnancy"


# Verbs that report what someone or something said: "the clinic menu says", "my hairdresser called it"
_REPORTING = {"says", "said", "claims", "claimed", "lists", "listed", "calls", "called", "promises", "promised",
              "reckons", "advertises", "advertised", "mentions", "mentioned", "recommends", "recommended",
              # what a clinic or shop offers is put on its menu, like a claim: "my clinic offers X and Y"
              "offers", "offered", "offering", "sells", "selling",
              # who prescribes a medicine names where it came from: "my derm prescribed", "my GP put me on"
              "prescribed", "prescribes"}
# Putting someone on a medicine: "has me on", "started her on".
_PUTTING_ON = {"has", "had", "put", "puts", "started", "starts", "got", "gets"}
_PATIENTS = {"me", "her", "him", "them", "us"}


# Places in a crowd ("every clinic", "all the salons") are everyone offering it, not what is asked.
_CROWD = {"every", "all", "most", "many"}
_PLACES = {"clinic", "clinics", "salon", "salons", "place", "places", "spa", "spas"}


def speaker_words(words: list[str]) -> set[str]:
    """Who or what said, offers or prescribed a thing: "clinic" and "menu" in "the clinic menu says 'CIT'",
    "hairdresser" in "my hairdresser called it collagen induction", "clinic" in "why is every clinic pushing this",
    "gp" in "my GP put me on tablets". They tell where a claim or a medicine came from, not what is asked."""
    out: set[str] = set()
    stop = stopwords()
    for i, word in enumerate(words):
        if word in _PLACES and _CROWD.intersection(words[max(0, i - 2) : i]):
            out.add(word)
        # "small claims for burns" is a court, not a claim made
        putting_on = word in _PUTTING_ON and len(words) > i + 2 and words[i + 1] in _PATIENTS and words[i + 2] == "on"
        if putting_on or (word in _REPORTING and words[i + 1 : i + 2] != ["for"]):
            for before in reversed(words[max(0, i - 3) : i]):
                if before in stop:  # a noun's words stand side by side: "what is it called" names no one
                    break
                out.add(before)
    return out


# Jobs that are also a topic of the documents or the lexicon (who performs the treatment, a trainer's gym, a
# make-up artist's make-up): the asker's own job only when told as theirs. Jobs that never are a topic ("chef",
# "teacher") are common words (generic.txt) wherever they stand.
_ROLES = {"nurse", "nurses", "doctor", "gp", "dermatologist", "surgeon", "dentist", "pharmacist", "midwife",
          "paramedic", "physio", "physiotherapist", "therapist", "practitioner", "beautician", "aesthetician",
          "esthetician", "hairdresser", "barber", "stylist", "trainer", "pt", "instructor", "coach", "artist", "mua",
          "model", "receptionist", "crew", "attendant", "stewardess", "steward", "tattooist", "technician",
          # new staff learning the job: "new starter here - ..."
          "starter", "trainee", "newbie", "apprentice"}
# Before a job the asker says is theirs: "I'm a nurse", "I am a", "as a" opening the message or after working
# ("work as a"; not "such as a doctor")
_BEING = {"i", "im", "am"}
_WORKING = {"work", "works", "worked", "working", "job", "employed", "trained"}
_ROLE_FIRST_RE = re.compile(r"^\W*(?:(new|newly qualified|junior|senior|trainee|student)\s+(?!here\b|who\b))?"
                            r"([a-z]+)\s*(?:here\b|who\b|[-\u2013\u2014:,.(])", re.IGNORECASE)


def asker_role_words(text: str, words: list[str]) -> set[str]:
    """The asker's own job, told as who asks: "nurse" in "I'm a nurse and on warfarin, is it a problem", "As a
    mobile hairdresser ...", "PT here - when can I train clients", "Nurse who faints at blood: will I bleed?". A
    job said in any other way ("is it done by a nurse") is asked about."""
    out: set[str] = set()
    for i, word in enumerate(words):
        if word not in ("a", "an") or not i:
            continue
        before = words[i - 1]
        if before in _BEING or before == "as" and (i == 1 or words[i - 2] in _WORKING):
            for j in range(i + 1, min(i + 4, len(words))):
                if words[j] in _ROLES:
                    out.update(words[i + 1 : j + 1])
                    break
    first = _ROLE_FIRST_RE.match(text)
    if first and first.group(2).lower() in _ROLES:
        out.update((first.group(1) or "").lower().split() + [first.group(2).lower()])
    # A word said again elsewhere is asked about there ("I'm a make-up artist: when can I wear make-up?").
    return {w for w in out if words.count(w) == 1}


def origin_words(words: list[str]) -> set[str]:
    """How a mark on the skin came about: "chip" and "pan" in "a burn scar from a chip pan". They tell how the
    scar came about; the scar is what is asked about."""
    out: set[str] = set()
    for i, word in enumerate(words):
        if word in _ORIGINS and _MARKS.intersection(words[max(0, i - 7) : i]):
            rest = words[i + 1 : i + 4]
            rest = rest[1:] if rest[:1] and rest[0] in _DETERMINERS else rest[:2]
            out.update(rest[:2])
    return out


_FEELING = {"feel", "feels", "felt", "feeling"}
_SUBJECTS = {"i", "we", "you", "they", "she", "he", "my", "our"}


# What a course of sessions is a course of: a number of them, or the treatment itself.
_SESSIONS_OF = {"treatment", "treatments", "session", "sessions", "microneedling", "needling", "tx", "it", "them",
                "this", "these", "those"}


_COURSES = {"course", "courses", "round", "rounds", "cycle", "cycles"}


def other_course_at(words: list[str]) -> set[int]:
    """Where "course" is a course of something else, such as a medicine ("a course of antibiotics", "2 months into a
    course of roaccutane", "6 rounds of chemo"), not of sessions: the places of "course" and "of"."""
    return {j for i, (word, nxt) in enumerate(zip(words, words[1:-1])) if word in _COURSES and nxt == "of"
            and not (words[i + 2] in _SESSIONS_OF or words[i + 2][:1].isdigit() or words[i + 2] in NUMBER_WORDS)
            for j in (i, i + 1)}


def opinion_at(words: list[str]) -> set[int]:
    """Where "feel like" says what the asker thinks ("I feel like I look tired"), not how something feels: the
    places of "feel" and "like" when the asker feels and a new subject follows."""
    out: set[int] = set()
    for i, word in enumerate(words[:-2]):
        asker_feels = "i" in words[max(0, i - 5) : i]  # "I'm 52 and feel like", not "my face feels like"
        if word in _FEELING and words[i + 1] == "like" and words[i + 2] in _SUBJECTS and asker_feels:
            out.update((i, i + 1))
    return out


_ASKED_BE = {"am", "are", "r", "is"}


def expecting_at(words: list[str]) -> set[int]:
    """Where "looking at" asks what to expect ("how many sessions am I looking at", "what r we looking at"), not
    about looks: the place of "looking", after an asked be-verb and its subject ("am I", "r we"), with at most one
    word between ("am I realistically looking at"). ("talking" is a stopword already.)"""
    out: set[int] = set()
    for i, word in enumerate(words[:-1]):
        if word == "looking" and words[i + 1] == "at":
            for j in (i - 2, i - 3):  # the place of the be-verb
                if j >= 0 and words[j] in _ASKED_BE and words[j + 1] in _PERSONS:
                    out.add(i)
    return out


# The visit itself, named to say when something happens: "after my appointment", "before the session".
_VISITS = {"appointment", "appointments", "session", "sessions", "treatment", "treatments", "procedure", "visit",
           "needling"}
# Visits that are only ever booked, never what is done at them: "cancel my appointment", "the appt itself"
_BOOKED = {"appointment", "appointments", "visit", "visits"}
_OWNERS = {"my", "your", "ur", "her", "his", "our", "their", "the"}
_WHEN = {"after", "before", "since", "until", "till", "following", "ahead"}
# "safe while pregnant", "ok with a pacemaker": safe, and what it is safe with
_SAFE = {"safe", "ok", "okay", "fine", "alright", "safely"}
_SAFE_WITH = {"while", "with", "during", "when", "if", "on", "whilst", "for"}
_SAFE_BETWEEN = {"to", "have", "get", "do", "be", "having", "getting", "done", "it", "this", "microneedling",
                 "needling", "the", "treatment", "procedure"}


def anchor_words(words: list[str]) -> set[str]:
    """Words that frame what is asked, not name it: a visit that only says when or which ("flying 2 days after my
    appointment", "my next session") or is the one booked ("cancel my appointment"), "this treatment" for
    microneedling itself ("who shouldn't have this treatment"), "safe" before what it is safe with ("is it safe
    while pregnant"), and the "point" of "at what point" (when)."""
    out = set()
    for i, word in enumerate(words):
        if word in _VISITS:
            before = words[max(0, i - 2) : i]
            right_after_when = bool(before) and before[-1] in _WHEN  # "after appointment"
            after_when_and_my = len(before) == 2 and before[0] in _WHEN and before[1] in _DETERMINERS  # "after my"
            # "this treatment" is microneedling itself, not the lexicon's treatment count or procedure steps
            this_one = bool(before) and before[-1] == "this" and word in ("treatment", "procedure")
            # "a problem for my next appointment", "since my last visit": which visit, not what happens at one
            next_or_last = bool(before) and before[-1] in ("next", "last")
            # "cancel my appointment", "is it ok for my appointment": the visit booked, not what happens at it
            booked = bool(before) and before[-1] in _OWNERS and word in _BOOKED
            if right_after_when or after_when_and_my or this_one or next_or_last or booked:
                out.add(word)
        # "is it safe while pregnant", "safe with my pacemaker": what it is safe with is the topic, not safety
        elif word in _SAFE:
            # what comes between says only what is done: "safe to have microneedling while pregnant"
            rest = list(itertools.takewhile(lambda w: w in _SAFE_BETWEEN, words[i + 1 : i + 5]))
            at = i + 1 + len(rest)
            if at + 1 < len(words) and words[at] in _SAFE_WITH and (not rest or rest[0] == "to"):
                out.add(word)
        # "at what point does it start working" asks when, as "is there any point" does not
        elif word == "point" and i and words[i - 1] in ("what", "which"):
            out.add(word)
    return out


# Explaining something asked after it: "how do I explain why they need more than one session", "can you explain
# what the needling does". Said alone ("please explain", "explain it simply") it asks what it is. Not "describe":
# "describe the stages of a treatment" asks for the procedure it names.
_TELLING = {"explain"}
_TOLD_AFTER = {"what", "whats", "how", "why", "who", "whom", "when", "where", "which", "whether", "if", "the"}
_TOLD_TO = {"to", "it", "this", "that", "them", "her", "him", "clients", "client", "someone", "people", "patients",
            "customers", "a", "an", "new", "nervous"}


def telling_words(words: list[str]) -> set[str]:
    """"explain" followed by what is explained ("explain to clients who can't have it"): the telling, a common word
    there, not a request for what the treatment is."""
    out: set[str] = set()
    if _TELLING.isdisjoint(words):  # nearly every question
        return out
    for i, word in enumerate(words):
        if word in _TELLING:
            rest = list(itertools.dropwhile(lambda w: w in _TOLD_TO, words[i + 1 : i + 5]))
            if rest and rest[0] in _TOLD_AFTER:
                out.add(word)
    return out


# Staff finding a passage to read out point at the documents with words that elsewhere mean a price, a wrinkle or
# a place on the body: "pull the quote that ...", "the line where it says ...", "does it say anywhere that ...".
_POINTED_AT = {"that", "where", "saying", "says", "which", "about", "from"}
_SAYING = {"say", "says", "said", "mention", "mentions", "mentioned", "written", "stated", "covered"}
_WH = {"what", "whats", "how", "why", "who", "when", "whether", "if"}


def finding_words(words: list[str]) -> set[str]:
    """"quote", "line" and "anywhere" where they point at a passage, common words there."""
    out: set[str] = set()
    if {"quote", "line", "anywhere"}.isdisjoint(words):  # nearly every question
        return out
    for i, word in enumerate(words):
        after = words[i + 1 : i + 3]
        nxt = after[0] if after else ""
        if word == "quote" and (nxt in _POINTED_AT or nxt == "on" and after[1:] and after[1] in _WH):
            out.add(word)
        elif word == "line" and (nxt in ("where", "saying", "says", "about")
                                 or nxt in ("that", "which") and after[1:] and after[1] in _SAYING):
            out.add(word)  # but "a line that won't shift" is a wrinkle
        elif word == "anywhere" and (i and words[i - 1] in _SAYING or nxt == "that"):
            out.add(word)  # but "anywhere on the body" is a place
    return out


_CONSULTATIONS = {"consultation", "consultations", "consult", "consults"}


def timed_visits(words: list[str], visits: set[str] = _VISITS) -> set[str]:
    """Visits whose length is asked ("how long is the actual appointment"): how long one takes, not what happens."""
    return {word for i, word in enumerate(words) if word in visits
            and any(words[j] == "how" and words[j + 1] == "long" for j in range(max(0, i - 6), i - 1))}


def about_clinic(text: str) -> bool:
    """Whether a question asks about this clinic itself (its staff, hours, offers), or what only the law or an
    insurer can say, not about the treatment."""
    text = text.casefold()  # casefold is enough here, and far cheaper than fold
    if not _CLINIC_RE.search(text):
        return False
    # Only what is asked counts: "someone bought her a voucher, the salon said it's fine. is it though?" tells of
    # a voucher but asks whether it is safe.
    asking = [s.strip() for s in _SENTENCE_RE.findall(text) if _asks(s)]
    return any(_names_clinic(s) for s in asking) if asking else _names_clinic(text)


# What the clinic's menu or website says is quoted to ask about the treatment: "your menu lists 'CIT' - same thing?"
_QUOTING_RE = re.compile(r"\s+(?:" + "|".join(sorted(_REPORTING | {"has", "shows"})) + r")\b")


def _names_clinic(text: str) -> bool:
    """Whether a sentence names the clinic's own affairs, other than as the source of something it quotes."""
    return any(not _QUOTING_RE.match(text, m.end()) for m in _CLINIC_RE.finditer(text))


# "how long", "how soon": the adverb is the question's frame, answered by what its lexicon phrase stands for.
_FRAME_AFTER_HOW = {"long", "soon", "often", "quickly", "fast", "far"}
# "what sort of problems is it good for": the kind of thing asked for frames the question, as "long" in "how long"
# does; it is not the "persistent skin problem" that rules a client out.
_KINDS_ASKED = {"problem", "problems", "issue", "issues"}
_SORT_OF = {"sort", "sorts", "kind", "kinds", "type", "types"}


def _asks_which_kind(words: list[str], i: int) -> bool:
    """Whether words[i] is the thing after "what" or "which", with "sort of" and "skin" between or not."""
    j = i - 1
    if j >= 0 and words[j] == "skin":
        j -= 1
    if j >= 1 and words[j] == "of" and words[j - 1] in _SORT_OF:
        j -= 2
    return j >= 0 and words[j] in ("what", "which")


# In "how long does the swelling last" or "swelling, how long til it goes down", what the frame stands for (how long
# a session takes) counts half: the length asked is another thing's.
LASTING_FRAME_SCALE = 0.5
# What a visit named only to say when ("2 days after my appointment") adds to the search: a little, not the
# near-full weight of a word the documents never use. 0.1 and 0.5 measured the same or a question worse.
WHEN_WEIGHT = 0.3

_PRICE_WORDS = {"cost", "costs", "price", "prices", "pricing", "fee", "fees", "charge", "charges", "pay", "paying",
                "expensive", "dollars", "euros", "pounds", "quote"}
_PRICE_NOUNS = {"price", "prices", "pricing", "fee", "fees", "quote"}  # ask a price wherever they stand
_COST_VERBS = {"cost", "costs", "charge", "charges", "pay", "paying"}
_COST_COMPARATIVES = {"cheaper", "pricier", "dearer", "costlier"}  # not "cheapest": "the price of the cheapest one"
_FRACTIONS = {"half", "twice", "double", "triple", "quarter", "third", "fraction"}
_DOING = {"do", "does", "doing", "did", "done"}
_NAMED_VISIT = {"my", "your", "her", "his", "their", "our", "next", "the", "this", "that"}  # "my top-up"
# A currency sign with no figure after it asks for a price in that currency ("roughly how much, in £?").
_BARE_CURRENCY_RE = re.compile(r"[£$€](?!\s*\d)")
_LASTING_WORDS = {"permanent", "permanently", "permanant", "top-up", "top-ups", "topup", "topups"}
_PERMANENT_THINGS = {"makeup", "make", "make-up", "tattoo", "tattoos", "eyeliner", "filler", "fillers", "damage",
                     "scar", "scars", "scarring", "marks", "hair"}
_CURRENCIES = {"pounds", "dollars", "euros", "quid", "bucks", "gbp", "usd", "eur"}
# Time units as asked ("how many weeks") -> their Snowball stems, as the passages' words are stemmed.
_TIME_UNITS = {u + s: stem for u, stem in [("second", "second"), ("minute", "minut"), ("hour", "hour"), ("day", "day"),
               ("week", "week"), ("month", "month"), ("year", "year")] for s in ("", "s")}
# as typed in a hurry ("how many wks between sessions")
_TIME_UNITS |= {u + s: stem for u, stem in [("sec", "second"), ("min", "minut"), ("hr", "hour"), ("wk", "week"),
                ("mth", "month"), ("yr", "year")] for s in ("", "s")}
TIME_STEMS = frozenset(_TIME_UNITS.values())  # any time unit, as a passage's words are stemmed
# How often, or how far apart in time: a span between sessions ("how far apart", "4 weeks apart", "the interval")
_INTERVAL_PAIRS = {("how", "often"), ("how", "frequently"), ("far", "apart")}
_INTERVAL_WORDS = {"interval", "intervals", "spaced"}


# Units of length, as asked ("in mm", "how many millimetres"): a question naming one asks for a measurement.
_LENGTH_UNITS = {"mm", "millimetre", "millimetres", "millimeter", "millimeters", "cm", "centimetre", "centimetres",
                 "centimeter", "centimeters", "inch", "inches"}
_MEASURE_RE = re.compile(r"\d+(?:mm|cm|in)")  # a length typed as one word: "1mm", "0.5mm" (tokenized "0", "5mm")
_DEVICES = {"roller", "rollers", "pen", "pens", "needle", "needles", "stamp", "one", "ones", "head", "heads",
            "cartridge", "cartridges", "dermaroller", "dermarollers", "dermapen"}


# Ways of asking for an age ("is there a minimum age", "am I old enough"): a person's age, not skin ageing nor
# "what age spots does it fade".
_AGE_ASKED = {("minimum", "age"), ("maximum", "age"), ("min", "age"), ("max", "age"), ("age", "limit"),
              ("age", "limits"), ("age", "restriction"), ("age", "restrictions"), ("age", "requirement"),
              ("age", "requirements"), ("old", "enough"), ("how", "old"), ("what", "age"), ("which", "age"),
              ("youngest", "age"), ("too", "young"), ("young", "enough"), ("legal", "age"), ("age", "minimum"),
              ("age", "maximum")}


# A percentage asked for ("what percentage better", "how many percent", "infection rate in %"); a figure given
# ("70% alcohol", "50 per cent") asks none.
_PERCENT_WORDS = {"percentage", "percentages", "percent", "percents", "pct"}
_PERCENT_ASKED_RE = re.compile(r"\b(?:in|what|which|how many|by|as an?)\s*%")
_SPELT_FIGURES = frozenset(SPELT_NUMBERS)


def _asks_percentage(words: list[str], text: str) -> bool:
    """Whether a question asks for a percentage: a word for one said without a figure before it, or "in %"."""
    if _PERCENT_WORDS.isdisjoint(words) and "per" not in words and "%" not in text:  # nearly every question
        return False
    for before, word, after in zip(["", *words], words, [*words[1:], ""]):
        cent = word in _PERCENT_WORDS or (word == "per" and after in ("cent", "cents"))
        if cent and not (before[:1].isdigit() or before in _SPELT_FIGURES):
            return True
    return bool(_PERCENT_ASKED_RE.search(text))


# A belief put up to be checked ("..., right?", "... isn't it", "... I think?", "is that normal"): a figure it claims
# is what is asked ("the results last about a year I think?", "quoted £250 a session, that's normal isn't it").
_TAGS = {"right", "yeah", "yea", "yes", "no", "innit", "correct", "true"}
_TAG_VERBS = {f"{verb}{apostrophe}t"
              for verb in ("isn", "aren", "don", "doesn", "didn", "won", "can", "wasn", "weren", "haven", "hasn",
                           "wouldn", "shouldn", "couldn")
              for apostrophe in ("'", "")}
_TAG_PRONOUNS = {"it", "they", "i", "you", "that", "there", "we", "she", "he"}
_BELIEVING = {"think", "believe", "reckon", "guess", "assume"}
_AS_EXPECTED = {"normal", "right", "true", "correct", "standard", "typical", "usual"}


def checks_belief(words: list[str], text: str) -> bool:
    """Whether a question puts a belief up to be checked: a tag at its end ("..., right?", "... isn't it", "... I
    think?") or "is that normal", "am I right"."""
    if not words:
        return False
    last, before = words[-1], words[-2] if len(words) > 1 else ""
    if last in _TAGS or last in _TAG_PRONOUNS and before.replace("\u2019", "'") in _TAG_VERBS:
        return True
    if before == "i" and last in _BELIEVING and text.rstrip().endswith("?"):
        return True
    return any((a == "is" and b in ("that", "this") and c in _AS_EXPECTED) or (a, b, c) == ("am", "i", "right")
               for a, b, c in zip(words, words[1:], words[2:]))


_CLAIMED_MONEY_RE = re.compile(r"[$€£]\s?\d|\d\s?(?:pounds|quid|dollars|euros)\b", re.I)
_FIGURES = {"a", "an", "few", "couple", *NUMBER_WORDS}
# after these, a span of time says when the asker is ("2 days after"), not what they believe
_WHEN_SAID = {"after", "later", "ago", "since", "before", "into", "post", "out", "on", "old"}


# A choice between figures, one with a decimal point, said of needles: needle lengths ("0.25 or 0.5?")
_DECIMAL_CHOICE_RE = re.compile(r"(?:\d*\.\d+\s*(?:or|vs\.?|/)\s*\d|\d\s*(?:or|vs\.?|/)\s*\d*\.\d)")
_NEEDLES = {"needle", "needles", "roller", "rollers", "dermaroller", "dermarollers", "pen", "depth", "length"}
# Sentences, where a decimal point ends none ("0.5mm or 1mm?")
_DECIMAL_SENTENCE_RE = re.compile(r"(?:[^.?!]|(?<=\d)\.(?=\d))+[.?!]*")


def told_length(text: str) -> bool:
    """Whether a length is told before the question, in a sentence that asks nothing: "One of my moles has gotten
    a couple mm bigger this year. Safe to microneedle over it?" tells a size and asks for none. (Lengths offered
    after the question are choices: "what needle size should I buy? 0.5mm or 1mm".)"""
    told = False
    for sentence in _DECIMAL_SENTENCE_RE.findall(text):
        words = [t.word for t in tokenize(sentence)]
        measured = bool(_LENGTH_UNITS.intersection(words) or any(_MEASURE_RE.search(w) for w in words))
        if _asks(sentence, words):
            return told and not measured
        told = told or measured
    return False


def claimed_amount(words: list[str], text: str) -> str | None:
    """The amount a belief put up to be checked claims: "money", or a time unit's stem ("every 3 months or so,
    right?" -> month); None when the question checks no belief or claims no figure."""
    if not checks_belief(words, text):
        return None
    if _CLAIMED_MONEY_RE.search(text):
        return "money"
    for i, word in enumerate(words):
        before, after = words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else ""
        # "it's been 3 days and ...", "2 days after": when the asker is, not what they believe
        since = after in _WHEN_SAID or i >= 2 and words[i - 2] == "been"
        figure = before[:1].isdigit() or before in _FIGURES or before == "of" and i >= 2 and words[i - 2] == "couple"
        if word in _TIME_UNITS and figure and not since:
            return _TIME_UNITS[word]
    return None


_AGE_WORDS = {w for pair in _AGE_ASKED for w in pair} | {"underage", "under"}

# "how much is this going to hurt", "how much is it supposed to sting", "how much is there to it": no price asked
_HOW_MUCH_NOT_PRICE = {"going", "gonna", "to", "there", "supposed", "meant", "expected"}


def _asks_how_long_to_wait(text: str) -> bool:
    """Whether a sentence asks how long to wait ("how long do I have to wait after accutane?"): a span of time, which
    a passage answers only by stating one. Asked in one sentence: in "how long till results? or do I wait" the wait
    is another question."""
    _, sentences, _ = _sentences(text)
    return any(w == "how" and nxt in ("long", "soon") and "wait" in words[i + 2 :]
               for words in sentences for i, (w, nxt) in enumerate(zip(words, words[1:])))


def _after_the(words: list[str]) -> list[str]:
    """The words of the noun phrase after an "(of) the" that `words` open with: "of the clinic price" -> clinic,
    price."""
    if words[:1] == ["of"]:
        words = words[1:]
    return words[1:3] if words[:1] == ["the"] else []


# "last time", "my last session", "from last": the one before, not how long something lasts
_LAST_ONE = {"time", "times", "one", "round", "course"} | _VISITS | set(_TIME_UNITS)
_BEFORE_LAST_ONE = _NAMED_VISIT | {"from", "since", "at"}


def _lasting(words: list[str]) -> bool:
    """Whether the words say something lasts ("do the results last"), not which one came last ("last time")."""
    return any(w in ("last", "lasts", "lasting") and after not in _LAST_ONE and before not in _BEFORE_LAST_ONE
               for before, w, after in zip(["", *words], words, [*words[1:], ""]))


def expected_amount(words: list[str]) -> str | None:
    """What amount a question asks for: "money" (a price), a time unit's stem ("how many weeks"), "duration" (any
    time unit: "how long does it last"), "length" (a measurement: "how deep in mm"), "age" (a person's age: "is
    there a minimum age"), or None."""
    if _LENGTH_UNITS.intersection(words):
        return "length"
    # a length typed as one word ("1mm") starts with a figure; most questions have none
    if any(w[:1].isdigit() for w in words):
        # a length naming a device ("the 0.5mm roller I got") says which one, it asks for no length
        named = {w for w, after in zip(words, words[1:]) if after in _DEVICES}
        if any(_MEASURE_RE.fullmatch(w) for w in set(words) - named):
            return "length"
    if not _AGE_WORDS.isdisjoint(words):  # every way of asking an age has one of these words
        pairs = {(a, b) for a, b, c in zip(words, words[1:], [*words[2:], ""]) if c not in ("spot", "spots")}
        if _AGE_ASKED.intersection(pairs) or "underage" in words or any(
            w == "under" and n.rstrip("s").isdigit() and 10 <= int(n.rstrip("s")) <= 21  # "under 18", "under 18s"
            for w, n in zip(words, words[1:])
        ):
            return "age"
    for i, word in enumerate(words[:-2]):
        if word == "how" and words[i + 1] == "much":
            verb, rest = words[i + 2], words[i + 3 :]
            if _PRICE_WORDS.intersection(words[i + 2 :]):
                return "money"
            # "How much is microneedling here?" and "how much per session?" ask a price; "how much is this going to
            # hurt?" how much it hurts.
            if verb in ("is", "are", "for", "per", "each") and not _HOW_MUCH_NOT_PRICE.intersection(rest[:3]):
                return "money"
            # "How much would a package of three be?", "how much will it be if I book now"
            near = rest[:7]
            if verb in ("would", "will") and "be" in near and near[near.index("be") + 1 :][:1] in (
                [], ["if"], ["for"], ["per"], ["each"]
            ):
                return "money"
        if word == "how" and words[i + 1] == "many" and words[i + 2] in _TIME_UNITS:
            return _TIME_UNITS[words[i + 2]]
        # "How long do the results last?" asks for a span of time.
        if word == "how" and words[i + 1] == "long" and _lasting(words[i + 2 :]):
            return "duration"
        # "How long should I leave between sessions?" asks the gap between visits, which is counted in weeks, as
        # "how many weeks between sessions" does
        if word == "how" and words[i + 1] == "long" and any(
            w == "between" and not _VISITS.isdisjoint(words[j + 1 : j + 3]) for j, w in enumerate(words[i + 2 :], i + 2)
        ):
            return "week"
    if _INTERVAL_WORDS.intersection(words) or _INTERVAL_PAIRS.intersection(zip(words, words[1:])) or any(
        w in _TIME_UNITS and n in ("apart", "between") for w, n in zip(words, words[1:])
    ):
        return "duration"
    # "is it permanent", "does it last forever", "will I need top-ups": how long results last, asked another way
    # ("permanent makeup" is a thing, not a span of time)
    # A top-up that is done ("do top-ups at home") or a visit named ("come in for my top-up") is a treatment, not
    # how long results last.
    for before, word, after in zip(["", *words], words, [*words[1:], ""]):
        if before in _DOING or before in _NAMED_VISIT:
            continue
        if (word in _LASTING_WORDS and after not in _PERMANENT_THINGS) or (word == "top" and after in ("up", "ups")):
            return "duration"
    if "forever" in words and _lasting(words):
        return "duration"
    # "half the price", "twice the price" only compares one price with another
    # ("a fraction of the clinic price" too)
    compared = {w for i, word in enumerate(words) if word in _FRACTIONS for w in _after_the(words[i + 1 : i + 5])}
    # a "price list" or "price sheet" is where a name was read, not a price asked for
    listed = {w for w, after in zip(words, words[1:]) if after in ("list", "lists", "sheet")}
    # "is it cheaper than laser or about the same price" weighs one price against another and asks for neither
    weighed = bool(_COST_COMPARATIVES.intersection(words)) or any(
        a in ("more", "less", "same", "similar") and b in ("expensive", "costly", "price", "cost")
        for a, b in zip(words, words[1:]))
    if _PRICE_NOUNS.intersection(words) - compared - listed - finding_words(words) and not weighed:
        return "money"
    for i, word in enumerate(words):
        # "what would one session cost me", "what should I expect to pay" (not "what to pay attention to")
        # ("half what the clinic charges" compares one price with another and asks none)
        what_cost = (word in _COST_VERBS and words[i + 1 : i + 2] != ["attention"]
                     and any(words[j] == "what" and (j == 0 or words[j - 1] not in _FRACTIONS)
                             for j in range(max(0, i - 5), i)))
        in_currency = word == "in" and i + 1 < len(words) and words[i + 1] in _CURRENCIES  # "roughly, in pounds"
        if what_cost or in_currency:
            return "money"
    return None


_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {ch: (r, c) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}
_VOWELS = frozenset("aeiouy")
_SOUND_ALIKE = [_VOWELS, set("sczx"), set("ck"), set("mn"), set("bp"), set("dt"), set("gj"), set("fv")]


_ENDINGS = ("s", "es", "d", "ed", "r", "er", "st", "est", "n", "en", "ing", "y", "ly")


def _inflected(word: str, cand: str) -> bool:
    """Whether one word is the other with an ending added ("plan", "plans"; "safe", "safer"; not "hear", "heart")."""
    short, long = sorted((word, cand), key=len)
    return long.startswith(short) and long[len(short) :] in _ENDINGS


def _one_edit(word: str, cand: str) -> bool:
    """Whether two different words are one letter added, dropped or changed, or two neighbours swapped, apart: an
    edit distance of 1 (with transpositions)."""
    if abs(len(word) - len(cand)) > 1:
        return False
    i = 0
    while i < len(word) and i < len(cand) and word[i] == cand[i]:
        i += 1
    if len(word) == len(cand):
        return (word[i + 1 :] == cand[i + 1 :] or  # one changed
                word[i + 1 : i + 2] == cand[i : i + 1] and word[i : i + 1] == cand[i + 1 : i + 2]
                and word[i + 2 :] == cand[i + 2 :])  # two swapped
    longer, shorter = (word, cand) if len(word) > len(cand) else (cand, word)
    return longer[i + 1 :] == shorter[i:]


def _dropped_letter(word: str, cand: str) -> bool:
    """Whether `word` is `cand` with one letter left out ("aftr", "after")."""
    return len(cand) == len(word) + 1 and any(cand[:i] + cand[i + 1 :] == word for i in range(len(cand)))


def _changed_letters(word: str, cand: str) -> set[str]:
    """The two letters of the one place where two words of one length differ; empty unless there is one such place."""
    differ = [{x, y} for x, y in zip(word, cand) if x != y]
    return differ[0] if len(word) == len(cand) and len(differ) == 1 else set()


def _vowel_changed(word: str, cand: str) -> bool:
    """Whether two words of one length differ only in one vowel ("werk", "work")."""
    changed = _changed_letters(word, cand)
    return bool(changed) and changed <= _VOWELS


def _doubling(word: str, cand: str) -> bool:
    """Whether two words differ only by one letter of a doubled consonant ("realy", "really"; "serrums", "serums").

    A doubled vowel is another sound ("crepy" is "crepey", not "creepy")."""
    if abs(len(word) - len(cand)) != 1:
        return False
    longer, shorter = (word, cand) if len(word) > len(cand) else (cand, word)
    i = next((i for i, (x, y) in enumerate(zip(longer, shorter)) if x != y), len(shorter))
    # The extra letter is at i; were it one of a pair, the first difference is found at the pair's second letter.
    return (i > 0 and longer[i] == longer[i - 1] and longer[i] not in _VOWELS
            and longer[:i] + longer[i + 1 :] == shorter)


def _spelt_otherwise(word: str, cand: str) -> bool:
    """Whether two real words are one spelt the British and the American way ("minimise", "minimize")."""
    return _changed_letters(word, cand) == {"s", "z"}


def _plausible_swap(word: str, cand: str) -> bool:
    """Whether the one edit is a likely slip: two letters typed in the wrong order, or one letter replaced by a
    neighbouring key or a sound-alike letter."""
    i = next(i for i, (x, y) in enumerate(zip(word, cand)) if x != y)
    if word[i : i + 2] == cand[i : i + 2][::-1] and word[i + 2 :] == cand[i + 2 :]:
        return True
    a, b = word[i], cand[i]
    if any(a in group and b in group for group in _SOUND_ALIKE):
        return True
    if a in _KEY_AT and b in _KEY_AT:
        (r1, c1), (r2, c2) = _KEY_AT[a], _KEY_AT[b]
        return abs(r1 - r2) <= 1 and abs(c1 - c2) <= 1
    return False


# "type 2 diabetic", "type 1 diabetes": the number that names the kind of a condition.
_TYPE_NUMBERS = {"1", "2", "3", "4", "5", "6", "one", "two", "i", "ii", "1a", "2a"}
# "came back from holiday with sun damage": back again, not the back of the body. Only the past: "keep coming
# back" asks about a course of sessions (lexicon).
_RETURNING = {"came", "went", "got", "grew", "brought", "flew", "bounced"}
# "round my eyes", "round the jaw": a place ("around"), not a round of treatments. So is a part of the face
# straight after it, in a hurried note ("wrinkles round eyes and mouth"), or one word later, after whose it is
# ("round mum's eyes").
_FACE_AFTER_ROUND = {"eyes", "eye", "mouth", "lips", "nose", "chin", "jaw", "jawline", "neck", "forehead", "cheeks"}
_PLACE_AFTER_ROUND = {"the", "my", "your", "her", "his", "their", "our", "its", "it", "this", "that", "these", "those",
                      "here", "there"} | _FACE_AFTER_ROUND

# A home user's verb for doing the treatment ("after rolling", "can I roll over a spot"): the treatment itself,
# which nearly every passage is about, not the one passage that tells how the practitioner rolls the device. The
# device ("roller") and a tool's name ("derma roll") keep their own words.
_ROLLING = {"roll", "rolls", "rolled", "rolling"}

# "this time", "last time", "the first time": which occasion, not a length of time (the lexicon's "time")
_OCCASION = {"this", "that", "next", "last", "first", "second", "third", "every", "each", "other", "some", "any"}

# Two words that name one thing the documents never speak of, read as one word: a patch test is not the
# documents' microneedle patch, nor make-up their "make". A word with a space in it is never spelling-corrected.
_COMPOUNDS = {("make", "up"): "makeup", **{("patch", t): "patch " + t for t in ("test", "tests", "tested", "testing")}}
# Before "make up" worn on the face ("wear make up", "my make up"), not made up ("make up for it", "to make up")
_WEARING = {"", "wear", "wearing", "wore", "put", "putting", "apply", "applying", "my", "her", "your", "their", "no",
            "any", "on", "of", "mineral", "some", "without", "and", "or", "aftercare"}


def _as_meant(words: list[str]) -> list[str]:
    """The words with those that mean something else beside their neighbours read as meant: "round my eyes" as
    "around", "came back" as "again", the "type" of "type 2" as "a" (not the documents' "types of scarring"),
    "patch test" and "make up" as one word each, "rolling" as the treatment; the "time" of "this time" is dropped."""
    out = []
    i = 0
    while i < len(words):
        prev, word = words[i - 1] if i else "", words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        i += 1
        if (word, nxt) in _COMPOUNDS and (word != "make" or prev in _WEARING):
            word, i = _COMPOUNDS[word, nxt], i + 1
        elif word == "round" and (nxt in _PLACE_AFTER_ROUND or set(words[i + 1 : i + 2]) & _FACE_AFTER_ROUND):
            word = "around"
        elif word == "back" and prev in _RETURNING:
            word = "again"
        elif word == "type" and nxt in _TYPE_NUMBERS:
            word = "a"
        elif word in _ROLLING and prev != "derma":
            word = "microneedling"
        elif word in ("time", "times") and prev in _OCCASION:
            continue
        out.append(word)
    return out


_QUERY_MARK_RE = re.compile(r"(?:(?<=\s)|^)\?(?=[^\W\d_])")
# A message written as a letter: its greeting ("Dear Sir or Madam,", "Good morning.") and its sign-off with the
# writer's name ("With kind regards, Hilary Osei", "Yours faithfully, R. Adeyemi") are courtesy, not the question.
_SALUTATION_RE = re.compile(r"^\s*(?i:dear(?:\s+[^\W\d_]+){1,4}|good\s+(?:morning|afternoon|evening|day))\s*[,.!:\n]")
_NAME_PART = r"(?:[A-Z][\w'.-]*|\([^()]{1,10}\))"  # "Hilary", "R.", "(retd)"
_VALEDICTION_RE = re.compile(
    r"(?:^|(?<=[.!?,\n]))\s*(?i:(?:i\s+remain,?\s+)?(?:(?:with\s+)?(?:(?:kind|kindest|best|warm|warmest|many)\s+)?"
    r"(?:regards|wishes|thanks)(?:\s+(?:so|very)\s+much)?(?:\s+in\s+advance)?|yours\s+(?:sincerely|faithfully|truly)"
    r"|respectfully(?:\s+yours)?|thank\s+you(?:\s+(?:so|very)\s+much)?(?:\s+in\s+advance)?))\s*[,.!]?"
    rf"(?:\s*{_NAME_PART}(?:\s+{_NAME_PART}){{0,4}})?\s*[.!]?\s*$")


_SIGNING_OFF = ("regards", "wishes", "thanks", "sincerely", "faithfully", "truly", "respectfully", "thank you")


def unframed(text: str) -> str:
    """A message without a letter's greeting and sign-off, which say nothing of what is asked."""
    # Most messages are no letter: plain substring tests spare them both patterns.
    folded = text.casefold()
    if folded.lstrip().startswith(("dear", "good")):
        text = _SALUTATION_RE.sub("", text, count=1)
    if any(word in folded for word in _SIGNING_OFF):
        text = _VALEDICTION_RE.sub("", text, count=1)
    return text


# A short form written with a slash ("m/n", "s/e"): the tokenizer would split it into letters that are stopwords.
_SLASHED_RE = re.compile(r"(?<![\w/])[^\W\d_]{1,3}/[^\W\d_]{0,3}(?![\w/])")
_PERSONS = {"i", "you", "u", "ya", "we"}  # the asker or the clinic, opening a clause of their own
# A word split by speech-to-text or a phone's keyboard is at least this long once joined ("micro derma abrasion")
MIN_JOINED_CHARS = 8


def _rejoined(words: list[str], vocab: Vocabulary, stemmer: Stemmer, corrections: dict[str, str]) -> list[str]:
    """The words with a known word that was split in two or three ("micro derma abrasion", "collagen in duction")
    joined again, each join recorded in `corrections`.

    Only words of which one is no word at all ("duction", not the misspelt "efects") join: into a word the
    documents or the lexicon use, as written, or misspelt when no part is a stopword (the "a" twice of "derma
    abrasion").
    """
    stop = stopwords()
    # No word at all, nor a misspelt one ("efects" is "effects"). Known words are ruled out first: most questions
    # have nothing else, and then pay neither for word frequencies nor for spelling.
    fragment = [w.isalpha() and w not in stop and not vocab.knows(stemmer.stem(w)) and zipf(w) < ZIPF_WORD
                and correct(w, vocab, stemmer) is None for w in words]
    if not any(fragment):
        return words
    out: list[str] = []
    i = 0
    while i < len(words):
        joined = None
        for n in (3, 2):
            parts = words[i : i + n]
            if len(parts) < n or not any(fragment[i : i + n]) or not all(p.isalpha() for p in parts):
                continue
            whole = "".join(parts)
            if len(whole) < MIN_JOINED_CHARS:
                continue
            if whole in vocab.surfaces:
                joined = whole
            elif not stop.intersection(parts):
                fixed = correct(whole, vocab, stemmer)
                joined = fixed if fixed and len(fixed) >= MIN_JOINED_CHARS and fixed not in stop else None
            if joined:
                corrections[" ".join(parts)] = joined
                out.append(joined)
                i += n
                break
        if not joined:
            out.append(words[i])
            i += 1
    return out


def _naming(matched: dict[int, list[tuple[str, ...]]], lexicon: CompiledLexicon,
            groups: list[Group]) -> dict[int, set[str]]:
    """The groups whose word is part of a client's name for the treatment (a `name` entry's phrase of several
    words: "pin prick facial"), by place in `groups`, with the stems that name stands for."""
    out: dict[int, set[str]] = {}
    for n in sorted(lexicon.names.intersection(matched)):  # most questions match none: a set intersection
        named = [stems for stems in matched[n] if len(stems) > 1]
        # two of its words may have been searched as the one word they make ("pin prick": "pinprick")
        by = {s for stems in named for s in stems} | {a + b for stems in named for a, b in zip(stems, stems[1:])}
        for i, g in enumerate(groups):
            if g.stem in by:
                out[i] = {stem for _, stems in lexicon.says[n] for stem in stems}
    return out


_WHAT_IS_FILLER = {"is", "the", "a", "an", "actually", "even", "exactly", "really"}


def names_other_topic(words: list[str], groups: list[Group], vocab: Vocabulary, stemmer: Stemmer) -> bool:
    """Whether a question names a topic besides the documents' subject ("what is collagen", "what's the #1 risk"),
    which its "what is" asks about. Not when it names another treatment (whether microneedling is one: "it's not
    a laser, is it?"), nor when "what is" is followed by the subject itself ("what is microneedling doing")."""
    if not any(g.stem is not None and g.stem not in vocab.everywhere and not is_generic(g.word) for g in groups):
        return False
    if treatment_words().intersection(words):
        return False
    for i, word in enumerate(words[:-1]):
        if word == "whats" or (word == "what" and words[i + 1] in _WHAT_IS_FILLER):
            named = next((w for w in words[i + 1 : i + 5] if w not in _WHAT_IS_FILLER), None)
            if named and stemmer.stem(named) in vocab.everywhere:
                return False
    return True


def _names_a_topic(g: Group, vocab: Vocabulary) -> bool:
    """Whether a group names something asked about other than a visit or microneedling itself ("swelling", not
    "appointment", nor "mn", which the lexicon reads as microneedling)."""
    if g.stem is None or g.generic or g.phrase or g.frame or g.word in _VISITS or g.stem in vocab.everywhere:
        return False
    return g.stem in vocab.stems or vocab.everywhere.isdisjoint(g.expansions)


def _spelt_out(form: str, short: dict[str, tuple[str, ...]], corrections: dict[str, str]) -> str:
    """A slashed short form in full ("m/n" -> "microneedling"), noted among the corrections; else as written."""
    key = fold(form)
    full = short.get(key)
    if not full:
        return form
    corrections[key] = " ".join(full)
    return " " + " ".join(full) + " "


def analyze(question: str, vocab: Vocabulary, lexicon: CompiledLexicon, stemmer: Stemmer) -> Query:
    """Turn a question into weighted stems: own words, corrections, and lexicon expansions."""
    question = strip_controls(question).strip()  # escape sequences are never words, nor reach a terminal
    truncated = len(question) > MAX_QUESTION_CHARS
    # "?suitable", "?infection": a clinician's query mark before a word asks about that word; it ends no question
    text = _QUERY_MARK_RE.sub("", question[:MAX_QUESTION_CHARS])
    as_typed = text
    text = unframed(text)
    stop = stopwords()
    corrections: dict[str, str] = {}
    words: list[str] = []
    short = shorthand()
    if "/" in text:
        text = _SLASHED_RE.sub(lambda m: _spelt_out(m.group(), short, corrections), text)
    for word in said(text):
        full = short.get(word)
        # "appt" is searched as "appointment", unless the documents or the lexicon use the short form itself.
        if full and word not in vocab.surfaces:
            corrections[word] = " ".join(full)
            words.extend(full)
        elif "-" in word and word not in vocab.surfaces:
            # "pre-tx", "post-appt": a short form joined by a hyphen is read the same way
            parts = [short[p][0] if len(short.get(p, ())) == 1 and p not in vocab.surfaces else p
                     for p in word.split("-")]
            whole = "-".join(parts)
            if whole != word:
                corrections[word] = whole
            words.append(whole)
        else:
            words.append(word)
    words = _as_meant(_rejoined(words, vocab, stemmer, corrections))
    groups: list[Group] = []
    unknown: list[str] = []
    sequence: list[str] = []  # stems of every word in order, stopwords as typed, for phrase matching
    surface: list[str] = []  # every word in order as typed (folded), for the lexicon's exact phrases

    # "Is it sterile or reused?": either word answered answers the question, unless two things are compared.
    comparing = bool(_COMPARING.intersection(words))
    after_or: list[str] = []  # the word before an "or" still waiting for the word after it

    def add(word: str, stem: str | None) -> None:
        if stem is None or all(g.stem != stem for g in groups):
            frame = word == words[i] and (i > 0 and words[i - 1] == "how" and word in _FRAME_AFTER_HOW
                                          or word in _KINDS_ASKED and _asks_which_kind(words, i))
            groups.append(Group(word, stem, alternative_to=after_or.pop() if after_or else None, frame=frame))
        after_or.clear()

    def known(word: str) -> str | None:
        stem = stemmer.stem(word)
        return stem if vocab.knows(stem) else None

    opinion = opinion_at(words) | expecting_at(words) | other_course_at(words)
    skip = False
    for i, word in enumerate(words):
        # Not searched, and no phrase runs through it: "feel like" in "I feel like I look tired" (what the asker
        # thinks, not a sensation), or a word too long to be one.
        too_long = len(word) > MAX_WORD_CHARS
        if too_long or i in opinion:
            if too_long:
                unknown.append(word[:MAX_WORD_CHARS] + "…")
            sequence.append("")
            surface.append("")
            continue
        stretched = unstretched(word)  # "sooo much", "pleeease": the word meant, if there is one
        plain = next((w for w in stretched if w in stop or known(w)), None)
        plain = plain or next((w for w in stretched if zipf(w) >= ZIPF_WORD), None)
        if plain:
            corrections[word] = word = plain
        forms = word_forms(word)
        spelt = spelt_number(forms[0])
        sequence.append(spelt if spelt in stop else stemmer.stem(spelt))
        surface.append(forms[0])
        if skip:  # second half of a pair already joined into one word
            skip = False
            continue
        if forms[0] in stop:
            if word == "or" and groups and not comparing and not groups[-1].phrase:
                after_or[:] = [groups[-1].word]
            elif word in _PERSONS:
                # "over a tattoo or do you avoid it": a new clause with its own subject asks something else,
                # not an alternative to the word before the "or"
                after_or.clear()
            continue
        # Two words that make one known word ("micro needling", "skin care") are searched as that word.
        if i + 1 < len(words) and words[i + 1] not in stop and "-" not in word + words[i + 1]:
            joined = word + words[i + 1]
            # Only a joined form the documents or the lexicon actually use (and so a cached stem: no nltk).
            stem = known(joined) if joined in vocab.surfaces else None
            if stem:
                add(joined, stem)
                skip = True
                continue
        # A hyphenated word is searched as one word when known ("micro-needling") or when it is one English word
        # ("make-up" is "makeup", not "make"), else by its parts ("post-treatment").
        whole = len(forms) == 1 or known(forms[0]) or zipf(forms[0]) >= ZIPF_WORD
        candidates = forms[:1] if whole else [f for f in forms[1:] if f not in stop]
        for form in candidates:
            stem = known(form)
            if stem:
                add(form, stem)
                continue
            fixed = correct(form, vocab, stemmer) if " " not in form else None
            if fixed in stop:  # a misspelt filler word ("acutally"): nothing to search for
                corrections[form] = fixed
            elif fixed:
                corrections[form] = fixed
                if len(candidates) == 1:
                    sequence[-1], surface[-1] = stemmer.stem(fixed), fixed
                add(fixed, stemmer.stem(fixed))
            else:
                unknown.append(form)
                add(form, None)

    weights: dict[str, float] = {g.stem: 1.0 for g in groups if g.stem is not None}
    own = set(weights)
    expansions: list[str] = []
    phrases: list[tuple[str, ...]] = []
    anchors = anchor_words(words)
    when_visits = anchors & _VISITS | timed_visits(words)
    telling = telling_words(words) | finding_words(words)
    matched = lexicon.matches(sequence, own, surface)
    naming = _naming(matched, lexicon, groups)
    other_topic: bool | None = None  # worked out only for a what-it-is entry, which few questions match
    for n, hits in matched.items():
        entry = lexicon.entries[n]
        trigger = {s for stems in hits for s in stems}
        owners = [g for g in groups if g.stem in trigger]
        if entry.subject and not owners:
            if other_topic is None:
                named = [g for i, g in enumerate(groups) if i not in naming]
                other_topic = names_other_topic(words, named, vocab, stemmer)
            if other_topic:
                continue  # "what is collagen": what collagen is, not what microneedling is
        if owners and all(g.word in telling for g in owners):
            continue  # "how do I explain to clients who can't have it": the telling, not what it is
        # "3 days after my appointment" says when, and asks little about the appointment
        when_only = bool(owners) and all(g.word in when_visits for g in owners)
        if not owners:  # the phrase had no word of its own ("how long"): its expansions form their own group
            owners = [Group(" ".join(hits[0]), None, phrase=True)]
            groups.append(owners[0])
        owner_weights = []
        for g in owners:
            # A word the documents never use is carried by its expansions almost fully, unless it only says where
            # ("round my eyes": the face, but what is asked is the lines).
            carried = g.stem is not None and g.stem not in vocab.stems and not entry.place
            weight = max(entry.weight, SUBSTITUTE_WEIGHT) if carried else entry.weight
            owner_weights.append((g, min(weight, WHEN_WEIGHT) if when_only else weight))
        for shown, stems in lexicon.says[n]:
            added = False
            for stem in stems:
                for g, weight in owner_weights:  # an expansion the asker also typed still stands for the owner
                    if stem != g.stem:
                        # the larger weight stays (every weight is above 0.0)
                        if weight > g.expansions.get(stem, 0.0):
                            g.expansions[stem] = weight
                        if stem not in own:
                            if weight > weights.get(stem, 0.0):
                                weights[stem] = weight
                            added = True
            if added and shown not in expansions:
                expansions.append(shown)
                if len(stems) > 1:
                    phrases.append(stems)
    # A quality asked plainly is also what the documents say in comparing it ("thin skin": "areas with thinner
    # skin"), a little below the word itself.
    for g in groups:
        if g.stem is None or g.phrase or is_generic(g.word):
            continue
        for form in vocab.comparatives.get(g.word, ()):
            stem = stemmer.known.get(form)
            if stem and stem != g.stem and stem in vocab.stems:
                g.expansions[stem] = max(g.expansions.get(stem, 0.0), COMPARATIVE_WEIGHT)
                weights[stem] = max(weights.get(stem, 0.0), COMPARATIVE_WEIGHT)
                if form not in expansions:
                    expansions.append(form)
    # "The pin prick facial" names the treatment: "prick" stands for it, as a frame stands for what it asks, and is
    # not searched as pricking.
    for i, stems in naming.items():
        groups[i].frame = True
        groups[i].expansions = {stem: w for stem, w in groups[i].expansions.items() if stem in stems}
    # A kind asked for that no lexicon phrase stands for ("what problems" said some other way) is searched as a word.
    for g in groups:
        if g.frame and not g.expansions:
            g.frame = False
    # A word known only as part of a lexicon phrase that did not match ("big" of "big pores") is unknown here.
    for g in groups:
        if g.stem is not None and g.stem not in vocab.stems and not g.expansions and not g.phrase:
            weights.pop(g.stem, None)
            unknown.append(g.word)
            g.stem = None
    after = aside_words(text)
    speakers = speaker_words(words) | asker_role_words(text, words)
    aside = after | simile_words(words) | bracketed_words(text) | origin_words(words) | speakers
    # Most questions name no other treatment: skip splitting them into sentences again.
    told = told_of_treatment(text) if treatment_words().intersection(words) else set()
    history = told & treatment_words()  # history_words, from the sentences already split
    for g in groups:
        g.generic = not g.phrase and (is_generic(g.word) or g.word in anchors or g.word in telling)
        g.aside = g.word in aside
        g.told_after = g.word in after
        g.speaker = g.word in speakers
        g.history = g.word in history
    # Words the documents never use, said only of the other treatment ("lasers freak me out. Is microneedling
    # safe?"), are context too when the question has a topic of its own and does not turn back to what was told
    # (a bare "it" may turn back: "I had botox. Is it ok to have it?").
    if told:
        asked = set(words) - told
        own_topic = any(g.word in asked and g.stem not in vocab.everywhere and not (g.generic or g.phrase or g.frame)
                        for g in groups if g.stem is not None)
        if own_topic and not asked & _TURNING_BACK:
            for g in groups:
                g.aside = g.aside or (g.stem is None and g.word in told)
    # A common word cannot stand in for its alternative, nor be stood in for ("payment plans or finance").
    generic_words_asked = {g.word for g in groups if g.generic}
    for g in groups:
        if g.alternative_to and (g.generic or g.alternative_to in generic_words_asked):
            g.alternative_to = None
    expects = "percent" if _asks_percentage(words, text) else expected_amount(words) or claimed_amount(words, text)
    if expects == "length" and told_length(text):
        expects = None
    elif not expects and _DECIMAL_CHOICE_RE.search(text) and not _NEEDLES.isdisjoint(words):
        expects = "length"  # "what needle length for a home roller, 0.25 or 0.5?": a choice of lengths
    expects = expects or ("money" if _BARE_CURRENCY_RE.search(text) else None)
    if not expects and "wait" in words and _asks_how_long_to_wait(text):
        expects = "duration"
    # "how long does the consultation take": the consultation's length, which a treatment's does not answer
    if not expects and not _CONSULTATIONS.isdisjoint(words) and timed_visits(words, _CONSULTATIONS):
        expects = "duration"
    if expects == "duration" or any(_names_a_topic(g, vocab) for g in groups):
        for g in groups:
            if g.frame:
                g.frame_scale = LASTING_FRAME_SCALE
    return Query(as_typed, groups, weights, expansions, corrections, unknown, truncated, expects,
                 about_clinic(text), tuple(phrases))
