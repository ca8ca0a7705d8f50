"""for_each: run a list of steps once per item, a bounded number at a time."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..errors import StepFailed
from ..runtime import Args, StepContext

__all__ = ["MAX_CONCURRENCY", "run"]

MAX_CONCURRENCY = 64


def run(ctx: StepContext, args: Args) -> dict[str, Any]:
    """Outputs results (per item: index, item, status, outputs, error), succeeded and failed."""
    items = args.value("items")
    if not isinstance(items, list):
        raise StepFailed(f"for_each.items: expected a list, got {items!r}")
    name = str(args.raw.get("as", "item"))
    concurrency = args.integer("concurrency", 1)
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise StepFailed(
            f"for_each.concurrency: expected 1 to {MAX_CONCURRENCY}, got {concurrency}; "
            "lower it (the Nango API rate limit is the real bound)"
        )
    policy = args.raw.get("on_item_failure", "fail")
    body = list(args.raw.get("steps") or [])

    def one(index: int) -> dict[str, Any]:
        outcome = ctx.run_nested(
            body, {name: items[index], "index": index}, f"{ctx.path}[{index}]."
        )
        return {"index": index, "item": items[index], **outcome}

    if concurrency == 1:
        results = [one(i) for i in range(len(items))]
    else:
        pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix=ctx.path)
        try:
            results = list(pool.map(one, range(len(items))))
        except BaseException:  # Ctrl+C: do not wait for items that may wait minutes for users
            ctx.stop_run()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
    failed = [r for r in results if r["status"] != "success"]
    outputs = {"results": results, "succeeded": len(results) - len(failed), "failed": len(failed)}
    if failed and policy == "fail":
        raise StepFailed(
            f"{len(failed)} of {len(results)} items failed (first: item {failed[0]['index']}: "
            f"{failed[0]['error']}); set on_item_failure: continue to only record failures",
            outputs,
        )
    return outputs
