"""The keyword rules that read positions, sides, equipment, bans and unsuitable moves from text."""

from __future__ import annotations

import pytest

from planner.importers import keywords


@pytest.mark.parametrize(
    ("name", "steps", "position"),
    [
        ("Seated Cable Rows", ["Stand up, then sit."], "seated"),
        ("Lying Rear Delt Raise", ["Lie face down on a flat bench."], "prone"),
        ("Lying Hamstring", ["Lie on the floor."], "supine"),
        ("Sit-Up", ["Lie down on the floor and secure your feet."], "supine"),
        ("Push Up to Side Plank", [], "side"),
        ("Knee Lift", ["Kneel on the floor, then get on all fours."], "quadruped"),
        ("Rear Leg Raises", ["Place yourself on your hands knees on an exercise mat."], "quadruped"),
        ("Bent Over Barbell Row", ["Hold a barbell."], "standing"),
        ("Row", ["Bring your torso forward, by bending at the waist."], "standing"),
        ("Split Squat", ["Position yourself into a staggered stance."], "standing"),
        ("Dancer's Stretch", ["Sit up on the floor. Cross your right leg over your left."], "seated"),
        ("Crunch", ["Sit back into it."], None),
        ("Shoulder Stretch", ["Reach your left arm across your body and hold it straight."], None),
    ],
)
def test_positions(name: str, steps: list[str], position: str | None):
    assert keywords.find_position(name, steps)[0] == position


def test_other_positions_are_every_further_one_mentioned():
    assert keywords.find_position("Inchworm", ["Stand with feet together.", "Walk out to a push-up position."]) == (
        "standing", ["prone"])


@pytest.mark.parametrize(
    ("name", "steps", "one_sided"),
    [
        ("One-Arm Dumbbell Row", [], True),
        ("Single Leg Glute Bridge", [], True),
        ("Alternate Hammer Curl", [], True),
        ("Side Bridge", [], True),
        ("Quad Stretch", ["Hold, then switch legs."], True),
        ("Dead Bug", ["Repeat on the opposite side."], True),
        ("Dumbbell Shrug", ["Hold a dumbbell in each hand."], False),
        # two-sided names win over a side the steps mention in passing
        ("Bent Over Two-Arm Long Bar Row", ["Grab the bar with both arms and put your other hand on your knee."], False),
        ("Standing Bent-Over Two-Arm Dumbbell Triceps Extension", ["Like many other arm exercises, only the forearm moves."],
         False),
        ("Mixed Grip Chin", ["Grab the bar with one palm forward and the other hand facing you."], False),
        # "Alternating" is one side at a time only when the steps name a side
        ("Alternating Deltoid Raise", ["Hold a pair of dumbbells.", "Continue alternating to the front and side."], False),
        ("Alternating Kettlebell Row", ["Pull one kettlebell off the floor.", "Repeat with your other arm."], True),
        ("Dumbbell Alternate Bicep Curl", ["Curl the right weight, then the left."], True),
        # a variation offered in passing, and "the other side" as a place, are not a change of side
        ("Cable Chest Press", ["Press the handles.", "You can also execute this movement with alternate hands."], False),
        ("Squat with Plate Movers", ["Side step, bringing your feet together on the opposite side of the plate."], False),
    ],
)
def test_one_sided(name: str, steps: list[str], one_sided: bool):
    assert keywords.is_one_sided(name, steps) is one_sided


def test_equipment_named_in_the_text():
    assert keywords.needed_equipment("Row", ["Place a dumbbell on a flat bench."], ["dumbbells"]) == (["bench"], [])
    assert keywords.needed_equipment("Stretch", ["Lie down with a partner."], []) == ([], ["partner"])
    assert keywords.needed_equipment("Leg Lift", ["With or without an ankle weight, lift one leg."], []) == ([], [])
    assert keywords.needed_equipment("IT Band and Glute Stretch", ["Stretch the IT band."], []) == ([], [])
    assert keywords.needed_equipment("Face Pull", ["Attach a rope to the pulley machine."], ["cable_machine"]) == ([], [])
    assert keywords.needed_equipment("Curl", ["Sit on an incline bench."], []) == (["adjustable_bench"], [])


