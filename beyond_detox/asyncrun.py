"""Running async HTTP checks from ordinary code."""
from __future__ import annotations

import asyncio
import concurrent.futures
from typing import Awaitable, Callable, TypeVar

T = TypeVar("T")


def run_sync(make_coroutine: Callable[[], Awaitable[T]]) -> T:
    """asyncio.run(), or the same in a thread of its own when this thread already runs an event loop
    (Playwright's sync API does, in the test session)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()
