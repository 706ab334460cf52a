"""Work around PySide6 6.12's dropped references to None and True on Python < 3.12.

PySide6 6.12.0 (abi3 build) hands back None and True without taking a reference in some
paths: every Python slot Qt calls, every `Signal.emit`, every `data()` override returning
None costs one reference. Python 3.12 made these singletons immortal, so the bug is
invisible there; on 3.11 the count reaches zero within seconds of normal use and the
interpreter aborts ("none_dealloc: deallocating None"). We give the singletons the same
immortality 3.12 gives them: a reference count far above anything a session can drop.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40  # ~10^12 dropped references before trouble; a count is 63 bits wide
_done = False


def needed() -> bool:
    return (sys.implementation.name == "cpython" and sys.version_info < (3, 12)
            and not hasattr(sys, "gettotalrefcount"))  # a debug build lays objects out differently


def make_singletons_immortal() -> None:
    global _done
    if _done or not needed():
        return
    _done = True
    for singleton in (None, True, False, NotImplemented, Ellipsis):
        # ob_refcnt is the first field of every object in a release build of CPython.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _MARGIN