@pytest.mark.parametrize(
    ("name", "steps", "listed", "words", "unnamed"),
    [
        ("Goblet Squat", ["Hold a kettlebell at your chest."], [], ["kettlebell"], []),
        ("Incline Dumbbell Press", ["Lie back on an incline bench."], ["dumbbells"], ["adjustable_bench"], []),
        ("Front Plate Raise", ["Hold a barbell plate in both hands."], [], ["weight_plate"], []),
        ("Barbell Squat", ["Set the bar on a rack; load the plates."], ["barbell"], ["rack"], []),
        ("Leg Press", ["Place your feet on the platform."], ["weight_machine"], [], []),
        ("Calf Stretch", ["Loop a belt, rope, or band around one foot."], [], ["band"], []),
        ("Heel Slides", ["Place a towel under your heel."], [], ["towel"], []),
        ("Step Up", ["Step onto a box."], ["dumbbells"], ["step"], []),
        ("Hamstring Stretch", ["Your partner pushes your leg."], [], [], ["partner"]),
        ("Sled Row", ["Attach handles to a sled."], [], [], ["sled, landmine, trap bar or chains"]),
    ],
)
def test_implements_in_the_text_need_their_word_or_keep_the_exercise_out(name, steps, listed, words, unnamed):
    assert keywords.needed_equipment(name, steps, listed) == (words, unnamed)


def test_seated_by_default_only_for_unloaded_upper_body_work():
    assert keywords.upper_body_position("Triceps Stretch", ["Reach your hand behind your head, grasp your elbow."]) == "seated"
    assert keywords.upper_body_position("Ankle Circles", ["Lift the right leg and circle the toe."]) is None
    assert keywords.upper_body_position("Spell Caster", ["Hold a dumbbell in each hand; rotate your torso."]) is None
    assert keywords.upper_body_position("Iron Cross", []) is None  # no instructions: nothing to read


@pytest.mark.parametrize(
    ("name", "steps", "alternative", "in_doubt"),
    [
        ("Standing Toe Touches", [], "bent_knee_forward_fold", False),
        ("Straight-Leg Sit-Up", [], "bent_knee_crunch", False),
        ("3/4 Sit-Up", [], "bent_knee_crunch", True),
        ("Jackknife Sit-Up", [], "bent_knee_crunch", True),
        ("Flat Bench Lying Leg Raise", [], "knees_to_chest", False),
        ("Hanging Leg Raise", [], "knees_to_chest", True),
        ("Scissor Kick", [], "knees_to_chest", True),
        ("Russian Twist", ["Lie down, feet under something that will not move.", "Elevate your upper body."],
         "bent_knee_crunch", True),
        ("Leg Thing", ["Lie on your back.", "Raise both legs up off the floor, keeping them straight."],
         "knees_to_chest", True),
        ("Bottoms Up", ["Lie on your back.", "Then extend your legs directly above you so they are perpendicular."],
         "knees_to_chest", True),
        ("Leg Pull-In", [], "knees_to_chest", True),
        ("Seated Leg Tucks", [], "knees_to_chest", True),
    ],
)
def test_banned_moves_and_variants(name, steps, alternative, in_doubt):
    position = keywords.find_position(name, steps)[0]
    ban = keywords.find_ban(name, steps, keywords.is_one_sided(name, steps), position)
    assert ban is not None and (ban.alternative, ban.in_doubt) == (alternative, in_doubt)
    assert ("conservative reading" in ban.reason) is in_doubt


def test_standing_straight_legs_to_the_floor_is_a_toe_touch():
    steps = ["Stand with your feet close together.", "Keeping your legs straight, stretch down and put your hands on the floor."]
    ban = keywords.find_ban("Inchworm", steps, False, "standing")
    assert ban is not None and ban.alternative == "bent_knee_forward_fold"


