"""Answer quality on the labelled questions may not fall below its floors (`mnqa eval` shows the figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mnqa.engine import Engine
from mnqa.evaluate import evaluate, eval_sets, load_cases

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval"

# Floors sit a little under the measured figures (README, "Evaluation"), so that a change that makes answers
# worse fails here, while the noise of adding a lexicon entry does not.
# In the fifteenth session a fitted model replaced the coverage rule for refusing (mnqa/abstention.py). Over the dev
# questions it refused 25 more unanswerable questions and 2% fewer answerable ones, but in eight sets it answered
# one more unanswerable question or refused one more answerable one; those floors and ceilings moved by that one
# question (dev27, dev30, dev35, dev37, dev40, dev41, dev42, dev43; README), and floors that rose by 0.05 or
# more were raised to 0.03 under the new figure. In the sixteenth the model was refitted on dev … dev49 with new
# patterns for what only the clinic, the law or an insurer can say: over the dev questions it refused 1.7% more of
# the unanswerable ones at the same 3% of answerable ones, but dev30, dev31 and dev41 each lost one question to a
# borderline refusal, and those floors and ceilings moved by that question; floors lagging their figure by 0.05
# or more were again raised to 0.03 under it. In the seventeenth two sets each lost one question to changes that
# fixed many more over the dev set: dev36 one more wrong refusal ("stay" became an everyday word: "does she need
# to stay out of the sun?" after a trip is told), dev42 one more unanswerable question answered (an inflected word
# now weighs like its dictionary form: "my insurance won't say if it covers ..."); that ceiling and floor moved
# by that question, and lagging floors were raised as before. Each group of sets has its own floors:
# later sets were written by new hands and scored fresh before any tuning on them (README), and are harder.
SETS = {
    "dev": ["dev.jsonl", "dev2.jsonl", "dev3.jsonl"],
    "dev4_5": ["dev4.jsonl", "dev5.jsonl"],
    "dev6_7": ["dev6.jsonl", "dev7.jsonl"],
    "dev8": ["dev8.jsonl"],
    "dev9": ["dev9.jsonl"],
    "dev10": ["dev10.jsonl"],
    "dev11": ["dev11.jsonl"],
    "holdout": ["holdout.jsonl"],
    "holdout4": ["holdout4.jsonl"],
    "dev12": ["dev12.jsonl"],
    "dev13": ["dev13.jsonl"],
    "dev14": ["dev14.jsonl"],
    "dev15": ["dev15.jsonl"],
    "dev16": ["dev16.jsonl"],
    "dev17": ["dev17.jsonl"],
    "dev18": ["dev18.jsonl"],
    "dev19": ["dev19.jsonl"],
    "dev20": ["dev20.jsonl"],
    "dev21": ["dev21.jsonl"],
    "dev22": ["dev22.jsonl"],
    "dev23": ["dev23.jsonl"],
    "dev24": ["dev24.jsonl"],
    "dev25": ["dev25.jsonl"],
    "dev26": ["dev26.jsonl"],
    "dev27": ["dev27.jsonl"],
    "dev28": ["dev28.jsonl"],
    "dev29": ["dev29.jsonl"],
    "dev30": ["dev30.jsonl"],
    "dev31": ["dev31.jsonl"],
    "dev32": ["dev32.jsonl"],
    "dev33": ["dev33.jsonl"],
    "dev34": ["dev34.jsonl"],
    "dev35": ["dev35.jsonl"],
    "dev36": ["dev36.jsonl"],
    "dev37": ["dev37.jsonl"],
    "dev38": ["dev38.jsonl"],
    "dev39": ["dev39.jsonl"],
    "dev40": ["dev40.jsonl"],
    "dev41": ["dev41.jsonl"],
    "dev42": ["dev42.jsonl"],
    "dev43": ["dev43.jsonl"],
    "dev44": ["dev44.jsonl"],
    "dev45": ["dev45.jsonl"],
    "dev46": ["dev46.jsonl"],
    "dev47": ["dev47.jsonl"],
    "dev48": ["dev48.jsonl"],
    "dev49": ["dev49.jsonl"],
    "dev50": ["dev50.jsonl"],
    "dev51": ["dev51.jsonl"],
    "dev52": ["dev52.jsonl"],
    "dev53": ["dev53.jsonl"],
    "dev54": ["dev54.jsonl"],
    "dev55": ["dev55.jsonl"],
    "dev56": ["dev56.jsonl"],
    "dev57": ["dev57.jsonl"],
    "dev58": ["dev58.jsonl"],
    "dev59": ["dev59.jsonl"],
    "dev60": ["dev60.jsonl"],
    "dev61": ["dev61.jsonl"],
    "dev62": ["dev62.jsonl"],
    "dev63": ["dev63.jsonl"],
    "dev64": ["dev64.jsonl"],
    "dev65": ["dev65.jsonl"],
    "dev66": ["dev66.jsonl"],
    "dev67": ["dev67.jsonl"],
    "dev68": ["dev68.jsonl"],
    "dev69": ["dev69.jsonl"],
    "dev70": ["dev70.jsonl"],
    "dev71": ["dev71.jsonl"],
    "dev72": ["dev72.jsonl"],
    "dev73": ["dev73.jsonl"],
    "dev74": ["dev74.jsonl"],
    "dev75": ["dev75.jsonl"],
    "dev76": ["dev76.jsonl"],
    "dev77": ["dev77.jsonl"],
    "dev78": ["dev78.jsonl"],
    "dev79": ["dev79.jsonl"],
    "dev80": ["dev80.jsonl"],
    "dev81": ["dev81.jsonl"],
    "dev82": ["dev82.jsonl"],
    "dev83": ["dev83.jsonl"],
    "dev84": ["dev84.jsonl"],
    "dev85": ["dev85.jsonl"],
    "dev86": ["dev86.jsonl"],
    "dev87": ["dev87.jsonl"],
    "dev88": ["dev88.jsonl"],
    "dev89": ["dev89.jsonl"],
    "dev90": ["dev90.jsonl"],
    "dev91": ["dev91.jsonl"],
    "dev92": ["dev92.jsonl"],
    "dev93": ["dev93.jsonl"],
    "dev94": ["dev94.jsonl"],
    "dev95": ["dev95.jsonl"],
    "dev96": ["dev96.jsonl"],
    "dev97": ["dev97.jsonl"],
    "dev98": ["dev98.jsonl"],
    "dev99": ["dev99.jsonl"],
    "dev100": ["dev100.jsonl"],
    "dev101": ["dev101.jsonl"],
    "dev102": ["dev102.jsonl"],
    "dev103": ["dev103.jsonl"],
    "dev104": ["dev104.jsonl"],
    "dev105": ["dev105.jsonl"],
    "dev106": ["dev106.jsonl"],
    "dev107": ["dev107.jsonl"],
    "dev108": ["dev108.jsonl"],
    "dev109": ["dev109.jsonl"],
    "dev110": ["dev110.jsonl"],
    "dev111": ["dev111.jsonl"],
    "dev112": ["dev112.jsonl"],
    "dev113": ["dev113.jsonl"],
    "dev114": ["dev114.jsonl"],
    "dev115": ["dev115.jsonl"],
    "dev116": ["dev116.jsonl"],
    "dev117": ["dev117.jsonl"],
    "dev118": ["dev118.jsonl"],
    "dev119": ["dev119.jsonl"],
    "dev120": ["dev120.jsonl"],
    "dev121": ["dev121.jsonl"],
    "dev122": ["dev122.jsonl"],
    "dev123": ["dev123.jsonl"],
    "dev124": ["dev124.jsonl"],
    "dev125": ["dev125.jsonl"],
    "dev126": ["dev126.jsonl"],
    "dev127": ["dev127.jsonl"],
    "dev128": ["dev128.jsonl"],
    "dev129": ["dev129.jsonl"],
    "dev130": ["dev130.jsonl"],
    "dev131": ["dev131.jsonl"],
    "dev132": ["dev132.jsonl"],
    "dev133": ["dev133.jsonl"],
    "dev134": ["dev134.jsonl"],
    "dev135": ["dev135.jsonl"],
    "dev136": ["dev136.jsonl"],
    "dev137": ["dev137.jsonl"],
    "dev138": ["dev138.jsonl"],
    "dev139": ["dev139.jsonl"],
    "dev140": ["dev140.jsonl"],
    "dev141": ["dev141.jsonl"],
    "dev142": ["dev142.jsonl"],
    "dev143": ["dev143.jsonl"],
    "dev144": ["dev144.jsonl"],
    "dev145": ["dev145.jsonl"],
    "dev146": ["dev146.jsonl"],
    "dev147": ["dev147.jsonl"],
    "dev148": ["dev148.jsonl"],
    "dev149": ["dev149.jsonl"],
    "dev150": ["dev150.jsonl"],
    "dev151": ["dev151.jsonl"],
    "holdout75": ["holdout75.jsonl"],
    "holdout76": ["holdout76.jsonl"],
    "holdout77": ["holdout77.jsonl"],
    "holdout78": ["holdout78.jsonl"],
    "holdout79": ["holdout79.jsonl"],
    "holdout80": ["holdout80.jsonl"],
}
FLOORS = {
    "dev": {"success@1": 0.92, "success@3": 0.96, "mrr@5": 0.94, "answer_sentence": 0.88, "abstention": 0.95},
    "dev4_5": {"success@1": 0.91, "success@3": 0.94, "mrr@5": 0.93, "answer_sentence": 0.85, "abstention": 0.89},
    "dev6_7": {"success@1": 0.91, "success@3": 0.95, "mrr@5": 0.94, "answer_sentence": 0.81, "abstention": 0.94},
    "dev8": {"success@1": 0.92, "success@3": 0.97, "mrr@5": 0.95, "answer_sentence": 0.86, "abstention": 0.97},
    "dev9": {"success@1": 0.89, "success@3": 0.96, "mrr@5": 0.91, "answer_sentence": 0.80, "abstention": 0.97},
    # Written as holdout5 and scored blind first (S@1 .733, S@3 .817, false refusals .167), then tuned on.
    "dev10": {"success@1": 0.92, "success@3": 0.97, "mrr@5": 0.94, "answer_sentence": 0.90, "abstention": 0.92},
    # Written as holdout6 and scored blind first (S@1 .783, S@3 .917, false refusals .050), then tuned on. Its
    # refusal floor went from .92 to .88 in the fifth session (the aside rule answered "whats the minimum age? my
    # daughter is 16 ..."), and back to .92 in the sixth, when asking for an age came to need a stated age.
    "dev11": {"success@1": 0.93, "success@3": 0.95, "mrr@5": 0.93, "answer_sentence": 0.87, "abstention": 0.97},
    # Scored once, at the end of the first tuning session, never tuned on: these floors only guard regressions.
    "holdout": {"success@1": 0.88, "success@3": 0.92, "mrr@5": 0.90, "answer_sentence": 0.82, "abstention": 0.97},
    # Written last, scored once at the end of the third session (README), never tuned on.
    "holdout4": {"success@1": 0.93, "success@3": 0.97, "mrr@5": 0.95, "answer_sentence": 0.87, "abstention": 0.97},
    # Written blind as holdout7 and holdout8 and scored once each at the end of the fourth session (S@1 .783 and .650,
    # false refusals .050 and .100), then tuned on.
    "dev12": {"success@1": 0.90, "success@3": 0.97, "mrr@5": 0.92, "answer_sentence": 0.80, "abstention": 0.97},
    "dev13": {"success@1": 0.85, "success@3": 0.95, "mrr@5": 0.90, "answer_sentence": 0.80, "abstention": 0.97},
    # Written blind as holdout9 and holdout10 at the start of the fifth session and scored twice: on the code as the
    # session began (S@1 .817 and .750) and at its end (.783 and .783), then tuned on in the sixth.
    "dev14": {"success@1": 0.88, "success@3": 0.97, "mrr@5": 0.92, "answer_sentence": 0.80, "abstention": 0.92},
    "dev15": {"success@1": 0.90, "success@3": 0.95, "mrr@5": 0.92, "answer_sentence": 0.87, "abstention": 0.88},
    # Written blind as holdout11 and holdout12 at the start of the sixth session and scored twice: on the code as the
    # session began (S@1 .800 and .783, refused .90 and .70) and at its end (.800 and .800), then tuned on in the
    # seventh.
    "dev16": {"success@1": 0.95, "success@3": 0.97, "mrr@5": 0.95, "answer_sentence": 0.90, "abstention": 0.92},
    "dev17": {"success@1": 0.95, "success@3": 0.97, "mrr@5": 0.96, "answer_sentence": 0.90, "abstention": 0.92},
    # Written at the start of the seventh session by two more writers (clients texting; receptionists and older
    # clients writing emails), scored on the code as it then stood (S@1 .613 and .640, S@3 .720 and .840, refused
    # .92 and .64, wrongly refused .200 and .093), then tuned on.
    "dev18": {"success@1": 0.85, "success@3": 0.89, "mrr@5": 0.87, "answer_sentence": 0.73, "abstention": 0.89},
    "dev19": {"success@1": 0.85, "success@3": 0.93, "mrr@5": 0.89, "answer_sentence": 0.74, "abstention": 0.93},
    # Written blind as holdout13 and holdout14 at the start of the seventh session (new staff in training; young
    # clients on DMs) and scored twice: on the code as the session began (S@1 .750 and .633, refused .90 and .90)
    # and at its end (.750 and .633, refused .90 and .85), then tuned on in the eighth.
    "dev20": {"success@1": 0.93, "success@3": 0.97, "mrr@5": 0.95, "answer_sentence": 0.82, "abstention": 0.87},
    "dev21": {"success@1": 0.92, "success@3": 0.92, "mrr@5": 0.91, "answer_sentence": 0.82, "abstention": 0.92},
    # Written blind at the start of the eighth session (staff relaying clients' questions and website chat; people
    # asking for someone else or about one skin worry, some dictated) and scored twice: on the code as the session
    # began (S@1 .783 and .750, refused .85 and .85) and at its end (.883 and .783, refused .85 and .85), then tuned
    # on in the ninth.
    "dev22": {"success@1": 0.95, "success@3": 0.96, "mrr@5": 0.94, "answer_sentence": 0.95, "abstention": 0.92},
    "dev23": {"success@1": 0.92, "success@3": 0.97, "mrr@5": 0.94, "answer_sentence": 0.88, "abstention": 0.92},
    # Written blind at the start of the ninth session (clients whose first language is not English; a trainer, new
    # staff and sceptical clients comparing treatments) and scored twice: on the code as the session began (S@1
    # .733 and .817, refused .90 and .75) and at its end (.733 and .833, refused .85 and .75), then tuned on in the
    # tenth.
    "dev24": {"success@1": 0.83, "success@3": 0.95, "mrr@5": 0.89, "answer_sentence": 0.80, "abstention": 0.92},
    "dev25": {"success@1": 0.90, "success@3": 0.97, "mrr@5": 0.93, "answer_sentence": 0.87, "abstention": 0.92},
    # Written blind at the start of the tenth session (clients writing back in the days and weeks after a session;
    # terse search-box and keyword queries) and scored twice: on the code as the session began (S@1 .667 and .917,
    # refused .70 and .95) and at its end (.667 and .917, refused .75 and .95), then tuned on in the eleventh.
    "dev26": {"success@1": 0.80, "success@3": 0.95, "mrr@5": 0.87, "answer_sentence": 0.68, "abstention": 0.97},
    "dev27": {"success@1": 0.95, "success@3": 0.96, "mrr@5": 0.96, "answer_sentence": 0.92, "abstention": 0.97},
    # Written in the eleventh session by two helpers who saw only the documents, in the kinds of the two blind
    # sets written with them (skincare-forum regulars; clients talking through their health history before a
    # first visit), to tune on. First scored S@1 .567 and .533, wrongly refused .233 and .250.
    "dev28": {"success@1": 0.80, "success@3": 0.90, "mrr@5": 0.84, "answer_sentence": 0.72, "abstention": 0.92},
    "dev29": {"success@1": 0.72, "success@3": 0.88, "mrr@5": 0.79, "answer_sentence": 0.72, "abstention": 0.87},
    # Written blind at the start of the eleventh session as holdout21 and holdout22 (skincare-forum regulars;
    # clients talking through their health history before a first visit) and scored twice: on the code as the
    # session began (S@1 .817 and .717, refused .80 and .65) and at its end (.833 and .733, refused .75 and .80),
    # then tuned on in the twelfth.
    "dev30": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.91, "answer_sentence": 0.85, "abstention": 0.82},
    "dev31": {"success@1": 0.87, "success@3": 0.95, "mrr@5": 0.90, "answer_sentence": 0.83, "abstention": 0.92},
    # Written in the twelfth session by two helpers who saw only the documents, in the kinds of the two blind
    # sets written with them (men booking a first treatment; clients aged 55 to 80), to tune on. First scored S@1
    # .733 and .617, wrongly refused .117 and .233.
    "dev32": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.90, "answer_sentence": 0.83, "abstention": 0.97},
    "dev33": {"success@1": 0.80, "success@3": 0.90, "mrr@5": 0.84, "answer_sentence": 0.72, "abstention": 0.87},
    # Written blind at the start of the twelfth session as holdout23 and holdout24 (men booking a first
    # treatment; clients aged 55 to 80) and scored twice: on the code as the session began (S@1 .633 and .650,
    # refused .90 and .50, wrongly refused .200 and .183) and at its end (.650 and .667, refused .90 and .50,
    # wrongly refused .200 and .117), then tuned on in the thirteenth.
    "dev34": {"success@1": 0.75, "success@3": 0.87, "mrr@5": 0.81, "answer_sentence": 0.70, "abstention": 0.88},
    "dev35": {"success@1": 0.85, "success@3": 0.90, "mrr@5": 0.88, "answer_sentence": 0.75, "abstention": 0.77},
    # Written in the thirteenth session by two helpers who saw only the documents, in the kinds of the two blind
    # sets written with them (parents asking for a teenager; clients with one long-standing skin concern), to tune
    # on. First scored S@1 .733 and .700, wrongly refused .100 and .167.
    "dev36": {"success@1": 0.83, "success@3": 0.88, "mrr@5": 0.87, "answer_sentence": 0.77, "abstention": 0.92},
    "dev37": {"success@1": 0.83, "success@3": 0.93, "mrr@5": 0.88, "answer_sentence": 0.75, "abstention": 0.97},
    # Written blind at the start of the thirteenth session (parents asking for a teenage son or daughter; clients
    # writing about one skin concern they have had for years) as holdout25 and holdout26 and scored twice: on the
    # code as the session began (S@1 .833 and .800, refused .75 and .75, wrongly refused .100 and .067) and at its
    # end (.817 and .800, the same refusals), then tuned on in the fourteenth.
    "dev38": {"success@1": 0.92, "success@3": 0.97, "mrr@5": 0.95, "answer_sentence": 0.90, "abstention": 0.92},
    "dev39": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.90, "answer_sentence": 0.80, "abstention": 0.97},
    # Written in the fourteenth session by two helpers who saw only the documents, in the kinds of the two blind
    # sets written with them (clients after a bad experience elsewhere; social-media comments), to tune on. First
    # scored S@1 .700 and .783, refused .45 and .75, wrongly refused .150 and .067.
    "dev40": {"success@1": 0.80, "success@3": 0.87, "mrr@5": 0.83, "answer_sentence": 0.77, "abstention": 0.82},
    "dev41": {"success@1": 0.83, "success@3": 0.95, "mrr@5": 0.89, "answer_sentence": 0.80, "abstention": 0.87},
    # Written blind at the start of the fourteenth session (clients who had a bad experience elsewhere; comments
    # under a clinic's social-media posts) as holdout27 and holdout28 and scored twice: on the code as the session
    # began (S@1 .750 and .800, refused .65 and .90, wrongly refused .083 and .017) and at its end (the same), then
    # tuned on in the fifteenth.
    "dev42": {"success@1": 0.75, "success@3": 0.86, "mrr@5": 0.81, "answer_sentence": 0.72, "abstention": 0.80},
    "dev43": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.91, "answer_sentence": 0.80, "abstention": 0.97},
    # Written in the fifteenth session by two helpers who saw only the documents, in the kinds of the two blind
    # sets written with them (brides-to-be and their families before a wedding; beauty students revising), to tune
    # on. First scored S@1 .600 and .867, S@3 .750 and 1.000, refused .75 and .70, wrongly refused .200 and .000.
    "dev44": {"success@1": 0.83, "success@3": 0.93, "mrr@5": 0.87, "answer_sentence": 0.77, "abstention": 0.97},
    "dev45": {"success@1": 0.85, "success@3": 0.98, "mrr@5": 0.90, "answer_sentence": 0.81, "abstention": 0.92},
    # Written blind at the start of the fifteenth session (brides-to-be and their families; beauty students
    # revising) as holdout29 and holdout30 and scored twice: on the code as the session began (S@1 .667 and .850,
    # refused .70 and .70, wrongly refused .150 and .000) and at its end (S@1 .750 and .850, refused .85 and .75,
    # wrongly refused .100 and .000), then tuned on in the sixteenth.
    "dev46": {"success@1": 0.80, "success@3": 0.93, "mrr@5": 0.88, "answer_sentence": 0.77, "abstention": 0.97},
    "dev47": {"success@1": 0.83, "success@3": 0.95, "mrr@5": 0.88, "answer_sentence": 0.81, "abstention": 0.92},
    # Written in the sixteenth session by two helpers who saw only the documents, in the kinds of the two blind
    # sets written with them (clients in their sixties and seventies; men, often sceptical, asking for themselves),
    # to tune on. First scored S@1 .833 and .867, S@3 .933 and .933, refused .70 and .95, wrongly refused .033
    # and .067.
    "dev48": {"success@1": 0.85, "success@3": 0.95, "mrr@5": 0.90, "answer_sentence": 0.82, "abstention": 0.87},
    "dev49": {"success@1": 0.90, "success@3": 0.95, "mrr@5": 0.91, "answer_sentence": 0.87, "abstention": 0.97},
    # Written blind at the start of the sixteenth session (clients in their sixties and seventies; men asking for
    # themselves) as holdout31 and holdout32 and scored twice: on the code as the session began (S@1 .800 and .833,
    # S@3 .883 and .883, refused .80 and .75, wrongly refused .083 and .100) and at its end (S@1 .800 and .850,
    # S@3 .883 and .900, refused .85 and .75, wrongly refused .083 and .083), then tuned on in the seventeenth.
    "dev50": {"success@1": 0.87, "success@3": 0.92, "mrr@5": 0.89, "answer_sentence": 0.83, "abstention": 0.87},
    "dev51": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.91, "answer_sentence": 0.83, "abstention": 0.87},
    # Written in the seventeenth session by two helpers who saw only the documents, in the kinds of the two blind
    # sets written with them (receptionists' shorthand notes of a client's question; clients writing in English
    # as a second language), to tune on. First scored S@1 .833 and .733, S@3 .883 and .867, refused .90 and .80,
    # wrongly refused .117 and .083.
    "dev52": {"success@1": 0.90, "success@3": 0.93, "mrr@5": 0.92, "answer_sentence": 0.87, "abstention": 0.97},
    "dev53": {"success@1": 0.80, "success@3": 0.93, "mrr@5": 0.88, "answer_sentence": 0.72, "abstention": 0.87},
    # Written blind at the start of the seventeenth session (receptionists' shorthand notes; clients writing in
    # English as a second language) as holdout33 and holdout34 and scored twice: on the code as the session began
    # (S@1 .817 and .783, S@3 .850 and .867, refused .95 and .90, wrongly refused .150 and .100) and at its end
    # (S@1 .900 and .850, S@3 .933 and .900, refused .95 and .90, wrongly refused .067 and .067), then tuned on in
    # the eighteenth.
    "dev54": {"success@1": 0.97, "success@3": 0.97, "mrr@5": 0.96, "answer_sentence": 0.90, "abstention": 0.97},
    "dev55": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.89, "answer_sentence": 0.80, "abstention": 0.87},
    # Written in the eighteenth session by two helpers who saw only the documents, in the kinds of the two blind
    # sets written with them (questions spoken into speech-to-text; nurses, GPs, pharmacists and trainees in
    # clinical words), to tune on. First scored S@1 .783 and .667, S@3 .883 and .767, refused .95 and .80,
    # wrongly refused .067 and .167.
    "dev56": {"success@1": 0.92, "success@3": 0.97, "mrr@5": 0.94, "answer_sentence": 0.87, "abstention": 0.97},
    "dev57": {"success@1": 0.72, "success@3": 0.90, "mrr@5": 0.80, "answer_sentence": 0.70, "abstention": 0.82},
    # Written blind at the start of the eighteenth session (speech-to-text; clinical words) as holdout35 and
    # holdout36 and scored twice: on the code as the session began (S@1 .783 and .650, S@3 .883 and .800, refused
    # 1.00 and .70, wrongly refused .067 and .150) and at its end (S@1 .783 and .683, S@3 .900 and .867, refused
    # 1.00 and .70, wrongly refused .083 and .083), then tuned on in the nineteenth.
    "dev58": {"success@1": 0.80, "success@3": 0.87, "mrr@5": 0.85, "answer_sentence": 0.77, "abstention": 0.97},
    "dev59": {"success@1": 0.72, "success@3": 0.90, "mrr@5": 0.81, "answer_sentence": 0.67, "abstention": 0.72},
    # Written in the nineteenth session by two helpers who saw only the documents, in the kinds of the two blind
    # sets written with them (keywords typed as into a search box; clients comparing it with peels, lasers,
    # fillers and home rollers), to tune on. First scored S@1 .967 and .650, S@3 1.00 and .867, refused .85 and
    # .90, wrongly refused 0 and .100.
    "dev60": {"success@1": 0.95, "success@3": 0.97, "mrr@5": 0.96, "answer_sentence": 0.90, "abstention": 0.97},
    "dev61": {"success@1": 0.77, "success@3": 0.90, "mrr@5": 0.84, "answer_sentence": 0.72, "abstention": 0.87},
    # Written blind at the start of the nineteenth session (keywords typed as into a search box; clients comparing
    # it with other treatments) as holdout37 and holdout38 and scored twice: on the code as the session began
    # (S@1 .933 and .683, S@3 .983 and .817, refused .85 and .80, wrongly refused .017 and .167) and at its end
    # (S@1 .933 and .700, S@3 .983 and .817, refused .90 and .85, wrongly refused .017 and .167), then tuned on in
    # the twentieth.
    "dev62": {"success@1": 0.90, "success@3": 0.95, "mrr@5": 0.92, "answer_sentence": 0.87, "abstention": 0.87},
    "dev63": {"success@1": 0.83, "success@3": 0.90, "mrr@5": 0.87, "answer_sentence": 0.80, "abstention": 0.82},
    # Written at the start of the twentieth session by helpers who saw only the documents, in the kinds of the two
    # blind sets written with them (clients with a health condition or on a medicine; FAQ headings for a clinic's
    # page or a training slide), to tune on. First scored S@1 .833 and .933, S@3 .933 and 1.00, refused .75 and
    # .85, wrongly refused .067 and 0.
    "dev64": {"success@1": 0.83, "success@3": 0.90, "mrr@5": 0.86, "answer_sentence": 0.80, "abstention": 0.77},
    "dev65": {"success@1": 0.92, "success@3": 0.97, "mrr@5": 0.94, "answer_sentence": 0.87, "abstention": 0.97},
    # Written blind at the start of the twentieth session (health conditions and medicines; FAQ headings) as
    # holdout39 and holdout40 and scored twice: on the code as the session began (S@1 .783 and .867, S@3 .850 and
    # .933, refused .75 and 1.00, wrongly refused .117 and .033) and at its end (S@1 .783 and .883, S@3 .850 and
    # .950, refused .75 and 1.00, wrongly refused .117 and .033), then tuned on in the twenty-first.
    "dev66": {"success@1": 0.80, "success@3": 0.87, "mrr@5": 0.83, "answer_sentence": 0.77, "abstention": 0.82},
    "dev67": {"success@1": 0.90, "success@3": 0.92, "mrr@5": 0.91, "answer_sentence": 0.87, "abstention": 0.97},
    # Written at the start of the twenty-first session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (asking for someone else: a mother, a wife, a son; skincare enthusiasts'
    # jargon), to tune on. First scored S@1 .850 and .883, S@3 .950 and .983, refused 1.00 and 1.00, wrongly
    # refused .050 and 0.
    "dev68": {"success@1": 0.85, "success@3": 0.97, "mrr@5": 0.91, "answer_sentence": 0.80, "abstention": 0.97},
    "dev69": {"success@1": 0.87, "success@3": 0.97, "mrr@5": 0.91, "answer_sentence": 0.77, "abstention": 0.97},
    # Written blind at the start of the twenty-first session (asking for someone else; skincare jargon) as
    # holdout41 and holdout42 and scored twice: on the code as the session began (S@1 .767 and .917, S@3 .933 and
    # .950, refused .95 and .85, wrongly refused .050 and .050) and at its end (the same), then tuned on in the
    # twenty-second.
    "dev70": {"success@1": 0.80, "success@3": 0.93, "mrr@5": 0.87, "answer_sentence": 0.72, "abstention": 0.92},
    "dev71": {"success@1": 0.90, "success@3": 0.95, "mrr@5": 0.92, "answer_sentence": 0.80, "abstention": 0.82},
    # Written at the start of the twenty-second session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (nervous first-timers; front-desk shorthand), to tune on. First scored S@1
    # .833 and .883, S@3 .917 and .967, refused .80 and .90, wrongly refused .067 and .033.
    "dev72": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.90, "answer_sentence": 0.87, "abstention": 0.82},
    "dev73": {"success@1": 0.88, "success@3": 0.97, "mrr@5": 0.92, "answer_sentence": 0.87, "abstention": 0.92},
    # Written blind at the start of the twenty-second session (nervous first-timers; front-desk shorthand) as
    # holdout43 and holdout44 and scored twice: on the code as the session began (S@1 .833 and .883, S@3 .900 and
    # .950, refused .95 and .85, wrongly refused .017 and .033) and at its end (S@1 .833 and .900, S@3 .900 and
    # .967, refused .95 and .85, wrongly refused .017 and .017), then tuned on in the twenty-third.
    "dev74": {"success@1": 0.80, "success@3": 0.90, "mrr@5": 0.86, "answer_sentence": 0.72, "abstention": 0.92},
    "dev75": {"success@1": 0.87, "success@3": 0.95, "mrr@5": 0.90, "answer_sentence": 0.85, "abstention": 0.92},
    # Written at the start of the twenty-third session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (clients texting in the days after a treatment; people checking what
    # clinics' websites and adverts claim), to tune on. First scored S@1 .767 and .817, S@3 .883 and .933, refused
    # .80 and .90, wrongly refused .033 and .050.
    "dev76": {"success@1": 0.85, "success@3": 0.93, "mrr@5": 0.89, "answer_sentence": 0.75, "abstention": 0.87},
    "dev77": {"success@1": 0.90, "success@3": 0.97, "mrr@5": 0.94, "answer_sentence": 0.87, "abstention": 0.87},
    # Written blind at the start of the twenty-third session (clients texting in the days after a treatment;
    # people checking clinics' claims) as holdout45 and holdout46 and scored twice: on the code as the session
    # began (S@1 .717 and .800, S@3 .867 and .867, refused .80 and .75, wrongly refused .083 and .083) and at its
    # end (S@1 .733 and .850, S@3 .883 and .917, refused .85 and .75, wrongly refused .050 and .050), then tuned on
    # in the twenty-fourth.
    "dev78": {"success@1": 0.77, "success@3": 0.90, "mrr@5": 0.82, "answer_sentence": 0.68, "abstention": 0.87},
    "dev79": {"success@1": 0.87, "success@3": 0.95, "mrr@5": 0.89, "answer_sentence": 0.83, "abstention": 0.77},
    # Written at the start of the twenty-fourth session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (home roller users; clients fitting it around their routine), to tune on.
    # First scored S@1 .733 and .783, S@3 .867 and .883, refused .75 and .85, wrongly refused .067 and .067.
    "dev80": {"success@1": 0.75, "success@3": 0.93, "mrr@5": 0.83, "answer_sentence": 0.70, "abstention": 0.82},
    "dev81": {"success@1": 0.85, "success@3": 0.90, "mrr@5": 0.86, "answer_sentence": 0.83, "abstention": 0.92},
    # Written blind at the start of the twenty-fourth session (home roller users; clients fitting it around their
    # routine) as holdout47 and holdout48 and scored twice: on the code as the session began (S@1 .733 and .783, S@3
    # .933 and .883, refused .75 and 1.00, wrongly refused .067 and .100) and at its end (S@1 .783 and .783, S@3 .967
    # and .883, refused .80 and 1.00, wrongly refused .033 and .100), then tuned on in the twenty-fifth.
    "dev82": {"success@1": 0.80, "success@3": 0.93, "mrr@5": 0.85, "answer_sentence": 0.75, "abstention": 0.82},
    "dev83": {"success@1": 0.77, "success@3": 0.87, "mrr@5": 0.81, "answer_sentence": 0.75, "abstention": 0.97},
    # Written at the start of the twenty-fifth session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (people checking myths and sceptics; returning clients), to tune on. First
    # scored S@1 .817 and .733, S@3 .900 and .867, refused .90 and .90, wrongly refused .050 and .067.
    "dev84": {"success@1": 0.87, "success@3": 0.92, "mrr@5": 0.90, "answer_sentence": 0.85, "abstention": 0.87},
    "dev85": {"success@1": 0.80, "success@3": 0.95, "mrr@5": 0.87, "answer_sentence": 0.72, "abstention": 0.87},
    # Written blind at the start of the twenty-fifth session (people checking myths and sceptics; returning clients)
    # as holdout49 and holdout50 and scored twice: on the code as the session began (S@1 .833 and .750, S@3 .933 and
    # .833, refused .85 and 1.00, wrongly refused .067 and .067) and at its end (S@1 .833 and .800, S@3 .933 and
    # .917, refused .85 and 1.00, wrongly refused .067 and .033), then tuned on in the twenty-sixth.
    "dev86": {"success@1": 0.83, "success@3": 0.93, "mrr@5": 0.88, "answer_sentence": 0.83, "abstention": 0.82},
    "dev87": {"success@1": 0.80, "success@3": 0.88, "mrr@5": 0.84, "answer_sentence": 0.72, "abstention": 0.97},
    # Written at the start of the twenty-sixth session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (people asking "what if"; people asking about one body area or mark), to tune
    # on. First scored S@1 .867 and .883, S@3 .883 and .983, refused .90 and .65, wrongly refused .067 and .017.
    "dev88": {"success@1": 0.90, "success@3": 0.90, "mrr@5": 0.91, "answer_sentence": 0.83, "abstention": 0.87},
    "dev89": {"success@1": 0.90, "success@3": 0.97, "mrr@5": 0.92, "answer_sentence": 0.87, "abstention": 0.72},
    # Written blind at the start of the twenty-sixth session ("what if" askers; one body area or mark) as holdout51
    # and holdout52 and scored twice: on the code as the session began (S@1 .833 and .850, S@3 .917 and .917,
    # refused .90 and .80, wrongly refused .050 and .017) and at its end (S@1 .850 and .850, S@3 .933 and .917,
    # refused .90 and .85, wrongly refused .033 and .017), then tuned on in the twenty-seventh.
    "dev90": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.90, "answer_sentence": 0.83, "abstention": 0.87},
    "dev91": {"success@1": 0.85, "success@3": 0.90, "mrr@5": 0.88, "answer_sentence": 0.77, "abstention": 0.82},
    # Written at the start of the twenty-seventh session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (people getting ready for a booked appointment; people asking how and why
    # it works), to tune on. First scored S@1 .883 and .917, S@3 .933 and 1.000, refused .70 and .90, wrongly
    # refused .033 and 0.
    "dev92": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.90, "answer_sentence": 0.85, "abstention": 0.67},
    "dev93": {"success@1": 0.88, "success@3": 0.97, "mrr@5": 0.92, "answer_sentence": 0.82, "abstention": 0.92},
    # Written blind at the start of the twenty-seventh session (getting ready for an appointment; how and why it
    # works) as holdout53 and holdout54 and scored twice: on the code as the session began (S@1 .783 and .883, S@3
    # .933 and .983, refused .90 and 1.00, wrongly refused .050 and 0) and at its end (S@1 .800 and .883, S@3 .933
    # and .983, refused .90 and 1.00, wrongly refused .050 and 0), then tuned on in the twenty-eighth.
    "dev94": {"success@1": 0.85, "success@3": 0.95, "mrr@5": 0.90, "answer_sentence": 0.83, "abstention": 0.87},
    "dev95": {"success@1": 0.85, "success@3": 0.95, "mrr@5": 0.90, "answer_sentence": 0.77, "abstention": 0.97},
    # Written at the start of the twenty-eighth session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (long messages that tell a story before asking; people asking for or about
    # someone else), to tune on. First scored S@1 .717 and .833, S@3 .867 and .900, refused .40 and .95, wrongly
    # refused .083 and .083.
    "dev96": {"success@1": 0.72, "success@3": 0.87, "mrr@5": 0.79, "answer_sentence": 0.65, "abstention": 0.42},
    "dev97": {"success@1": 0.85, "success@3": 0.90, "mrr@5": 0.88, "answer_sentence": 0.80, "abstention": 0.92},
    # Written blind at the start of the twenty-eighth session (long messages that tell a story first; asking for or
    # about someone else) as holdout55 and holdout56 and scored twice: on the code as the session began and at its
    # end, both times S@1 .750 and .867, S@3 .900 and .917, refused .75 and .85, wrongly refused .050 and .033;
    # then tuned on in the twenty-ninth.
    "dev98": {"success@1": 0.75, "success@3": 0.87, "mrr@5": 0.82, "answer_sentence": 0.68, "abstention": 0.72},
    "dev99": {"success@1": 0.87, "success@3": 0.90, "mrr@5": 0.89, "answer_sentence": 0.80, "abstention": 0.82},
    # Written at the start of the twenty-ninth session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (phone calls as a receptionist logs them; people whose job shapes the
    # question), to tune on. First scored S@1 .800 and .883, S@3 .950 and .933, refused 1.00 and .60, wrongly
    # refused .017 and .067.
    "dev100": {"success@1": 0.85, "success@3": 0.92, "mrr@5": 0.89, "answer_sentence": 0.82, "abstention": 0.97},
    "dev101": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.89, "answer_sentence": 0.87, "abstention": 0.62},
    # Written blind at the start of the twenty-ninth session (phone calls; people whose job shapes the question)
    # as holdout57 and holdout58 and scored twice: on the code as the session began and at its end, both times
    # S@1 .950 and .817, S@3 .983 and .917, refused .95 and .95, wrongly refused .017 and .083; then tuned on in
    # the thirtieth.
    "dev102": {"success@1": 0.92, "success@3": 0.97, "mrr@5": 0.95, "answer_sentence": 0.87, "abstention": 0.92},
    "dev103": {"success@1": 0.78, "success@3": 0.88, "mrr@5": 0.83, "answer_sentence": 0.73, "abstention": 0.97},
    # Written at the start of the thirtieth session by helpers who saw only the documents, in the kinds of the two
    # blind sets written with them (asking in the negative: what not to do, who cannot have it, "it doesn't hurt,
    # does it"; weighing whether it is worth the money and time), to tune on. First scored S@1 .750 and .900, S@3
    # .800 and 1.000, refused .95 and .85, wrongly refused .150 and 0.
    "dev104": {"success@1": 0.87, "success@3": 0.90, "mrr@5": 0.89, "answer_sentence": 0.83, "abstention": 0.92},
    "dev105": {"success@1": 0.90, "success@3": 0.97, "mrr@5": 0.93, "answer_sentence": 0.90, "abstention": 0.82},
    # Written blind at the start of the thirtieth session (asking in the negative; weighing value for money) as
    # holdout59 and holdout60 and scored twice: on the code as the session began (S@1 .800 and .883, S@3 .900 and
    # .967, refused 1.00 and .95, wrongly refused .067 and .017) and at its end (S@1 .817 and .883, S@3 .917 and
    # .967, the same refusals); then tuned on in the thirty-first.
    "dev106": {"success@1": 0.83, "success@3": 0.93, "mrr@5": 0.88, "answer_sentence": 0.82, "abstention": 0.97},
    "dev107": {"success@1": 0.87, "success@3": 0.95, "mrr@5": 0.91, "answer_sentence": 0.85, "abstention": 0.92},
    # Written at the start of the thirty-first session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (people who have had it and worry about what their skin is doing now; people
    # planning around dates, seasons and how long things take), to tune on. First scored S@1 .650 and .833, S@3 .817
    # and .867, refused .90 and .85, wrongly refused .117 and .083.
    "dev108": {"success@1": 0.72, "success@3": 0.85, "mrr@5": 0.78, "answer_sentence": 0.65, "abstention": 0.92},
    "dev109": {"success@1": 0.83, "success@3": 0.87, "mrr@5": 0.85, "answer_sentence": 0.80, "abstention": 0.87},
    # Written blind at the start of the thirty-first session (worries after the treatment; planning around time)
    # as holdout61 and holdout62 and scored twice: on the code as the session began and at its end, with the same
    # figures both times (S@1 .767 and .817, S@3 .933 and .933, refused .80 and .95, wrongly refused .017 and
    # .033); then tuned on in the thirty-second.
    "dev110": {"success@1": 0.73, "success@3": 0.90, "mrr@5": 0.82, "answer_sentence": 0.65, "abstention": 0.82},
    "dev111": {"success@1": 0.80, "success@3": 0.93, "mrr@5": 0.86, "answer_sentence": 0.67, "abstention": 0.97},
    # Written at the start of the thirty-second session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (people who work or play outdoors fitting it round sun, sweat, water and
    # work; people told two different things asking which is right), to tune on. First scored S@1 .883 and .817,
    # S@3 .950 and .950, refused .95 and .75, wrongly refused .033 and .017 (dev112 refused 1.00 on the code as
    # the session began; the comparative search, made before the sets arrived, answers one more).
    "dev112": {"success@1": 0.90, "success@3": 0.95, "mrr@5": 0.92, "answer_sentence": 0.82, "abstention": 0.92},
    "dev113": {"success@1": 0.78, "success@3": 0.92, "mrr@5": 0.85, "answer_sentence": 0.70, "abstention": 0.77},
    # Written blind at the start of the thirty-second session (outdoor lives; two sources that disagree) as
    # holdout63 and holdout64 and scored twice: on the code as the session began and at its end, with the same
    # figures both times (S@1 .850 and .850, S@3 .983 and .967, refused .95 and .90, wrongly refused .017 and
    # .017); then tuned on in the thirty-third.
    "dev114": {"success@1": 0.82, "success@3": 0.97, "mrr@5": 0.90, "answer_sentence": 0.77, "abstention": 0.92},
    "dev115": {"success@1": 0.82, "success@3": 0.95, "mrr@5": 0.89, "answer_sentence": 0.80, "abstention": 0.87},
    # Written at the start of the thirty-third session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (two or three questions in one message; other skincare and treatments and
    # how microneedling fits with them), to tune on. First scored S@1 .900 and .933, S@3 .967 and .983, refused
    # .95 and .85, wrongly refused .017 and .017.
    "dev116": {"success@1": 0.87, "success@3": 0.95, "mrr@5": 0.90, "answer_sentence": 0.82, "abstention": 0.92},
    "dev117": {"success@1": 0.90, "success@3": 0.97, "mrr@5": 0.94, "answer_sentence": 0.85, "abstention": 0.87},
    # Written in the thirty-third session, after the first tuning, by two more helpers in the same two kinds (dev118:
    # other skincare and treatments, written because holdout66 had scored well under dev117; dev119: several
    # questions in one message). First scored S@1 .800 and .950, S@3 .883 and .967, refused .95 and .85, wrongly
    # refused .083 and .033.
    "dev118": {"success@1": 0.80, "success@3": 0.90, "mrr@5": 0.84, "answer_sentence": 0.72, "abstention": 0.92},
    "dev119": {"success@1": 0.92, "success@3": 0.93, "mrr@5": 0.92, "answer_sentence": 0.88, "abstention": 0.82},
    # Written blind at the start of the thirty-third session (several questions in one message; other skincare and
    # treatments) as holdout65 and holdout66 and scored on the code as the session began and at its end, with the
    # same figures both times (S@1 .867 and .800, S@3 .933 and .883, refused .95 and .80, wrongly refused .050 and
    # .100); then tuned on in the thirty-fourth.
    "dev120": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.91, "answer_sentence": 0.80, "abstention": 0.92},
    "dev121": {"success@1": 0.80, "success@3": 0.88, "mrr@5": 0.84, "answer_sentence": 0.78, "abstention": 0.82},
    # Written at the start of the thirty-fourth session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (people who state what they believe and ask to have it confirmed; people who
    # want a number: how long, how many, how soon), to tune on. First scored S@1 .850 and .750, S@3 .900 and .833,
    # refused .75 and .80, wrongly refused .067 and .117.
    "dev122": {"success@1": 0.85, "success@3": 0.90, "mrr@5": 0.88, "answer_sentence": 0.82, "abstention": 0.92},
    "dev123": {"success@1": 0.80, "success@3": 0.90, "mrr@5": 0.84, "answer_sentence": 0.77, "abstention": 0.92},
    # Written in the thirty-fourth session, after the first tuning, by two more helpers in the same two kinds (dev124:
    # beliefs to confirm; dev125: a number asked for). First scored S@1 .917 and .717, S@3 .967 and .883, refused
    # .90 and 1.00, wrongly refused 0 and .067 (the session-start code: the same but refused .80 and .95).
    "dev124": {"success@1": 0.88, "success@3": 0.93, "mrr@5": 0.91, "answer_sentence": 0.83, "abstention": 0.92},
    "dev125": {"success@1": 0.72, "success@3": 0.87, "mrr@5": 0.80, "answer_sentence": 0.63, "abstention": 0.97},
    # Written blind at the start of the thirty-fourth session (beliefs to confirm; a number asked for) as holdout67
    # and holdout68, scored on the code as that session began (S@1 .750 and .733, S@3 .883 and .850, refused .75 and
    # 1.00, wrongly refused .050 and .117) and at its end (S@1 .783 and .783, S@3 .900 and .883, refused .85 and
    # 1.00, wrongly refused .033 and .083); then tuned on in the thirty-fifth.
    "dev126": {"success@1": 0.80, "success@3": 0.93, "mrr@5": 0.86, "answer_sentence": 0.75, "abstention": 0.87},
    "dev127": {"success@1": 0.77, "success@3": 0.88, "mrr@5": 0.82, "answer_sentence": 0.68, "abstention": 0.97},
    # Written at the start of the thirty-fifth session by helpers who saw only the documents, in the kinds of the two
    # blind sets written with them (people who describe what they do not know the name of: "the little dents left
    # from spots"; new staff asking what to tell clients), to tune on. First scored S@1 .800 and .883, S@3 .917 and
    # .933, refused .75 and 1.00, wrongly refused .033 and .050.
    "dev128": {"success@1": 0.83, "success@3": 0.93, "mrr@5": 0.88, "answer_sentence": 0.78, "abstention": 0.77},
    "dev129": {"success@1": 0.92, "success@3": 0.95, "mrr@5": 0.93, "answer_sentence": 0.85, "abstention": 0.97},
    # Written in the thirty-fifth session, after the first tuning, by two more helpers, both in the kind of holdout69
    # (now dev132: things described, not named). First scored S@1 .917 and .833, S@3 .933 and .983, refused .95 and
    # .70, wrongly refused .033 and .017 (the session-start code: S@1 .900 and .817, S@3 .917 and .967, the same
    # refusals).
    "dev130": {"success@1": 0.93, "success@3": 0.95, "mrr@5": 0.94, "answer_sentence": 0.88, "abstention": 0.92},
    "dev131": {"success@1": 0.80, "success@3": 0.95, "mrr@5": 0.86, "answer_sentence": 0.72, "abstention": 0.77},
    # Written blind at the start of the thirty-fifth session (things described, not named; new staff) as holdout69
    # and holdout70, scored on the code as that session began (S@1 .833 and .883, S@3 .917 and .950, refused .80 and
    # .95, wrongly refused .033 and .017) and at its end (S@1 .833 and .917, S@3 .917 and .967, refused .85 and .95,
    # wrongly refused .033 and 0); then tuned on in the thirty-sixth.
    "dev132": {"success@1": 0.80, "success@3": 0.88, "mrr@5": 0.85, "answer_sentence": 0.72, "abstention": 0.82},
    "dev133": {"success@1": 0.88, "success@3": 0.92, "mrr@5": 0.91, "answer_sentence": 0.85, "abstention": 0.92},
    # Written at the start of the thirty-sixth session by helpers who saw only the documents, in the kinds of the two
    # blind sets written with them (people who want the visit walked through in order: "what happens after the
    # numbing stuff goes on"; staff finding a passage to read out: "find me the bit about numbing cream"), to tune
    # on. First scored S@1 .833 and .900, S@3 .917 and .933, refused .85 and .90, wrongly refused .033 and .050.
    "dev134": {"success@1": 0.85, "success@3": 0.95, "mrr@5": 0.90, "answer_sentence": 0.80, "abstention": 0.97},
    "dev135": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.90, "answer_sentence": 0.85, "abstention": 0.92},
    # Written in the thirty-sixth session, after the first tuning, by two more helpers in the same two kinds. First
    # scored S@1 .817 and .933, S@3 .883 and .933, refused .90 and .95, wrongly refused .067 and .050 (the
    # session-start code: S@1 .817 and .883, S@3 .883 and .883, refused .80 and .95, wrongly refused .067 and .100).
    "dev136": {"success@1": 0.82, "success@3": 0.90, "mrr@5": 0.85, "answer_sentence": 0.77, "abstention": 0.92},
    "dev137": {"success@1": 0.93, "success@3": 0.93, "mrr@5": 0.94, "answer_sentence": 0.82, "abstention": 0.92},
    # Written blind at the start of the thirty-sixth session (the visit walked through; a passage to find) as
    # holdout71 and holdout72, scored on the code as that session began (S@1 .867 and .833, S@3 .917 and .883,
    # refused .75 and .85, wrongly refused .050 and .117) and at its end (S@1 .917 and .933, S@3 .967 and .983,
    # refused .90 and .85, wrongly refused .017 and .017); then tuned on in the thirty-seventh.
    "dev138": {"success@1": 0.88, "success@3": 0.93, "mrr@5": 0.91, "answer_sentence": 0.87, "abstention": 0.87},
    "dev139": {"success@1": 0.90, "success@3": 0.95, "mrr@5": 0.92, "answer_sentence": 0.85, "abstention": 0.82},
    # Written at the start of the thirty-seventh session by helpers who saw only the documents, in the kinds of the
    # two blind sets written with them (clients who misspell, every question with mangled words; formal letters
    # wrapped in courtesy), to tune on. First scored S@1 .717 and .617, S@3 .817 and .733, refused .95 and .70,
    # wrongly refused .183 and .167.
    "dev140": {"success@1": 0.80, "success@3": 0.92, "mrr@5": 0.85, "answer_sentence": 0.75, "abstention": 0.92},
    "dev141": {"success@1": 0.73, "success@3": 0.92, "mrr@5": 0.83, "answer_sentence": 0.65, "abstention": 0.77},
    # Written in the thirty-seventh session, after the first tuning, by two more helpers in the same two kinds. First
    # scored S@1 .800 and .767, S@3 .917 and .883, refused .95 and .75, wrongly refused .067 and .067 (the
    # session-start code: S@1 .700 and .717, S@3 .833 and .850, refused .95 and .70, wrongly refused .167 and .083).
    "dev142": {"success@1": 0.77, "success@3": 0.88, "mrr@5": 0.82, "answer_sentence": 0.73, "abstention": 0.92},
    "dev143": {"success@1": 0.78, "success@3": 0.92, "mrr@5": 0.84, "answer_sentence": 0.67, "abstention": 0.72},
    # Written late in the thirty-seventh session in two kinds no set had yet (people describing their own skin type
    # or tone; a conversation's next question, referring back to what was just read), to see how the engine meets
    # new kinds. First scored S@1 .750 and .917, S@3 .933 and 1.000, refused .85 and .90, wrongly refused .050 and 0
    # (the session-start code: the same).
    "dev144": {"success@1": 0.72, "success@3": 0.90, "mrr@5": 0.80, "answer_sentence": 0.70, "abstention": 0.82},
    "dev145": {"success@1": 0.88, "success@3": 0.97, "mrr@5": 0.92, "answer_sentence": 0.80, "abstention": 0.87},
    # Written blind at the start of the thirty-seventh session (misspellers; formal letters) as holdout73 and
    # holdout74, scored on the code as the session began (S@1 .733 and .750, S@3 .817 and .800, refused .95 and .65,
    # wrongly refused .183 and .150) and at its end (S@1 .767 and .783, S@3 .850 and .833, refused .95 and .65,
    # wrongly refused .150 and .117); renamed to tune on in the thirty-eighth.
    "dev146": {"success@1": 0.73, "success@3": 0.82, "mrr@5": 0.77, "answer_sentence": 0.68, "abstention": 0.92},
    "dev147": {"success@1": 0.75, "success@3": 0.80, "mrr@5": 0.78, "answer_sentence": 0.67, "abstention": 0.62},
    # Written at the start of the thirty-eighth session by helpers who saw only the documents and the issue's own
    # brief (staff and clients' words: short, informal, sometimes misspelt; FAQs; questions the documents cannot
    # answer), no style imposed beyond it, to tune on. First scored S@1 .900 and .900, S@3 .967 and .967, refused
    # 1.00 and .90, wrongly refused 0 and 0.
    "dev148": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.90, "answer_sentence": 0.75, "abstention": 0.97},
    "dev149": {"success@1": 0.87, "success@3": 0.93, "mrr@5": 0.90, "answer_sentence": 0.77, "abstention": 0.87},
    # Written in the thirty-eighth session from the brief read strictly (many questions misspelt), like holdout79 and
    # holdout80, by two other helpers, to tune on. First scored S@1 .917 and .933, S@3 .983 and 1.000, refused .90
    # and 1.00, wrongly refused .017 and 0 (the session-start code: the same).
    "dev150": {"success@1": 0.88, "success@3": 0.95, "mrr@5": 0.91, "answer_sentence": 0.73, "abstention": 0.87},
    "dev151": {"success@1": 0.90, "success@3": 0.97, "mrr@5": 0.93, "answer_sentence": 0.82, "abstention": 0.97},
    # Written blind at the start of the thirty-eighth session from the same brief, by two other helpers; scored on
    # the code as the session began (S@1 .900 and .917, S@3 .950 and 1.000, refused .95 and .95, wrongly refused
    # .017 and 0); never tuned on.
    "holdout75": {"success@1": 0.87, "success@3": 0.92, "mrr@5": 0.90, "answer_sentence": 0.78, "abstention": 0.92},
    "holdout76": {"success@1": 0.88, "success@3": 0.97, "mrr@5": 0.92, "answer_sentence": 0.80, "abstention": 0.92},
    # Written blind later in the thirty-eighth session from the same brief, by two more helpers, after holdout75 and
    # holdout76 had been scored; scored on the code as the session began (S@1 .950 and .917, S@3 1.000 and .983,
    # refused 1.00 and 1.00, wrongly refused 0 and .017); never tuned on.
    "holdout77": {"success@1": 0.92, "success@3": 0.97, "mrr@5": 0.93, "answer_sentence": 0.73, "abstention": 0.97},
    "holdout78": {"success@1": 0.88, "success@3": 0.95, "mrr@5": 0.91, "answer_sentence": 0.78, "abstention": 0.97},
    # Written blind in the thirty-eighth session from the same brief read strictly (the brief's "short, informal,
    # misspelt" taken at its word: many questions misspelt), by two more helpers; scored on the code as the session
    # began (S@1 .867 and .867, S@3 .933 and .933, refused 1.00 and 1.00, wrongly refused .050 and .067).
    "holdout79": {"success@1": 0.83, "success@3": 0.90, "mrr@5": 0.87, "answer_sentence": 0.70, "abstention": 0.97},
    "holdout80": {"success@1": 0.83, "success@3": 0.90, "mrr@5": 0.87, "answer_sentence": 0.68, "abstention": 0.97},
}
CEILINGS = {
    "dev": {"false_abstention": 0.03},
    "dev4_5": {"false_abstention": 0.04},
    "dev6_7": {"false_abstention": 0.04},
    "dev8": {"false_abstention": 0.03},
    "dev9": {"false_abstention": 0.03},
    "dev10": {"false_abstention": 0.03},
    "dev11": {"false_abstention": 0.04},
    "holdout": {"false_abstention": 0.06},
    "holdout4": {"false_abstention": 0.03},
    "dev12": {"false_abstention": 0.04},
    "dev13": {"false_abstention": 0.05},
    "dev14": {"false_abstention": 0.04},
    "dev15": {"false_abstention": 0.03},
    "dev16": {"false_abstention": 0.03},
    "dev17": {"false_abstention": 0.03},
    "dev18": {"false_abstention": 0.07},
    "dev19": {"false_abstention": 0.03},
    "dev20": {"false_abstention": 0.03},
    "dev21": {"false_abstention": 0.08},
    "dev22": {"false_abstention": 0.04},
    "dev23": {"false_abstention": 0.04},
    "dev24": {"false_abstention": 0.03},
    "dev25": {"false_abstention": 0.04},
    "dev26": {"false_abstention": 0.03},
    "dev27": {"false_abstention": 0.04},
    "dev28": {"false_abstention": 0.08},
    "dev29": {"false_abstention": 0.08},
    "dev30": {"false_abstention": 0.05},
    "dev31": {"false_abstention": 0.04},
    "dev32": {"false_abstention": 0.03},
    "dev33": {"false_abstention": 0.06},
    "dev34": {"false_abstention": 0.10},
    "dev35": {"false_abstention": 0.05},
    "dev36": {"false_abstention": 0.04},
    "dev37": {"false_abstention": 0.05},
    "dev38": {"false_abstention": 0.03},
    "dev39": {"false_abstention": 0.03},
    "dev40": {"false_abstention": 0.08},
    "dev41": {"false_abstention": 0.03},
    "dev42": {"false_abstention": 0.10},
    "dev43": {"false_abstention": 0.04},
    "dev44": {"false_abstention": 0.08},
    "dev45": {"false_abstention": 0.02},
    "dev46": {"false_abstention": 0.05},
    "dev47": {"false_abstention": 0.02},
    "dev48": {"false_abstention": 0.03},
    "dev49": {"false_abstention": 0.05},
    "dev50": {"false_abstention": 0.05},
    "dev51": {"false_abstention": 0.08},
    "dev52": {"false_abstention": 0.07},
    "dev53": {"false_abstention": 0.03},
    "dev54": {"false_abstention": 0.03},
    "dev55": {"false_abstention": 0.03},
    "dev56": {"false_abstention": 0.03},
    "dev57": {"false_abstention": 0.08},
    "dev58": {"false_abstention": 0.10},
    "dev59": {"false_abstention": 0.08},
    "dev60": {"false_abstention": 0.03},
    "dev61": {"false_abstention": 0.05},
    "dev62": {"false_abstention": 0.05},
    "dev63": {"false_abstention": 0.08},
    "dev64": {"false_abstention": 0.10},
    "dev65": {"false_abstention": 0.03},
    "dev66": {"false_abstention": 0.12},
    "dev67": {"false_abstention": 0.05},
    "dev68": {"false_abstention": 0.03},
    "dev69": {"false_abstention": 0.03},
    "dev70": {"false_abstention": 0.05},
    "dev71": {"false_abstention": 0.05},
    "dev72": {"false_abstention": 0.05},
    "dev73": {"false_abstention": 0.03},
    "dev74": {"false_abstention": 0.05},
    "dev75": {"false_abstention": 0.05},
    "dev76": {"false_abstention": 0.03},
    "dev77": {"false_abstention": 0.03},
    "dev78": {"false_abstention": 0.03},
    "dev79": {"false_abstention": 0.03},
    "dev80": {"false_abstention": 0.03},
    "dev81": {"false_abstention": 0.07},
    "dev82": {"false_abstention": 0.07},
    "dev83": {"false_abstention": 0.10},
    "dev84": {"false_abstention": 0.05},
    "dev85": {"false_abstention": 0.05},
    "dev86": {"false_abstention": 0.08},
    "dev87": {"false_abstention": 0.07},
    "dev88": {"false_abstention": 0.05},
    "dev89": {"false_abstention": 0.03},
    "dev90": {"false_abstention": 0.05},
    "dev91": {"false_abstention": 0.05},
    "dev92": {"false_abstention": 0.06},
    "dev93": {"false_abstention": 0.03},
    "dev94": {"false_abstention": 0.05},
    "dev95": {"false_abstention": 0.03},
    "dev96": {"false_abstention": 0.08},
    "dev97": {"false_abstention": 0.08},
    "dev98": {"false_abstention": 0.08},
    "dev99": {"false_abstention": 0.05},
    "dev100": {"false_abstention": 0.05},
    "dev101": {"false_abstention": 0.08},
    "dev102": {"false_abstention": 0.03},
    "dev103": {"false_abstention": 0.12},
    "dev104": {"false_abstention": 0.07},
    "dev105": {"false_abstention": 0.03},
    "dev106": {"false_abstention": 0.08},
    "dev107": {"false_abstention": 0.03},
    "dev108": {"false_abstention": 0.12},
    "dev109": {"false_abstention": 0.10},
    "dev110": {"false_abstention": 0.05},
    "dev111": {"false_abstention": 0.05},
    "dev112": {"false_abstention": 0.05},
    "dev113": {"false_abstention": 0.05},
    "dev114": {"false_abstention": 0.03},
    "dev115": {"false_abstention": 0.03},
    "dev116": {"false_abstention": 0.05},
    "dev117": {"false_abstention": 0.03},
    "dev118": {"false_abstention": 0.08},
    "dev119": {"false_abstention": 0.07},
    "dev120": {"false_abstention": 0.08},
    "dev121": {"false_abstention": 0.10},
    "dev122": {"false_abstention": 0.08},
    "dev123": {"false_abstention": 0.08},
    "dev124": {"false_abstention": 0.03},
    "dev125": {"false_abstention": 0.08},
    "dev126": {"false_abstention": 0.05},
    "dev127": {"false_abstention": 0.08},
    "dev128": {"false_abstention": 0.06},
    "dev129": {"false_abstention": 0.03},
    "dev130": {"false_abstention": 0.06},
    "dev131": {"false_abstention": 0.05},
    "dev132": {"false_abstention": 0.06},
    "dev133": {"false_abstention": 0.03},
    "dev134": {"false_abstention": 0.03},
    "dev135": {"false_abstention": 0.05},
    "dev136": {"false_abstention": 0.07},
    "dev137": {"false_abstention": 0.05},
    "dev138": {"false_abstention": 0.05},
    "dev139": {"false_abstention": 0.05},
    "dev140": {"false_abstention": 0.08},
    "dev141": {"false_abstention": 0.03},
    "dev142": {"false_abstention": 0.10},
    "dev143": {"false_abstention": 0.05},
    "dev144": {"false_abstention": 0.08},
    "dev145": {"false_abstention": 0.03},
    "dev146": {"false_abstention": 0.18},
    "dev147": {"false_abstention": 0.15},
    "dev148": {"false_abstention": 0.03},
    "dev149": {"false_abstention": 0.03},
    "dev150": {"false_abstention": 0.05},
    "dev151": {"false_abstention": 0.03},
    "holdout75": {"false_abstention": 0.05},
    "holdout76": {"false_abstention": 0.03},
    "holdout77": {"false_abstention": 0.03},
    "holdout78": {"false_abstention": 0.05},
    "holdout79": {"false_abstention": 0.08},
    "holdout80": {"false_abstention": 0.10},
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_corpus(ROOT / "corpus")


def test_every_gold_snippet_is_corpus_text() -> None:
    corpus_lines = [line for p in (ROOT / "corpus").glob("*.txt") for line in p.read_text(encoding="utf-8").splitlines()]
    for path in sorted(EVAL.glob("*.jsonl")):
        for case in load_cases(path):
            for gold in case.gold:
                assert any(gold in line for line in corpus_lines), (path.name, case.question, gold)


def test_the_question_sets_are_big_enough_and_varied() -> None:
    cases = [c for p in eval_sets("all", EVAL) for c in load_cases(p)]
    assert len(cases) >= 80
    assert sum(not c.gold for c in cases) >= 20
    # A third of the first set written (dev.jsonl + holdout.jsonl) was set aside; dev2.jsonl came later.
    holdout, dev = load_cases(EVAL / "holdout.jsonl"), load_cases(EVAL / "dev.jsonl")
    assert len(holdout) * 2 >= len(dev) and sum(not c.gold for c in holdout) >= 10


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figures_stay_above_their_floors(engine: Engine, name: str) -> None:
    cases = [c for f in SETS[name] for c in load_cases(EVAL / f)]
    figures = evaluate(name, cases, lambda q, k: engine.ask(q, k)).figures()
    low = {k: (figures[k], floor) for k, floor in FLOORS[name].items() if figures[k] < floor}
    high = {k: (figures[k], ceiling) for k, ceiling in CEILINGS[name].items() if figures[k] > ceiling}
    assert not low and not high, (low, high)


def test_every_question_set_is_guarded_by_floors() -> None:
    guarded = {f for files in SETS.values() for f in files}
    assert {p.name for p in eval_sets("all", EVAL)} <= guarded
