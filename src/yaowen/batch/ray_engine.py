"""The Ray engine: each page extracted by a Ray task on a cluster, its record sent back to this process.

Ray tasks rather than Ray Data: the commands already stream their inputs, and a bounded number of tasks in
flight (the engine's window) keeps a stream of any length flowing in input order with memory flat on both
sides. Writing stays here, in the driver. A task whose worker dies (a node lost, a process killed) is run
again by Ray (``MAX_RETRIES``); the page's outcome is the same wherever it ran.

The pages travel to the workers as bytes (read here, where the paths are), so the cluster's nodes need
Yaowen installed but not the files.
"""

from __future__ import annotations

import logging
from typing import Any

from ..read.inputs import PageInput
from .engine import EngineUnavailable, PageEngine
from .work import Extraction, PageOutcome

INSTALL = 'pip install "yaowen[ray]"'
MAX_RETRIES = 3  # runs of a page whose worker died before it gives up on the page


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise EngineUnavailable(f"--engine ray needs Ray, which is not installed: {INSTALL}") from None
    return ray


def _extract(extraction: Extraction, item: PageInput) -> PageOutcome:
    return extraction(item)


class RayEngine(PageEngine[Any]):
    """Tasks on the Ray cluster at ``address`` (``auto``, ``ray://host:10001``); without one, on a Ray
    started here with ``workers`` CPUs (0: all). ``workers`` is also how many pages run at once (0: one per
    CPU of the cluster). A Ray already initialised in this process (``ray.init`` by the caller) is used as
    it is, and left running."""

    name = "ray"

    def __init__(self, workers: int = 1, address: str | None = None, window: int = 0) -> None:
        super().__init__(window)
        ray = self._ray = _import_ray()
        self._started_here = not ray.is_initialized()
        if self._started_here:
            try:
                ray.init(address=address or None, num_cpus=None if address else (workers or None),
                         include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR,
                         configure_logging=True)
            except Exception as e:  # noqa: BLE001 - ConnectionError, RuntimeError, ...: say so in one line
                where = f"the Ray cluster at {address}" if address else "a local Ray"
                raise EngineUnavailable(f"--engine ray: cannot start or reach {where}: "
                                        f"{' '.join(str(e).split())[:300]}") from None
        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self._task = ray.remote(num_cpus=1, max_retries=MAX_RETRIES)(_extract)
        self._extraction: tuple[Extraction, Any] | None = None  # the extraction, put once in the object store

    def submit(self, extraction: Extraction, item: PageInput) -> Any:
        if self._extraction is None or self._extraction[0] is not extraction:
            self._extraction = (extraction, self._ray.put(extraction))
        return self._task.remote(self._extraction[1], item)

    def result(self, handle: Any, item: PageInput) -> PageOutcome:
        try:
            outcome: PageOutcome = self._ray.get(handle)
        except self._ray.exceptions.RayError as e:  # its worker died MAX_RETRIES + 1 times, or the node went
            reason = " ".join(str(e).split())[:200]
            return PageOutcome(item.source, error=f"{item.source}: the Ray task extracting it failed: {reason}",
                               stem=item.stem)
        return outcome

    def close(self) -> None:
        if self._started_here and self._ray.is_initialized():
            self._ray.shutdown()
