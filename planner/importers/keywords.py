"""What an exercise's name and instructions say: its position, its sides, what it needs, banned moves.

Plain keyword rules on English text, shared by every importer. Each one errs on the safe side:
an exercise whose position no rule recognises is reported, never given a default; a mention of
an implement backplan has no word for keeps the exercise out; a sit-up or leg-raise variant the
rules cannot clear is banned. Names are read first (``Seated Cable Rows`` is seated), then the
first instruction sentence that names a position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "TWISTED_CRUNCH", "Ban", "find_ban", "find_position", "is_lunge", "is_one_sided", "needed_equipment", "unsuitable",
    "upper_body_position",
]

_I = re.IGNORECASE

# -- position ------------------------------------------------------------------------------------
# Read from a name: only words that state a position (a "Sit-Up" is not seated).
_NAME_POSITIONS: list[tuple[str, re.Pattern[str]]] = [
    ("side", re.compile(r"\bside[- ]lying\b|\bon your side\b|\bside (plank|bridge)\b", _I)),
    ("prone", re.compile(r"\bprone\b|\bface[- ]?down\b|\bpush[- ]?ups?\b|\bpushups?\b|\bplank\b", _I)),
    ("supine", re.compile(r"\bsupine\b|\bon[- ]your[- ]back\b|\bface[- ]?up\b|\bbench press\b|\bfloor press\b", _I)),
    ("quadruped", re.compile(r"\ball fours\b", _I)),
    ("seated", re.compile(r"\bseated\b|\bsitting\b", _I)),
    ("kneeling", re.compile(r"\bkneeling\b", _I)),
    ("standing", re.compile(r"\bstanding\b|\bbent[- ]over\b", _I)),
]
_LYING = re.compile(r"\blying\b", _I)

# Read from an instruction sentence; the earliest mention wins, except that "lie ... face down"
# is prone, "lie on your side" is side, and "kneel ... on all fours" is quadruped.
_SENTENCE_POSITIONS: dict[str, re.Pattern[str]] = {
    "side": re.compile(r"\bside[- ]lying\b|\b(lie|lying|lay) on (your|one|the) (left |right )?side\b|\bon your side\b", _I),
    "prone": re.compile(
        r"\bprone\b|\bface[- ]?down\b|\bfacing (the )?(floor|ground)\b|\bon your (stomach|belly|front)\b"
        r"|\bpush[- ]?up position\b|\bpushup position\b|\bplank position\b|\blean into an incline bench\b", _I),
    "quadruped": re.compile(r"\ball fours\b|\bhands,? (and )?knees\b|\bquadruped\b", _I),
    "kneeling": re.compile(r"\bkneel\w*\b|\bon (your|both|one) knees?\b", _I),
    "supine": re.compile(r"\bsupine\b|\bon your back\b|\bface[- ]?up\b|\b(lie|lies|lying|lay)\b|\bsit-?up position\b", _I),
    "seated": re.compile(
        r"\bsit(s|ting)?\b(?!-?ups?\b)(?! back\b)|\bsit back on\b|\bseated\b|\bseat yourself\b|\bknee pad\b"
        r"|\b(adjust|set) the seat\b|\bseat height\b|\bpreacher bench\b", _I),
    # Upright work named by its stance or its steps ("bent over", "staggered stance", "step forward"),
# and hanging from a bar (upright, the nearest word the vocabulary has).
    "standing": re.compile(
        r"\bstand(s|ing)?\b|\bstance\b|\bbent[- ]over\b|\bbend(ing)? (your torso )?(forward )?(at|from) the waist\b"
        r"|\bsteps? (forward|back|away)\b|\blung(e|es|ing)\b|\bwalk(ing)?\b|\bhang(s|ing)? from\b"
        # weights that hang at the sides, or a bar on the thighs with the arms straight, are held standing
        r"|\bhanging at your sides\b|\bresting on (the )?(top of )?your thighs with your arms extended\b"
        # hanging from a bar, the bar of a machine taken on the shoulders, a cardio machine stepped onto
        r"|\bfrom a hanging position\b|\bhang with\b|\b(grab|grasp)\b[^.]*\bpull-?up bar\b|\bbend over\b"
        r"|\bstep (under|onto)\b", _I),
}
_QUALIFIES = {"supine": ("prone", "side"), "kneeling": ("quadruped",)}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _sentence_position(sentence: str) -> str | None:
    hits = {p: m.start() for p, rx in _SENTENCE_POSITIONS.items() if (m := rx.search(sentence))}
    if not hits:
        return None
    first = min(hits, key=lambda p: hits[p])
    for refined in _QUALIFIES.get(first, ()):
        if refined in hits:
            return refined
    return first


def _sentences(steps: Sequence[str]) -> list[str]:
    return [s for step in steps for s in _SENTENCE_END.split(step) if s.strip()]


def find_position(name: str, steps: Sequence[str]) -> tuple[str | None, list[str]]:
    """The starting position and every other position mentioned, or ``(None, [])``."""
    sentences = _sentences(steps)
    from_steps = next((p for s in sentences if (p := _sentence_position(s))), None)
    start = next((p for p, rx in _NAME_POSITIONS if rx.search(name)), None)
    if start is None and _LYING.search(name):
        start = from_steps if from_steps in ("prone", "side", "supine") else "supine"
    start = start or from_steps
    if start is None:
        return None, []
    text = " ".join([name, *sentences])
    others = [p for p, rx in _SENTENCE_POSITIONS.items() if p != start and rx.search(text)]
    return start, others


_UPPER_BODY = re.compile(r"\b(arms?|shoulders?|elbows?|hands?|head|neck|fingers)\b", _I)
_NOT_UPPER_BODY = re.compile(
    r"\b(legs?|knees?|hips?|feet|foot|toes?|heels?|ankles?|floor|ground|bench|ball|bar|weights?|dumbbells?"
    r"|swing\w*|rotat\w*|twist\w*|waist)\b", _I)


def upper_body_position(name: str, steps: Sequence[str]) -> str | None:
    """``"seated"`` for unloaded work of the arms, shoulders, head or neck that names no position.

    Such work (a neck isometric, an arm-across-the-chest stretch) is done upright, seated or
    standing; backplan's conservative reading is seated, which asks nothing of balance. Anything
    that mentions the legs, the floor, an implement or a twist stays unrecognised.
    """
    text = " ".join([name, *steps])
    if steps and _UPPER_BODY.search(text) and not _NOT_UPPER_BODY.search(text):
        return "seated"
    return None


# -- sides ---------------------------------------------------------------------------------------
_ONE_SIDED_NAME = re.compile(
    r"\b(one|single)[- ](arm|arms|leg|legs|legged|hand|handed|knee|side|sided)\b|\bunilateral\b"
    r"|\bside[- ](plank|bridge|lying)\b", _I)
_ALTERNATING_NAME = re.compile(r"\balternat\w*", _I)
# Both sides at once by name: two arms, two weights, both hands on one bar with a mixed grip.
_TWO_SIDED_NAME = re.compile(
    r"\btwo[- ](arms?|hands?|legs?|dumbbells?|kettlebells?)\b|\bboth (arms|hands|legs)\b|\bmixed[- ]grip\b", _I)
# "the other side" that is a place ("on the other side of the plate", "above your head") and
# "other arm exercises" are not a change of side.
_NOT_A_SIDE = r"(?!\s+(of|above|below|exercises?)\b)"
_ONE_SIDED_STEPS = re.compile(
    r"\b(switch|swap|change|alternate|alternating)\s+(sides|legs|arms|hands|feet)\b"
    rf"|\b(the )?(other|opposite) (side|leg|arm|hand|foot|knee)\b{_NOT_A_SIDE}|\beach leg\b", _I)
# A side named in the steps: what makes an "Alternating" name one side at a time.
_A_SIDE = re.compile(
    r"\b(right|left)\b|\bone (arm|leg|hand|foot|side|dumbbell|kettlebell|weight|cable)\b"
    rf"|\b(other|opposite|working) (side|arm|leg|hand|foot|knee)\b{_NOT_A_SIDE}|\beach (arm|leg|side)\b", _I)
# A variation offered in passing ("You can also ... alternate hands") does not describe the exercise.
_VARIATION = re.compile(r"\byou (can|could|may) also\b|\bvariations?\b", _I)


def is_one_sided(name: str, steps: Sequence[str]) -> bool:
    """One side at a time (``One-Arm``, ``Single-Leg``, ``Side Plank``, "switch sides" ...).

    A two-sided name (``Two-Arm``, ``Two-Dumbbell``, ``Mixed-Grip``) is both sides, whatever the
    steps mention in passing; an ``Alternating`` name is one side at a time unless its steps name
    no side (``Alternating Deltoid Raise`` alternates front and side raises with both arms);
    sentences that offer a variation ("You can also ... alternate hands") are not read.
    """
    if _TWO_SIDED_NAME.search(name):
        return False
    text = " ".join(s for s in _sentences(steps) if not _VARIATION.search(s))
    if _ALTERNATING_NAME.search(name) and (not text or _A_SIDE.search(text)):
        return True
    return bool(_ONE_SIDED_NAME.search(name) or _ONE_SIDED_STEPS.search(text))


# -- equipment named in the text -----------------------------------------------------------------
# Implements with a vocabulary word: a mention adds the word (the person must own it).
_NAMED: dict[str, re.Pattern[str]] = {
    "dumbbells": re.compile(r"\bdumbbells?\b", _I),
    "barbell": re.compile(r"\bbarbells?\b(?! plates?\b)", _I),
    "cable_machine": re.compile(r"\bcables?\b|\bpulley\b", _I),
    "band": re.compile(r"(?<!\bIT )(?<!\bit )\bbands?\b", _I),
    "fitball": re.compile(r"\b(exercise|stability|swiss) balls?\b|\bphysio ?ball\b", _I),
    "bench": re.compile(r"\bbench(es)?\b", _I),
    "chair": re.compile(r"\bchairs?\b", _I),
    "mat": re.compile(r"\bmat\b", _I),
    "pillow": re.compile(r"\bpillow\b", _I),
    "kettlebell": re.compile(r"\bkettlebells?\b", _I),
    "medicine_ball": re.compile(r"\bmedicine balls?\b", _I),
    "weight_plate": re.compile(r"\bplates?\b", _I),
    "ez_bar": re.compile(r"\be-?z[- ]?(curl )?bar\b", _I),
    "weight_machine": re.compile(r"(?<!cable )(?<!pulley )\bmachine\b|\bsmith\b|\bleg press\b", _I),
    "adjustable_bench": re.compile(r"\b(incline|decline|preacher|adjustable)\s+bench\b", _I),
    "rack": re.compile(r"\brack\b|\bpins\b", _I),
    "pull_up_bar": re.compile(r"\b(pull|chin)[- ]?up bar\b|\bhang(ing)? from\b|\bbar above\b", _I),
    "step": re.compile(r"\bbox\b|\b(a|the) step\b|\bstairs?\b|\bplatform\b", _I),
    "foam_roller": re.compile(r"\bfoam roll", _I),
    "towel": re.compile(r"\btowel\b", _I),
    "bicycle": re.compile(r"\b(stationary|recumbent|exercise) (bike|bicycle)\b|\b(on|onto) (the|a) (bike|bicycle)\b", _I),
}
# A part of a listed implement is not an implement of its own: a cable machine's rope, stack and
# platform; a weight machine's platform and the rack of a Smith machine; the plates of a barbell
# or an EZ bar; the flat bench an adjustable one also is.
_PART_OF = {
    "cable_machine": ("weight_machine", "step"),
    "weight_machine": ("step", "rack"),
    "barbell": ("weight_plate",),
    "ez_bar": ("weight_plate", "barbell"),
    "adjustable_bench": ("bench",),
}
# Implements with no vocabulary word: a mention keeps the exercise out (reported by name).
# A partner has no word on purpose: stretches and resistance applied by another person go
# where the person cannot stop them (backplan's conservative choice).
_UNNAMED: dict[str, re.Pattern[str]] = {
    "partner": re.compile(r"\bpartner\b", _I),
    "parallel bars": re.compile(r"\bparallel bars\b|\bdip (bars?|station)\b|\babove the bars\b", _I),
    "suspension straps or rings": re.compile(r"\bsuspension\b|\bstraps\b|\btrx\b|\brings\b", _I),
    "hyperextension bench": re.compile(r"\bhyperextension\s+bench\b|\bleg raise bench\b", _I),
    "sled, landmine, trap bar or chains": re.compile(r"\bsled\b|\blandmine\b|\b(trap|hex) bar\b|\bchains?\b", _I),
    "rope": re.compile(r"\brope\b", _I),
    "ankle weight": re.compile(r"\bankle weights?\b", _I),
    "weight belt or neck harness": re.compile(r"\b(dip|weighted|weight) belt\b|\bneck strap\b|\bharness\b", _I),
    "balance board": re.compile(r"\bbalance board\b", _I),
    "roller or rolling pin": re.compile(r"\b(muscle|foot|wrist) roller\b|\brolling pin\b", _I),
    "pole or broomstick": re.compile(r"\bbroomstick\b|\bbody ?bar\b|\bpole\b", _I),
    "skates": re.compile(r"\bskat(e|es|ing)\b", _I),
}
_OPTIONAL = re.compile(r"\bwith or without (an? |the )?[\w-]+( [\w-]+)?|\([^)]*optional[^)]*\)", _I)
# "a belt, rope or band", "a towel or band": a strap to pull on, which a band does.
_STRAP = re.compile(r"\b(belt|rope|band|towel)(, (belt|rope|band|towel))*,? or (an? )?(belt|rope|band|towel)\b", _I)


def needed_equipment(name: str, steps: Sequence[str], listed: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(vocabulary words, implements without a word)`` that the name and instructions mention.

    ``listed`` is the equipment already mapped; "with or without X" and "(optional)" are ignored,
    and a choice of straps ("a belt, rope or band") needs a band.
    """
    text = _STRAP.sub(" band ", _OPTIONAL.sub(" ", " ".join([name, *steps])))
    words = [w for w, rx in _NAMED.items() if w not in listed and rx.search(text)]
    parts = {part for whole in [*listed, *words] for part in _PART_OF.get(whole, ())}
    words = [w for w in words if w not in parts]
    unnamed = [
        what for what, rx in _UNNAMED.items()
        if rx.search(text) and not (what == "rope" and "cable_machine" in [*listed, *words])
    ]
    return words, unnamed


