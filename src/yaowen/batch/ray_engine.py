"""The Ray engine: pages extracted in batches by Ray tasks on a cluster, their records sent back here.

Ray tasks rather than Ray Data: the commands already stream their inputs, and a bounded number of pages in
flight (the engine's window) keeps a stream of any length flowing in input order with memory flat on both
sides. Writing stays here, in the driver.

Pages go to the workers in batches (up to ``BATCH_PAGES`` pages or ``BATCH_BYTES`` of page bytes a task):
one task a page costs Ray's scheduling, argument and result transfer for every page, which on small pages is
as much as the extraction. Each page of a batch still has its own outcome (its record or one-line error).
A batch whose worker dies (a node lost, a process killed) is run again by Ray (``BATCH_RETRIES``); if it
dies again, one of its pages may be what kills it, so its pages are run one a task (``MAX_RETRIES`` each):
the others come back, and a page that kills every worker it runs on is reported alone.

The pages travel to the workers as bytes (read here, where the paths are), so the cluster's nodes need
Yaowen installed but not the files.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ..read.inputs import PageInput
from .engine import EngineUnavailable, PageEngine
from .work import Extraction, PageOutcome

INSTALL = 'pip install "yaowen[ray]"'
BATCH_PAGES = 16  # pages a task at most: enough to make Ray's cost per task small beside the extraction
BATCH_BYTES = 4_000_000  # page bytes a task at most, so a batch of big pages stays small in the object store
BATCHES_PER_WORKER = 2  # in flight: one running, one waiting, so a worker never idles between batches
BATCH_RETRIES = 1  # reruns of a batch whose worker died, before its pages are run one a task
MAX_RETRIES = 3  # reruns of a single page whose worker died, before it is reported
_COLOURS = re.compile(r"\x1b\[[0-9;]*m")  # Ray colours its task names in error messages


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise EngineUnavailable(f"--engine ray needs Ray, which is not installed: {INSTALL}") from None
    return ray


def _extract(extraction: Extraction, item: PageInput) -> PageOutcome:
    return extraction(item)


def _extract_batch(extraction: Extraction, items: list[PageInput]) -> list[PageOutcome]:
    return [extraction(item) for item in items]


class _Batch:
    """Pages gathered for one task; ``outcomes`` once it is back (the object store's copy is then freed)."""

    def __init__(self) -> None:
        self.items: list[PageInput] = []
        self.size = 0
        self.ref: Any = None  # the task's object ref once submitted
        self.outcomes: list[PageOutcome] | None = None


class RayEngine(PageEngine[tuple[_Batch, int]]):
    """Tasks on the Ray cluster at ``address`` (``auto``, ``ray://host:10001``); without one, on a Ray
    started here with ``workers`` CPUs (0: all). ``workers`` is also how many tasks run at once (0: one per
    CPU of the cluster). A Ray already initialised in this process (``ray.init`` by the caller) is used as
    it is, and left running. ``batch_pages``/``batch_bytes`` bound a task's pages."""

    name = "ray"

    def __init__(self, workers: int = 1, address: str | None = None, window: int = 0,
                 batch_pages: int = BATCH_PAGES, batch_bytes: int = BATCH_BYTES) -> None:
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
        self.batch_pages, self.batch_bytes = max(1, batch_pages), max(1, batch_bytes)
        self._page_task = ray.remote(num_cpus=1, max_retries=MAX_RETRIES)(_extract)
        self._batch_task = ray.remote(num_cpus=1, max_retries=BATCH_RETRIES)(_extract_batch)
        self._extraction: tuple[Extraction, Any] | None = None  # the extraction, put once in the object store
        self._open = _Batch()  # the batch being gathered

    @property
    def window(self) -> int:
        """Pages in flight at most: ``BATCHES_PER_WORKER`` full batches a worker (unless given)."""
        return self._window or max(1, self.workers) * self.batch_pages * BATCHES_PER_WORKER

    def submit(self, extraction: Extraction, item: PageInput) -> tuple[_Batch, int]:
        if self._extraction is None or self._extraction[0] is not extraction:
            self.flush()  # pages gathered for another extraction go with theirs
            self._extraction = (extraction, self._ray.put(extraction))
        batch = self._open
        batch.items.append(item)
        batch.size += len(item.raw)
        if len(batch.items) >= self.batch_pages or batch.size >= self.batch_bytes:
            self.flush()
        return batch, len(batch.items) - 1

    def flush(self) -> None:
        batch, self._open = self._open, _Batch()
        if batch.items:
            assert self._extraction is not None
            batch.ref = self._batch_task.remote(self._extraction[1], batch.items)

    def result(self, handle: tuple[_Batch, int], item: PageInput) -> PageOutcome:
        batch, index = handle
        if batch.ref is None and batch.outcomes is None:
            self.flush()  # the caller waits on a page still being gathered (the end of its inputs)
        if batch.outcomes is None:
            try:
                batch.outcomes = self._ray.get(batch.ref)
            except self._ray.exceptions.RayError:  # its worker died BATCH_RETRIES + 1 times
                batch.outcomes = self._one_by_one(batch.items)
            batch.ref = None
        outcome = batch.outcomes[index]
        if index == len(batch.items) - 1:
            batch.items = []  # the last page of the batch is taken: let the pages go
        return outcome

    def _one_by_one(self, items: list[PageInput]) -> list[PageOutcome]:
        """Each page of a failed batch in a task of its own, so one page that kills its worker loses only
        itself."""
        assert self._extraction is not None
        refs = [self._page_task.remote(self._extraction[1], item) for item in items]
        outcomes = []
        for item, ref in zip(items, refs, strict=True):
            try:
                outcomes.append(self._ray.get(ref))
            except self._ray.exceptions.RayError as e:  # its worker died MAX_RETRIES + 1 times
                reason = " ".join(_COLOURS.sub("", str(e)).split())[:200]
                outcomes.append(PageOutcome(item.source, stem=item.stem,
                                            error=f"{item.source}: the Ray task extracting it failed: {reason}"))
        return outcomes

    def close(self) -> None:
        self._open = _Batch()
        if self._started_here and self._ray.is_initialized():
            self._ray.shutdown()
