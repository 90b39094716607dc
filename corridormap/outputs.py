"""Writing outputs so that nothing is ever lost: atomically, and never onto an input.

Every file corridormap writes (a map, a figure, an export) goes through :func:`write_output`:

- the content is complete before the target is touched: it is written to a temporary file in
  the target's folder and moved into place with ``os.replace``, so a failed render leaves the
  previous output as it was (and no half-written file);
- a path inside a folder being read (the dataset, given as ``protect``) is refused, so that
  ``--out DATA/places.geojson`` cannot replace an input with HTML;
- a folder of files (an export in one file per table) is built beside the target and swapped in
  (:func:`write_folder`); an existing folder is replaced only if corridormap wrote it (it holds
  the marker file), never a folder of the user's;
- any ``OSError`` (an unwritable folder, a full disk, an empty path) becomes an
  :class:`OutputError` naming the path.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ._errors import OutputError

__all__ = ["check_output", "write_folder", "write_output"]


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


def write_folder(
    path: str | Path,
    fill: Callable[[Path], None],
    marker: str,
    protect: Iterable[str | Path] = (),
) -> Path:
    """Write a folder of outputs: built complete beside the target, then swapped in.

    Parameters
    ----------
    path
        The folder to write (its parent is created).
    fill
        A function that writes every file into the (empty, temporary) folder it is given,
        including ``marker``.
    marker
        A file name that ``fill`` writes and that marks a folder as corridormap's: an existing
        folder at ``path`` is replaced only if it holds this file or is empty.
    protect
        Folders being read, which the output may not lie in.

    Returns
    -------
    pathlib.Path
        The resolved folder written.

    Raises
    ------
    OutputError
        If the path is refused (an input, a file, a folder that is not a previous export) or
        cannot be written; a previous export is then left as it was.
    """
    if not str(path).strip():
        raise OutputError("no output folder given: name a folder to write")
    out = Path(path).expanduser().resolve()
    if out.is_dir():
        check_output(out / marker, protect)
        if any(out.iterdir()) and not (out / marker).is_file():
            raise OutputError(
                f"refusing to replace {out}: it is a folder corridormap did not write; name a new folder"
            )
    else:
        check_output(out, protect)
        if out.exists():
            raise OutputError(f"cannot write the folder {out}: a file of that name exists; name a folder")
    build: Path | None = None
    old: Path | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        build = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}."))
        fill(build)
        if not (build / marker).is_file():
            raise OutputError(f"cannot write {out}: the export did not write its marker {marker}")
        build.chmod(0o755)
        if out.is_dir():
            old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old."))
            os.replace(out, old / out.name)
        os.replace(build, out)
        build = None
    except OutputError:
        raise
    except OSError as exc:
        if old is not None and not out.exists():
            os.replace(old / out.name, out)  # put the previous export back
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        for leftover in (build, old):
            if leftover is not None:
                shutil.rmtree(leftover, ignore_errors=True)
    return out