# -- banned moves --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Ban:
    """A recognised banned move: why, the safer catalog entry to use instead, and whether the
    ban is backplan's conservative reading of a variant rather than the move itself."""

    reason: str
    alternative: str
    in_doubt: bool


_SIT_UP = (
    "A sit-up raises the whole trunk off the floor, which loads the low back far too much; curl up "
    "with the knees bent and the low back kept down instead."
)
_LEG_LIFT = (
    "Raising or holding both legs out straight while lying on the back (or hanging) is one of the "
    "moves best known for injuring the back; bring bent knees toward the chest instead."
)
_TOE_TOUCH = (
    "Reaching for the toes from standing with straight legs is a notorious cause of back injury; "
    "bend the knees instead."
)
_DOUBT = " (backplan's conservative reading: banned as a variant of this move)"

_BANS: list[tuple[re.Pattern[str], str, str, bool]] = [  # (name pattern, reason, alternative, in doubt)
    (re.compile(r"\bstanding toe touch", _I), _TOE_TOUCH, "bent_knee_forward_fold", False),
    (re.compile(r"\bstraight[- ]leg(ged)? sit[- ]?ups?\b", _I), _SIT_UP, "bent_knee_crunch", False),
    (re.compile(r"\bsit[- ]?ups?\b|\bsitups?\b|\bjackknife\b|\bv[- ]ups?\b|\botis[- ]up\b", _I), _SIT_UP,
     "bent_knee_crunch", True),
    (re.compile(r"\blying (double )?leg raises?\b|\bstraight[- ]leg (raise|lift)s?\b", _I), _LEG_LIFT,
     "knees_to_chest", False),
    (re.compile(r"\bhanging (leg raise|pike)\b|\bscissors? kicks?\b|\btoe touchers\b|\breverse crunch\b"
                r"|\bleg pull[- ]ins?\b|\bleg tucks?\b|\bcocoons?\b", _I),  # both legs held out, then tucked
     _LEG_LIFT, "knees_to_chest", True),
]
# Instruction patterns for variants named otherwise: feet held down while the trunk comes up (an
# anchored sit-up) and both legs straight while lying or hanging.
_ANCHORED = re.compile(r"\bsecure (your|the) feet\b|\bfeet (either )?under something\b|\bpartner hold", _I)
_TRUNK_UP = re.compile(r"\b(raise|elevate|lift|bring)\b[^.]*\b(torso|upper body|trunk)\b", _I)
_BOTH_LEGS_STRAIGHT = re.compile(
    r"\blegs\b[^.]*\b(fully extended|straight|extended|locked)\b|\b(straight|extended) legs\b"
    r"|\bextend (both |your )?legs\b", _I)
