"""The base class of skprune's feature selectors."""

import inspect

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.feature_selection import SelectorMixin
from sklearn.utils.validation import check_is_fitted

from ._compat import validate_data
from ._input import is_dask_collection, is_pandas_df, is_polars_df
from ._memory import cached_call
from ._selection import SELECTION_CONSTRAINTS, rank_order, ranking_from_order, select_support


class BaseSelector(SelectorMixin, BaseEstimator):
    """Scores features at ``fit``; keeps those the shared selection rule picks.

    Subclasses compute ``scores_`` and call ``_select``. ``transform`` keeps DataFrames as they are:
    the kept columns with their own dtypes (categorical columns pass through unchanged).
    """

    _parameter_constraints: dict = {**SELECTION_CONSTRAINTS}

    def _fit_scores(self, function, *args):
        """Run the scoring part of ``fit`` (through ``self.memory``'s cache) and keep its state.

        ``function(*args, **params)`` takes the data positionally and, as keyword-only arguments,
        the parameters of this estimator it depends on (passed by name). It returns
        ``(state, scores, *extra)``: ``state`` maps fitted attribute names to values. Returns
        ``scores`` and the extra values.
        """
        signature = inspect.signature(function).parameters.values()
        params = {p.name: getattr(self, p.name) for p in signature if p.kind is p.KEYWORD_ONLY}
        state, *rest = cached_call(self.memory, function, *args, **params)
        for name, value in state.items():
            setattr(self, name, value)
        return rest[0] if len(rest) == 1 else rest

    def _select(self, scores, order=None, threshold_scores=None, n_selected=None):
        """Store ``scores_``, ``ranking_`` and the support mask from the shared rule.

        ``order`` is a best-first order when it is not simply decreasing score; ``threshold_scores``
        are what ``threshold`` is compared with when they are not ``scores``. ``n_selected`` is
        given by an estimator that applied the rule itself, round by round, as it pruned (the
        linear pruners): the first ``n_selected`` of ``order`` are kept.
        """
        self.scores_ = np.asarray(scores, dtype=np.float64)
        order = rank_order(self.scores_) if order is None else np.asarray(order)
        self.ranking_ = ranking_from_order(order)
        if n_selected is not None:
            self.support_ = np.isin(np.arange(order.size), order[:n_selected])
            return self
        fdr, pvalues = getattr(self, "fdr", None), getattr(self, "pvalues_", None)
        if fdr is not None and pvalues is None:
            raise ValueError(
                f"fdr={fdr} needs p-values, which this {type(self).__name__} has not computed."
            )
        self.support_ = select_support(
            self.scores_ if threshold_scores is None else threshold_scores,
            pruning_rate=self.pruning_rate,
            k=self.k,
            threshold=self._selection_threshold(),
            order=order,
            fdr=fdr,
            pvalues=pvalues,
        )
        return self

    def _selection_threshold(self):
        """The ``threshold`` of the shared rule (a subclass may derive it at ``fit``)."""
        return self.threshold

    def _get_support_mask(self):
        check_is_fitted(self)
        return self.support_

    def transform(self, X):
        """Reduce X to the selected features.

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            The input samples. A pandas or polars DataFrame comes back as a DataFrame of the
            kept columns, with their dtypes unchanged; a dask array or DataFrame as a lazy
            selection of its columns.

        Returns
        -------
        X_r : {ndarray, sparse matrix, DataFrame} of shape (n_samples, n_selected_features)
            The input samples with only the selected features.
        """
        check_is_fitted(self)
        if is_dask_collection(X):
            from ._chunks import select_columns

            return select_columns(self, X)
        if is_pandas_df(X) or is_polars_df(X):
            validate_data(self, X, skip_check_array=True, reset=False)
            if is_polars_df(X):
                return X[:, np.flatnonzero(self.get_support()).tolist()]
            return self._transform(X)
        return super().transform(X)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        tags.input_tags.allow_nan = True
        tags.input_tags.sparse = True
        return tags
