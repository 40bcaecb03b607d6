"""How fast the knowledge base loads and the engine answers. Prints figures; asserts nothing.

Goals: content load and validation under 300 ms; one `recommend` call well under 1 ms; the
safety walk of the whole input space within 2 minutes on the 2-core machine.
Run: `make bench` (or `python bench/engine.py`).
"""

from __future__ import annotations

import statistics
import time

from spineedu import input_space
from spineedu.engine import recommend
from spineedu.knowledge_base import content_directory, load_knowledge_base
from spineedu.plan_diff import diff_plans
from spineedu.properties import check_all


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

    patients = list(input_space.patients(kb))
    start = time.perf_counter()
    for patient in patients:
        patient.recommend(kb)
    elapsed = time.perf_counter() - start
    print(f"whole input space: {len(patients)} plans in {elapsed:.2f} s "
          f"({elapsed / len(patients) * 1e6:.0f} us per plan)")
    start = time.perf_counter()
    walked = check_all(kb)
    print(f"safety walk (spineedu validate --walk): {walked.plans} plans against "
          f"{len(kb.invariants) + len(kb.exclusive_sets) + 1} properties in "
          f"{time.perf_counter() - start:.1f} s, {len(walked.violations)} violations "
          "(goal within 120 s on 2 cores)")
    start = time.perf_counter()
    directory = content_directory()
    diff = diff_plans(kb, kb, old_dir=directory, new_dir=directory)
    print(f"plan diff (spineedu diff): {diff.walked} patients on both contents in "
          f"{time.perf_counter() - start:.1f} s, {len(diff.changes)} changes (goal within 120 s "
          "on 2 cores)")


if __name__ == "__main__":
    main()
