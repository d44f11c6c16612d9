"""``skprune select``: score the columns of a table file, print the ranking, write the kept ones."""

import inspect
import sys
import time
import warnings

import numpy as np
import pandas as pd

from .._linear._lasso_pruner import LassoPruner
from .._linear._ridge_pruner import RidgePruner
from .._scoring._gini_selector import GiniSelector
from .._scoring._mutual_info_selector import MutualInfoSelector
from ._mlp_ranking import NetworkInputRanking
from ._table_io import CommandError, read_table, write_table
from ._text import text_table

# Method name on the command line -> (estimator class, needs numeric columns).
METHODS = {
    "mi": (MutualInfoSelector, False),
    "gini": (GiniSelector, False),
    "lasso": (LassoPruner, True),
    "ridge": (RidgePruner, True),
    "mlp": (NetworkInputRanking, True),
}


class Progress:
    """One line per stage on stderr, with the time the stage took."""

    def __init__(self, stream):
        self.stream = stream
        self.start = time.perf_counter()

    def __call__(self, message):
        seconds = time.perf_counter() - self.start
        print(f"[{seconds:6.2f} s] {message}", file=self.stream, flush=True)


def split_target(table, target):
    if target not in table.columns:
        names = ", ".join(map(str, table.columns[:5])) + (", ..." if table.shape[1] > 5 else "")
        raise CommandError(f"no column {target!r} in the table (its columns: {names}).")
    X = table.drop(columns=[target])
    if X.shape[1] == 0:
        raise CommandError(f"the table has no column besides the target {target!r}.")
    return X, table[target]


def make_selector(method, pruning_rate, k, X, fdr=None):
    estimator, numeric_only = METHODS[method]
    if fdr is not None and "fdr" not in inspect.signature(estimator).parameters:
        with_pvalues = [
            name for name, (cls, _) in METHODS.items() if "fdr" in inspect.signature(cls).parameters
        ]
        raise CommandError(
            f"--fdr needs p-values, which --method {method} has not; use --method "
            f"{' or '.join(with_pvalues)}."
        )
    if numeric_only:
        numeric = pd.api.types.is_numeric_dtype
        text = [name for name, dtype in X.dtypes.items() if not numeric(dtype)]
        if text:
            raise CommandError(
                f"--method {method} needs numeric columns; {text[0]!r} is not (encode it, or use "
                "--method mi or gini, which take categorical columns)."
            )
    params = {"k": k} if k is not None else {"pruning_rate": pruning_rate}
    if fdr is not None:
        params["fdr"] = fdr
    return estimator(**params)


def fit_selector(selector, X, y, stream):
    """Fit, turning the estimator's errors and warnings into one line each."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            selector.fit(X, y)
        except (ValueError, TypeError) as error:
            raise CommandError(str(error).strip().splitlines()[0]) from None
    for warning in caught:
        print(f"warning: {str(warning.message).splitlines()[0]}", file=stream)
    return selector


def score_table(selector, names):
    """Features best first: rank, name, score, p-value (with ``fdr``) and whether it is kept."""
    columns = {"rank": selector.ranking_, "feature": names, "score": selector.scores_}
    if getattr(selector, "fdr", None) is not None:
        columns["pvalue"] = selector.pvalues_
    table = pd.DataFrame(columns | {"kept": selector.support_})
    return table.sort_values("rank", kind="stable").reset_index(drop=True)


def print_ranking(scores, out):
    rows = [
        (row.rank, row.feature, f"{row.score:.4f}")
        + ((f"{row.pvalue:.2g}",) if "pvalue" in scores else ())
        + ("kept" if row.kept else "pruned",)
        for row in scores.itertuples(index=False)
    ]
    header = ("rank", "feature", "score") + (("p-value",) if "pvalue" in scores else ())
    for line in text_table(header + ("status",), rows):
        print(line, file=out)
    print(f"{int(scores['kept'].sum())} of {len(scores)} features kept.", file=out)


def run_select(args, out=None, err=None):
    out, err = out or sys.stdout, err or sys.stderr
    progress = Progress(err)
    table = read_table(args.data)
    progress(f"read {args.data}: {table.shape[0]} rows, {table.shape[1]} columns")
    X, y = split_target(table, args.target)
    selector = make_selector(args.method, args.pruning_rate, args.k, X, args.fdr)
    progress(f"scoring {X.shape[1]} features with {selector!r}")
    fit_selector(selector, X, y, err)
    progress("scored")
    scores = score_table(selector, np.asarray(X.columns, dtype=object))
    print_ranking(scores, out)
    if args.output is not None:
        kept = set(X.columns[selector.support_]) | {args.target}
        write_table(table[[c for c in table.columns if c in kept]], args.output)
        progress(f"wrote {len(kept) - 1} kept features and {args.target!r} to {args.output}")
    if args.scores is not None:
        write_table(scores, args.scores)
        progress(f"wrote the scores to {args.scores}")
    return 0