@pytest.mark.parametrize(
    ("name", "steps"),
    [
        ("Crunches", ["Lie flat on your back with your knees bent.", "Roll your shoulders off the floor."]),
        ("Dead Bug", ["Lie on your back.", "Extend one leg, straightening the knee, just above the ground."]),
        ("Side Leg Raises", ["Stand next to a chair.", "Keeping your leg straight, raise it out to the side."]),
        ("Superman", ["Lie face down.", "Raise your arms, legs and chest off the floor."]),
    ],
)
def test_safe_moves_are_not_banned(name, steps):
    position = keywords.find_position(name, steps)[0]
    assert keywords.find_ban(name, steps, keywords.is_one_sided(name, steps), position) is None


@pytest.mark.parametrize(
    ("name", "steps", "stretch", "why"),
    [
        ("Power Clean", [], False, "Olympic-style or ballistic lift"),
        ("Romanian Deadlift", [], False, "loaded spinal hinge (deadlift, good morning)"),
        ("Split Squats", ["Jump into a split leg position."], False, "jumping or sprinting"),
        ("Front Leg Raises", ["Swing your leg forward."], True, "swinging or bouncing stretch (never bounce)"),
        ("Handstand Push-Ups", [], False, "inversion (head down)"),
        ("Looking At Ceiling", ["Kneel, holding your heels."], True, "deep backbend (the low back arched to its end range)"),
        ("One Half Locust", ["Lie facedown on the floor."], True, "deep backbend (the low back arched to its end range)"),
        ("Front Leg Raises", ["Swing your leg forward."], False, None),
        ("Plank", ["Hold the position."], False, None),
    ],
)
def test_unsuitable(name, steps, stretch, why):
    assert keywords.unsuitable(name, steps, stretch) == why


def test_crunches_twists_and_side_bends_are_unsuitable_only_against_a_load():
    for name in ("Cable Crunch", "Seated Barbell Twist", "Dumbbell Side Bend", "Cable Judo Flip"):
        assert keywords.unsuitable(name, [], False, loaded=True) == (
            "spine bent or twisted against a load (weighted crunch, twist or side bend)")
        assert keywords.unsuitable(name, [], False, loaded=False) is None
    assert keywords.unsuitable("Pallof Press", [], False, loaded=True) is None


@pytest.mark.parametrize(
    ("name", "steps", "twisted"),
    [
        ("Air Bike", ["Lift your shoulders into the crunch position.", "Bring your right elbow close to your left knee."], True),
        ("Cross-Body Crunch", ["Reach with your elbow and try to touch your knee."], True),
        ("Elbow to Knee", ["Flex the spine and rotate your torso to bring the left elbow to the right knee."], True),
        ("Oblique Crunches", ["Elevate your body until your right elbow touches your left knee."], True),
        ("Alternate Heel Touchers", ["Crunch over your torso to the right side and touch your right heel."], True),
        ("Crunches", ["Lie flat on your back with your knees bent.", "Roll your shoulders off the floor."], False),
        ("Flexor Incline Dumbbell Curls", ["Curl up the weight, twisting your wrist."], False),
        ("Pallof Press With Rotation", ["Twist your torso away from the pulley."], False),
        ("Torso Rotation", ["Rotate your torso to one side."], False),
    ],
)
def test_a_crunch_that_twists_or_bends_sideways_is_unsuitable(name, steps, twisted):
    assert (keywords.unsuitable(name, steps, False) == keywords.TWISTED_CRUNCH) is twisted


@pytest.mark.parametrize(
    ("name", "lunge"),
    [("Crossover Reverse Lunge", True), ("Split Squats", True), ("Bodyweight Walking Lunge", True),
     ("World's Greatest Stretch", False), ("Runner's Stretch", False)],
)
def test_lunges_by_name(name, lunge):
    assert keywords.is_lunge(name) is lunge
