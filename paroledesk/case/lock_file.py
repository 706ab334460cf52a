"""What a lock file says: who holds the case, read defensively.

lock.json may be damaged, hand-edited or written by something else; every field is checked so
that nonsense becomes "stale" (on this machine) or a clear sentence, never a traceback.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

# Linux pids stay below 2**22 (pid_max's ceiling); anything else is not a process.
PID_LIMIT = 2**22
SINCE_FORMAT = "%Y-%m-%d %H:%M"
UNKNOWN_TIME = "an unknown time"
_MAX_FIELD = 200


@dataclass(frozen=True)
class LockHolder:
    user: str
    host: str
    pid: int  # -1 when the lock's pid is not a process id
    since: str
    token: str = ""

    def describe(self) -> str:
        return f"opened by {self.user} on {self.host} since {self.since}"

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    def is_stale_here(self) -> bool:
        """True when the holder was on this machine and its process is gone (or never was)."""
        if self.host != socket.gethostname():
            return False
        if self.pid <= 0:
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:  # alive, another user's
            return False
        except OSError:
            return True
        return False


def since_now() -> str:
    return datetime.now(timezone.utc).astimezone().strftime(SINCE_FORMAT)


def parse_lock(raw: bytes) -> tuple[LockHolder | None, str]:
    """The holder a lock names, or None and what is wrong with it (for "The case lock X ...")."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, "is not a lock ParoleDesk wrote"
    if not isinstance(data, dict):
        return None, "is not a lock ParoleDesk wrote"
    host = data.get("host")
    if not isinstance(host, str) or not host.strip() or len(host) > 255:
        return None, "names no machine"
    pid = data.get("pid")
    if type(pid) is not int or not 0 < pid < PID_LIMIT:
        pid = -1
    since = data.get("since")
    if not isinstance(since, str) or not _is_time(since):
        since = UNKNOWN_TIME
    user = data.get("user")
    user = _printable(user) if isinstance(user, str) and user.strip() else "someone"
    token = data.get("token")
    return LockHolder(user, _printable(host), pid, since, token if isinstance(token, str) else ""), ""


def _is_time(text: str) -> bool:
    try:
        datetime.strptime(text, SINCE_FORMAT)
    except ValueError:
        return False
    return True


def _printable(text: str) -> str:
    """A name as it can be shown in one line: control characters escaped, length bounded."""
    shown = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
    return shown if len(shown) <= _MAX_FIELD else shown[:_MAX_FIELD] + "..."