_LEGS_UP = re.compile(
    r"\b(raise|lift|elevate|hold|move|extend)\b[^.]*\blegs\b[^.]*\b(up|parallel|off|perpendicular|above you)\b", _I)
_LYING_OR_HANGING = re.compile(r"\b(lie|lying|lay|on your back|hang|hanging)\b", _I)
# From standing, legs kept straight while the hands go down to the floor or the toes.
_STRAIGHT_LEGS = re.compile(r"\b(keep(ing)? your legs straight|legs straight|straight legs|knees (straight|locked))\b", _I)
_REACH_DOWN = re.compile(r"\b(bend|reach|stretch) (down|forward)\b|\btouch (your )?toes\b|\bhands on the floor\b", _I)


def find_ban(name: str, steps: Sequence[str], one_sided: bool, position: str | None) -> Ban | None:
    """The banned move this exercise is, or a variant of, if any."""
    for rx, reason, alternative, doubt in _BANS:
        if rx.search(name):
            return Ban(reason + (_DOUBT if doubt else ""), alternative, doubt)
    text = " ".join(steps)
    if position == "standing" and any(_STRAIGHT_LEGS.search(s) and _REACH_DOWN.search(s) for s in _sentences(steps)):
        return Ban(_TOE_TOUCH + _DOUBT, "bent_knee_forward_fold", True)
    if _ANCHORED.search(text) and _TRUNK_UP.search(text):
        return Ban(_SIT_UP + _DOUBT, "bent_knee_crunch", True)
    if (not one_sided and _LYING_OR_HANGING.search(text)
            and any(_BOTH_LEGS_STRAIGHT.search(s) and _LEGS_UP.search(s) for s in _sentences(steps))):
        return Ban(_LEG_LIFT + _DOUBT, "knees_to_chest", True)
    return None


