"""Load each CSV file named on the command line with Python's csv module and fail unless it
has a header row, at least one data row, and every row as many fields as the header.
.ci/run uses it on every CSV table that cmd/assay writes. Standard library only."""

import csv
import sys


def main(paths):
    for path in paths:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        if len(rows) < 2:
            sys.exit(f"csvcheck: {path}: {len(rows)} rows, want a header and data")
        width = len(rows[0])
        for i, row in enumerate(rows[1:], 2):
            if len(row) != width:
                sys.exit(f"csvcheck: {path}: line {i} has {len(row)} fields, the header {width}")
    print(f"csvcheck: {len(paths)} CSV tables load with Python's csv module")


if __name__ == "__main__":
    main(sys.argv[1:])
