"""Call the `assay` command from Python: JSON in, parsed JSON out.

Standard library only. With pandas installed, `frame()` returns a DataFrame of one of a
subcommand's tables (read from its CSV output, so amounts are plain numbers next to a
currency column); without pandas it returns a list of dicts.

The binary is found in this order: the ASSAY_BIN environment variable, `assay` on PATH
(`go install github.com/dataassay/assay/cmd/assay@latest`), or `go run ./cmd/assay` from the
repository that holds this file (slower: it compiles first).

    import assay
    result = assay.run("split", {"total": {"amount": "100.00", "currency": "CNY"},
                                 "parties": [{"name": "a", "weight": "2"}, {"name": "b", "weight": "1"}]})
    result["shares"][0]["amount"]          # {'amount': '66.67', 'currency': 'CNY'}
    assay.frame("split", "shares", path="../data/split.json")
"""

import csv
import io
import json
import os
import shutil
import subprocess

__all__ = ["AssayError", "run", "frame", "command"]

_HERE = os.path.dirname(os.path.abspath(__file__))
_REPO = os.path.dirname(os.path.dirname(_HERE))


class AssayError(Exception):
    """The command failed: exit status 1 (bad input) or 2 (usage), with its one-line message."""

    def __init__(self, status, message):
        super().__init__(f"assay exited {status}: {message}")
        self.status = status
        self.message = message


def command():
    """The argument list that starts the assay binary."""
    env = os.environ.get("ASSAY_BIN")
    if env:
        return [env]
    found = shutil.which("assay")
    if found:
        return [found]
    return ["go", "run", os.path.join(_REPO, "cmd", "assay")]


def _call(subcommand, data, path, args):
    argv = command() + [subcommand]
    stdin = None
    if path is not None:
        argv += ["-in", os.fspath(path)]
    elif data is not None:
        stdin = data if isinstance(data, (bytes, str)) else json.dumps(data)
        if isinstance(stdin, str):
            stdin = stdin.encode("utf-8")
    else:
        raise ValueError("give the input as data (a dict, JSON text or CSV text) or as path")
    argv += list(args)
    proc = subprocess.run(argv, input=stdin, capture_output=True, cwd=None)
    if proc.returncode != 0:
        raise AssayError(proc.returncode, proc.stderr.decode("utf-8", "replace").strip())
    return proc.stdout.decode("utf-8")


def run(subcommand, data=None, *, path=None, args=()):
    """Run `assay SUBCOMMAND -format json` on data (a dict, or JSON/CSV text) or on the file
    at path, and return the parsed JSON output (amounts stay strings: use decimal.Decimal)."""
    return json.loads(_call(subcommand, data, path, list(args) + ["-format", "json"]))


def frame(subcommand, table, data=None, *, path=None, args=()):
    """Run `assay SUBCOMMAND -format csv -table TABLE` and return the table as a pandas
    DataFrame, or as a list of dicts when pandas is not installed."""
    text = _call(subcommand, data, path, list(args) + ["-format", "csv", "-table", table])
    try:
        import pandas
    except ImportError:
        return list(csv.DictReader(io.StringIO(text)))
    return pandas.read_csv(io.StringIO(text))