# -- what a move is, whatever the library files it under ------------------------------------------
_LUNGE = re.compile(r"\blung(e|es|ing)\b|\bsplit squats?\b", _I)


def is_lunge(name: str) -> bool:
    """A lunge or split squat by name: leg strength work, even when a library calls it a stretch."""
    return bool(_LUNGE.search(name))


# -- moves not suitable for back rehabilitation ---------------------------------------------------
_UNSUITABLE: list[tuple[str, re.Pattern[str]]] = [
    ("Olympic-style or ballistic lift", re.compile(
        r"\bclean\b|\bsnatch\b|\bjerk\b|\bswings?\b|\bthrusters?\b|\bpush press\b|\bhigh pull\b|\bmuscle[- ]up\b"
        r"|\bkipping\b|\bslam\b|\bturkish get[- ]up\b", _I)),
    ("jumping or sprinting", re.compile(r"\bjump\w*\b|\bhops?\b|\bbound\w*\b|\bsprints?\b|\brunning\b|\bjogging\b", _I)),
    ("loaded spinal hinge (deadlift, good morning)", re.compile(
        r"\bdead[- ]?lifts?\b|\bgood[- ]?mornings?\b|\bjefferson\b|\bzercher\b|\bpull[- ]through\b", _I)),
    ("loaded or unsupported spinal extension", re.compile(r"\bhyperextensions?\b|\bglute[- ]ham raise\b", _I)),
    ("rollout (high load on the low back)", re.compile(r"\brollouts?\b|\bab roller\b|\bfallout\b", _I)),
    ("behind-the-neck press or pull", re.compile(r"\bbehind (the )?neck\b", _I)),
    ("inversion (head down)", re.compile(r"\bhandstand\b|\binversion\b", _I)),
    ("load on the head or neck", re.compile(r"\bneck resistance\b|\bneck press\b|\bguillotine\b|\bharness\b", _I)),
    ("rolling on the low back", re.compile(r"\blower back\W*smr\b", _I)),
    # The low back arched to its end range and held (a kneeling camel, a locust lifting the chest and
    # a leg together): backplan's conservative choice; seed 000 keeps the spine neutral in its back
    # work, and the shipped extension work (superman, bird dog) stays short of the end range.
    ("deep backbend (the low back arched to its end range)", re.compile(
        r"\blooking at (the )?ceiling\b|\blocust\b|\bcamel\b|\bback ?bends?\b|\bwheel pose\b|\bupward dog\b", _I)),
]


