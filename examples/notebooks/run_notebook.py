"""Execute the code cells of a Jupyter notebook in order, headless, failing on the first error.

Standard library only (plus whatever the notebook imports): a stand-in for nbclient where
Jupyter is not installed. Matplotlib, if the notebook uses it, draws with the Agg backend.

    python3 run_notebook.py tour.ipynb
"""

import json
import os
import sys
import traceback


def main(path):
    os.environ.setdefault("MPLBACKEND", "Agg")
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    os.chdir(os.path.dirname(os.path.abspath(path)))
    sys.path.insert(0, os.getcwd())
    namespace = {"__name__": "__main__"}
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for i, cell in enumerate(cells, 1):
        source = "".join(cell["source"])
        try:
            exec(compile(source, f"{path} cell {i}", "exec"), namespace)
        except Exception:
            traceback.print_exc()
            print(f"{path}: code cell {i} of {len(cells)} failed", file=sys.stderr)
            return 1
    print(f"{path}: {len(cells)} code cells ran")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
