"""Session order for time (planner/solver/grouping.py): floor work grouped, rules first."""

from __future__ import annotations

from planner.solver.backend import Before, NotFirst
from planner.solver.grouping import fewest_moves

POSITIONS = {"warm": "standing", "neck": "seated", "bridge": "supine", "plank": "prone", "squat": "standing"}


def test_floor_work_is_grouped_when_no_rule_forbids_it():
    listing = ["warm", "bridge", "squat", "plank"]
    order = fewest_moves(listing, [NotFirst("bridge"), NotFirst("squat"), NotFirst("plank")], POSITIONS)
    assert order == ["warm", "squat", "bridge", "plank"]  # standing, then the floor: one move


def test_a_rule_that_forces_floor_standing_floor_is_kept():
    listing = ["warm", "bridge", "squat", "plank"]
    order = fewest_moves(listing, [Before("warm", "bridge"), Before("bridge", "squat"), Before("squat", "plank")],
                         POSITIONS)
    assert order == ["warm", "bridge", "squat", "plank"]


def test_seated_comes_between_standing_and_the_floor():
    listing = ["warm", "bridge", "neck"]
    assert fewest_moves(listing, [NotFirst("bridge"), NotFirst("neck")], POSITIONS) == ["warm", "neck", "bridge"]


def test_only_the_ordering_requirements_add_order_constraints(catalog, rules):
    import random

    from planner.profile import load_profile
    from planner.solver.compiled import compile_rules
    from planner.solver.grouping import order_constraints, ordering

    compiled = compile_rules(rules, catalog, load_profile(None, catalog))
    assert compiled.ordering == ordering(compiled.requirements)
    assert 0 < len(compiled.ordering) < len(compiled.requirements)
    rng = random.Random(3)
    ids = sorted(catalog.exercises)
    for _ in range(40):
        units = rng.sample(ids, rng.randint(1, 9))
        assert order_constraints(compiled.ordering, units) == order_constraints(compiled.requirements, units)


def _fewest_by_names(units, constraints, where):
    """The fewest-moves search as first written (names and sets, not bits): the reference the
    bit version in grouping.py must match order for order, node for node."""
    from planner.solver.grouping import MOVE_SEARCH_NODES, _least_from, read_order
    from planner.timing import least_moves_seconds, level, move_seconds

    lv = dict(zip(units, (level(p) for p in where), strict=True))
    rank = {u: i for i, u in enumerate(units)}
    before, not_first, not_last, apart = read_order(units, constraints)
    least = least_moves_seconds(list(lv.values()))
    n = len(units)
    best, best_moves, seen, spent = None, 0, {}, 0

    def search(prefix, placed, moves):
        nonlocal best, best_moves, spent
        spent += 1
        if len(prefix) == n:
            if best is None or moves < best_moves:
                best, best_moves = tuple(prefix), moves
            return moves > least
        last = prefix[-1] if prefix else None
        if last is not None:
            state = (placed, last)
            if state in seen and seen[state] <= moves:
                return True
            seen[state] = moves
            rest = frozenset(lv[u] for u in units if u not in placed)
            if best is not None and moves + _least_from(lv[last], rest) >= best_moves:
                return True
        options = [
            u for u in units
            if u not in placed and before[u] <= placed
            and not (not prefix and u in not_first) and not (len(prefix) == n - 1 and u in not_last)
            and (last is None or frozenset((last, u)) not in apart)
        ]
        step = {u: move_seconds(lv[last], lv[u]) if last is not None else 0 for u in options}
        for u in sorted(options, key=lambda u: (step[u], rank[u])):
            if spent >= MOVE_SEARCH_NODES:
                return False
            if not search([*prefix, u], placed | {u}, moves + step[u]):
                return False
        return True

    search([], frozenset(), 0)
    return best, spent


def _random_constraint(rng, units):
    from planner.solver.backend import NotLast, NotNextTo

    kind = rng.randrange(4)
    if kind == 0:
        return Before(*rng.sample(units, 2))
    if kind == 1:
        return NotFirst(rng.choice(units))
    if kind == 2:
        return NotLast(rng.choice(units))
    return NotNextTo(*rng.sample(units, 2))


def test_the_fewest_moves_search_matches_its_reference(catalog, rules):
    """On sessions drawn from the shipped catalog with the default rules' order constraints, and
    on larger ones with random order constraints (some of which use the whole node budget)."""
    import random

    from planner.profile import load_profile
    from planner.solver.compiled import compile_rules
    from planner.solver.grouping import MOVE_SEARCH_NODES, _fewest, _fits, order_constraints
    from planner.timing import moves_seconds

    compiled = compile_rules(rules, catalog, load_profile(None, catalog))
    ids = sorted(catalog.exercises)
    rng = random.Random(3)
    cases = []
    for _ in range(40):
        units = tuple(rng.sample(ids, rng.randint(1, 10)))
        cases.append((units, frozenset(order_constraints(compiled.ordering, units))))
    rng = random.Random(11)
    for _ in range(400):
        units = tuple(rng.sample(ids, rng.randint(8, 14)))
        cases.append((units, frozenset(_random_constraint(rng, units) for _ in range(rng.randint(0, 12)))))
    spent_most = 0
    for units, constraints in cases:
        where = tuple(catalog.exercises[u].position for u in units)
        expected, spent = _fewest_by_names(units, constraints, where)
        spent_most = max(spent_most, spent)
        assert _fewest.__wrapped__(units, constraints, where) == expected
        # whether that order fits a number of move seconds, answered without always finding it
        moves = moves_seconds([catalog.exercises[u].position for u in expected]) if expected is not None else 0
        for within in (moves - 45, moves - 15, moves - 1, moves, moves + 15, moves + 60):
            fits = _fits.__wrapped__(units, constraints, where, within)
            assert fits == (None if expected is None else moves <= within), (units, within)
    assert spent_most == MOVE_SEARCH_NODES  # the cut-off by the budget is compared too


def test_a_session_no_order_meets_the_soft_rules_of_is_timed_in_the_order_the_hard_ones_give():
    # the order stage drops the soft order rules when no order meets them; the session-time cap
    # must time the session in that order, not with the least moves its positions allow
    from planner.solver.backend import NotLast
    from planner.solver.grouping import session_fits
    from planner.timing import move_seconds

    listing = ["warm", "bridge", "squat"]
    hard = [Before("warm", "bridge"), Before("bridge", "squat")]  # standing, floor, standing
    impossible = [*hard, NotLast("squat")]  # squat must be last by the hard rules
    seconds = dict.fromkeys(listing, 60)
    key = listing.index
    without = session_fits(key, lambda units: impossible, seconds, POSITIONS)
    with_fallback = session_fits(key, lambda units: impossible, seconds, POSITIONS, lambda units: hard)
    assert fewest_moves(listing, impossible, POSITIONS) is None
    both_ways = 2 * move_seconds("standing", "floor")
    assert with_fallback(listing, 180 + both_ways) and not with_fallback(listing, 180 + both_ways - 1)
    one_way = move_seconds("standing", "floor")  # the least moves: too short
    assert without(listing, 180 + one_way) and not without(listing, 180 + one_way - 1)
