"""Writing outputs so that nothing is ever lost: atomically, and never onto an input.

Every file corridormap writes (a map, a figure, an export) goes through :func:`write_output`:

- the content is complete before the target is touched: it is written to a temporary file in
  the target's folder and moved into place with ``os.replace``, so a failed render leaves the
  previous output as it was (and no half-written file);
- a path inside a folder being read (the dataset, given as ``protect``) is refused, so that
  ``--out DATA/places.geojson`` cannot replace an input with HTML;
- any ``OSError`` (an unwritable folder, a full disk, an empty path) becomes an
  :class:`OutputError` naming the path.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ._errors import OutputError

__all__ = ["check_output", "write_output"]


def check_output(path: str | Path, protect: Iterable[str | Path] = ()) -> Path:
    """Return the resolved output path, or refuse one that would overwrite an input.

    Parameters
    ----------
    path
        Where the output is to go.
    protect
        Folders (or files) being read: the output may not lie inside any of them.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputError
        For an empty path, a folder, or a path inside a protected folder.

    Examples
    --------
    >>> check_output("/tmp/data/rail.geojson", protect=["/tmp/data"])
    Traceback (most recent call last):
    ...
    corridormap._errors.OutputError: refusing to write /tmp/data/rail.geojson: it is inside /tmp/data, which is being read; write the output somewhere else
    """
    if not str(path).strip():
        raise OutputError("no output file given: name a file to write")
    out = Path(path).expanduser().resolve()
    for item in protect:
        guarded = Path(item).expanduser().resolve()
        if out == guarded or guarded in out.parents:
            raise OutputError(
                f"refusing to write {out}: it is inside {guarded}, which is being read; "
                "write the output somewhere else"
            )
    if out.is_dir():
        raise OutputError(f"cannot write {out}: it is a folder; name a file")
    return out


def write_output(
    path: str | Path,
    content: str | bytes | Callable[[Path], None],
    protect: Iterable[str | Path] = (),
) -> Path:
    """Write an output file atomically, refusing to overwrite an input.

    Parameters
    ----------
    path
        The file to write (its folder is created).
    content
        Text (written as UTF-8), bytes, or a function that writes the file at the path it is
        given (for writers such as matplotlib's ``savefig``).
    protect
        Folders being read, which the output may not lie in.

    Returns
    -------
    pathlib.Path
        The resolved path written.

    Raises
    ------
    OutputError
        If the path is refused or cannot be written; the previous file, if any, is unchanged.
    """
    out = check_output(path, protect)
    tmp: Path | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=out.suffix)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(content, str):
                handle.write(content.encode("utf-8"))
            elif isinstance(content, bytes):
                handle.write(content)
        if callable(content):
            content(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
        tmp = None
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    except UnicodeEncodeError as exc:
        raise OutputError(
            f"cannot write {out}: the text holds characters UTF-8 cannot encode ({exc.reason})"
        ) from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return out