# A curl-up that twists or bends sideways (bicycle crunches, elbow to the opposite knee, oblique
# crunches, heel touchers): the trunk flexed and turned together, over and over. Backplan's
# reading of McGill's Low Back Disorders (repeated flexion, the more so with twisting, is the
# loading linked to disc injury); the seeds work the obliques with the shoulders kept on the mat
# (seed 003: knees dropped side to side) and allow only a plain bent-knee crunch (seed 004).
_CURL_UP = re.compile(r"\bcrunch\w*|\bflex(ing)? (the|your) spine\b|\bair bike\b|\bbicycle\b", _I)
_TWISTED = re.compile(
    r"\btwist\w*|\brotat\w* (your |the )?(torso|trunk|upper body)\b|\bcross[- ]body\b|\boblique|\bheel touch"
    r"|\belbow\b[^.]*\b(left|right|opposite|other) knee\b|\bair bike\b|\bbicycle crunch", _I)
TWISTED_CRUNCH = "crunch that twists or bends sideways (repeated flexion with rotation)"
_JUMPS = re.compile(r"\bjump\w*\b|\bhops?\b|\bhopping\b", _I)
_BALLISTIC = re.compile(r"\bswing\w*\b|\bbounc\w*\b|\bquickly\b", _I)
_LOADED_FLEXION = re.compile(r"\bcrunch\w*\b|\btwists?\b|\bjudo flip\b|\bside bends?\b", _I)


