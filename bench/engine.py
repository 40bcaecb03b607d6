"""How fast the knowledge base loads and the engine answers. Prints figures; asserts nothing.

Goals: content load and validation under 300 ms; one `recommend` call well under 1 ms.
Run: `make bench` (or `python bench/engine.py`).
"""

from __future__ import annotations

import itertools
import statistics
import time

from spineedu.content_model import ESCC_GRADES
from spineedu.engine import recommend
from spineedu.knowledge_base import content_directory, load_knowledge_base


def time_load(repeats: int = 7) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        load_knowledge_base(content_directory())
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    load_times = time_load()
    kb = load_knowledge_base(content_directory())
    print(f"content: {len(kb.cancer_types)} types, {len(kb.treatments)} treatments, "
          f"{len(kb.rules)} rules, {len(kb.references)} references")
    print(f"load + validate: median {statistics.median(load_times) * 1e3:.1f} ms, "
          f"max {max(load_times) * 1e3:.1f} ms over {len(load_times)} runs (goal < 300 ms)")

    single = []
    for _ in range(2000):
        start = time.perf_counter()
        recommend("renal-cell-metastasis", "oligometastatic", escc="3", sins=9, ecog=1,
                  neuro_deficit=True, knowledge_base=kb)
        single.append(time.perf_counter() - start)
    single.sort()
    print(f"one recommend call: median {statistics.median(single) * 1e6:.0f} us, "
          f"p95 {single[int(len(single) * 0.95)] * 1e6:.0f} us (goal well under 1000 us)")

    space = [
        (t.id, stage, escc, sins, ecog, neuro)
        for t in kb.cancer_types.values() for stage in t.stage_ids()
        for escc, sins, ecog, neuro in itertools.product(
            (None, *ESCC_GRADES), (None, *range(19)), (None, *range(5)), (None, True, False))
    ]
    start = time.perf_counter()
    for type_id, stage, escc, sins, ecog, neuro in space:
        recommend(type_id, stage, escc=escc, sins=sins, ecog=ecog, neuro_deficit=neuro,
                  knowledge_base=kb)
    elapsed = time.perf_counter() - start
    print(f"whole input space: {len(space)} calls in {elapsed:.2f} s "
          f"({elapsed / len(space) * 1e6:.0f} us per call)")


if __name__ == "__main__":
    main()
