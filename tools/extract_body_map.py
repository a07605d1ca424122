"""Rebuild planner/analysis/body/outline.json from react-native-body-highlighter (MIT).

The body map draws the front and back outlines of a male figure, one polygon per muscle area and
side, flattened from the SVG paths of https://github.com/HichamELBSI/react-native-body-highlighter
(``assets/bodyFront.ts``, ``assets/bodyBack.ts`` and the outline in
``components/SvgMaleWrapper.tsx``). Its licence is kept beside the data file.

Usage (a developer's tool, not part of backplan; needs ``pip install svg.path``)::

    python tools/extract_body_map.py PATH/TO/react-native-body-highlighter COMMIT
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from svg.path import Close, Line, Move, parse_path

OUT = Path(__file__).resolve().parent.parent / "planner" / "analysis" / "body" / "outline.json"
BACK_SHIFT = 724.0  # the back view sits at x 724-1448 of the source's shared view box
STEPS = {"Line": 1, "Close": 1}  # points per segment; curves and arcs get 6


def polygons(d: str, shift: float) -> list[list[list[float]]]:
    """Each closed sub-path of ``d`` as a list of [x, y] points (y downwards, as in SVG)."""
    out: list[list[list[float]]] = []
    current: list[list[float]] = []
    for segment in parse_path(d):
        if isinstance(segment, Move):
            if len(current) > 2:
                out.append(current)
            current = [[round(segment.end.real - shift, 1), round(segment.end.imag, 1)]]
            continue
        steps = 1 if isinstance(segment, (Line, Close)) else 6
        for k in range(1, steps + 1):
            point = segment.point(k / steps)
            current.append([round(point.real - shift, 1), round(point.imag, 1)])
    if len(current) > 2:
        out.append(current)
    return out


def parts(source: str, shift: float) -> dict[str, dict[str, list]]:
    """``{slug: {side: [polygon, ...]}}`` from one asset file (side: left, right or common)."""
    found: dict[str, dict[str, list]] = {}
    for block in re.split(r"\n\s*\{\s*\n\s*slug:", source)[1:]:
        slug = re.match(r'\s*"([^"]+)"', block).group(1)
        for side, body in re.findall(r"(left|right|common):\s*\[(.*?)\]", block, flags=re.DOTALL):
            for d in re.findall(r'"([^"]+)"', body):
                found.setdefault(slug, {}).setdefault(side, []).extend(polygons(d, shift))
    return found


def main(repo: Path, commit: str) -> None:
    wrapper = (repo / "components" / "SvgMaleWrapper.tsx").read_text()
    outlines = re.findall(r'd="(M [^"]+)"', wrapper)
    data = {
        "source": "https://github.com/HichamELBSI/react-native-body-highlighter",
        "commit": commit,
        "licence": "MIT (LICENSE beside this file)",
        "view_box": [0, 0, 724, 1448],
        "views": {
            "front": {"outline": polygons(outlines[0], 0.0),
                      "parts": parts((repo / "assets" / "bodyFront.ts").read_text(), 0.0)},
            "back": {"outline": polygons(outlines[1], BACK_SHIFT),
                     "parts": parts((repo / "assets" / "bodyBack.ts").read_text(), BACK_SHIFT)},
        },
    }
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
