#!/usr/bin/env python3
"""Start N SpineEdu dashboard replicas behind HAProxy on 127.0.0.1 until Ctrl-C or SIGTERM.

Usage: python deploy/haproxy/run_cluster.py [--replicas 2] [--port 8080] [-- SERVE OPTIONS]
Options after `--` go to every `spineedu serve`, e.g. `-- --max-kernels 40 --preheat 5`: each
replica computes its default kernel cap from the machine's free memory as if it were alone.
The logic lives in spineedu/deploy/haproxy.py, where the tests use it too.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run from a checkout, uninstalled
from spineedu.deploy.haproxy import Cluster, ReplicaFailing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="Voilà replicas (default 2)")
    parser.add_argument("--port", type=int, default=8080, help="HAProxy's port (default 8080)")
    parser.add_argument("--maxconn", type=int, default=50,
                        help="connections per replica before visitors queue (default 50)")
    parser.add_argument("serve_args", nargs=argparse.REMAINDER,
                        help="after --: options for every `spineedu serve`")
    args = parser.parse_args(argv)
    serve_args = args.serve_args[1:] if args.serve_args[:1] == ["--"] else args.serve_args
    if args.replicas < 1 or not 0 < args.port < 65536:
        parser.error("--replicas must be at least 1 and --port from 1 to 65535")

    def stop(signum: int, frame: object) -> None:  # SIGTERM ends the run as Ctrl-C does
        raise KeyboardInterrupt

    # SIGINT too: a shell starting this in the background leaves SIGINT ignored, Python keeps
    # it so, and a `kill -INT` would then do nothing
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)
    try:
        with Cluster(replicas=args.replicas, port=args.port, maxconn=args.maxconn,
                     serve_args=serve_args) as cluster:
            print(f"SpineEdu: {args.replicas} replicas behind HAProxy at {cluster.url}/ "
                  f"(replicas on ports {', '.join(str(r.port) for r in cluster.replicas.values())};"
                  f" logs in {cluster.workdir}; Ctrl-C stops everything)", flush=True)
            while cluster.haproxy is not None and cluster.haproxy.poll() is None:
                try:  # a crashed replica comes back, said on stderr (the journal under systemd)
                    cluster.restart_exited(log=lambda text: print(text, file=sys.stderr,
                                                                  flush=True))
                except ReplicaFailing as error:
                    print(f"SpineEdu: {error}; stopping everything", file=sys.stderr)
                    return 1
                time.sleep(1)
            print("haproxy exited; stopping the replicas", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
