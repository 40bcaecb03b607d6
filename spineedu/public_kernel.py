"""The kernel of every lesson (kernel spec `python3` in share/jupyter/kernels): ipykernel, with
a memory limit when SPINEEDU_KERNEL_MEMORY_MB is set (`spineedu serve` sets it, `spineedu lab`
does not).

The server's kernel cap counts kernels, not memory: one visitor's page could grow its kernel
without bound and starve the machine. The limit is on the data segment (RLIMIT_DATA: heap and
private anonymous mappings, what Python allocates), not on the address space: an idle lesson
kernel already reserves about 830 MB of address space (thread stacks, shared libraries) for
about 150 MB of data. A kernel that runs out ends (exit 137, as an out-of-memory kill would):
its widgets' state is half updated and nothing more can be trusted, so the server's restarter
replaces it and its page says the lesson stopped. Nobody else is touched.
"""

from __future__ import annotations

import logging
import os
import resource
import sys
from collections.abc import Mapping

LIMIT_VARIABLE = "SPINEEDU_KERNEL_MEMORY_MB"
OUT_OF_MEMORY_EXIT = 137


def memory_limit_bytes(env: Mapping[str, str] = os.environ) -> int | None:
    value = env.get(LIMIT_VARIABLE, "").strip()
    return int(value) * 2**20 if value else None


def apply_memory_limit(env: Mapping[str, str] = os.environ) -> int | None:
    """Set RLIMIT_DATA from the environment; the limit in bytes, or None when there is none."""
    limit = memory_limit_bytes(env)
    if limit is not None:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    return limit


def out_of_memory() -> None:
    sys.__stderr__.write("SpineEdu: kernel out of memory, ending\n")
    os._exit(OUT_OF_MEMORY_EXIT)


class EndOnMemoryError(logging.Handler):
    """ipykernel and comm log an exception in a message handler and carry on; a MemoryError
    there ends the kernel instead."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and isinstance(record.exc_info[1], MemoryError):
            out_of_memory()


def main() -> None:
    if sys.path and sys.path[0] == "":  # as ipykernel_launcher: not the working directory
        del sys.path[0]
    limited = apply_memory_limit() is not None
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize()
    if limited:
        for logger in (logging.getLogger(), app.log):
            logger.addHandler(EndOnMemoryError())
        app.shell.set_custom_exc((MemoryError,), lambda *args, **kwargs: out_of_memory())
    app.start()


if __name__ == "__main__":
    main()