# A kettlebell cleaned to the shoulders first: a ballistic lift however it goes on (a dumbbell
# brought up with the help of the thighs is not).
_CLEAN = re.compile(r"\bclean (and press )?(the |a |two |both |one )?kettlebells?\b", _I)


def unsuitable(name: str, steps: Sequence[str], stretch: bool, loaded: bool = False) -> str | None:
    """Why a move does not belong in a back-rehabilitation plan, or ``None``.

    By name for every kind of lift above, and for crunches, twists and side bends against an
    external load; by the name and instructions for crunches that twist or bend sideways
    (``TWISTED_CRUNCH``); by the instructions for any jump, and for stretches that swing, bounce
    or go quickly (the shipped advice: never bounce).
    """
    why = next((why for why, rx in _UNSUITABLE if rx.search(name)), None)
    if why is None and loaded and _LOADED_FLEXION.search(name):
        why = "spine bent or twisted against a load (weighted crunch, twist or side bend)"
    text = " ".join(steps)
    if why is None and not stretch and _CURL_UP.search(f"{name} {text}") and _TWISTED.search(f"{name} {text}"):
        why = TWISTED_CRUNCH
    if why is None and _CLEAN.search(text):
        why = "Olympic-style or ballistic lift"
    if why is None and _JUMPS.search(text):
        why = "jumping or sprinting"
    if why is None and stretch and _BALLISTIC.search(text):
        why = "swinging or bouncing stretch (never bounce)"
    return why
