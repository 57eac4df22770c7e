"""Profile the write path alone: `ad/create/` in process (the WSGI app called without sockets).

Prints the time and CPU per call of `ad/create/` with one Spark creative (the linked post of
the default scenario, by AUTH_CODE), the whole pyinstrument tree of those calls, and the fill
of a new advertiser to 10,000 Spark ads as `make bench` makes it (one creative a call, then 20).

    python bench/profile_writes.py [--calls 300] [--no-profile] [--no-fill]

Not a test: numbers vary with the machine.
"""

from __future__ import annotations

import argparse
import statistics
import time

from profiles import AdCreates, fill_to_cap
from pyinstrument import Profiler
from sampling import checked, cpu_us_per_call

from mockads.app import create_app
from mockads.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--no-fill", action="store_true")
    args = parser.parse_args()
    app = create_app(Settings())
    create = checked(AdCreates.new(app).call(1))
    cpu_ms = cpu_us_per_call(create, args.calls, warm_up=50) / 1000
    times = []
    for _ in range(args.calls):
        started = time.perf_counter()
        create()
        times.append((time.perf_counter() - started) * 1000)
    p95 = sorted(times)[int(len(times) * 0.95)]
    print(
        f"ad/create/, one creative, {args.calls} calls: mean {statistics.mean(times):.3f} ms, "
        f"median {statistics.median(times):.3f} ms, p95 {p95:.3f} ms; CPU {cpu_ms:.3f} ms a call"
    )
    if not args.no_profile:
        profiler = Profiler(interval=0.0002)
        profiler.start()
        for _ in range(args.calls):
            create()
        profiler.stop()
        print(profiler.output_text(unicode=False, color=False, show_all=False, short_mode=False))
    if not args.no_fill:
        run = fill_to_cap(app)
        print(
            f"fill to the cap: {run.ads} ads in {run.calls} calls, {run.seconds:.2f} s "
            f"({run.cpu_s:.2f} s CPU)"
        )


if __name__ == "__main__":
    main()
