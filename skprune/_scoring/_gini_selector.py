"""GiniSelector: keep the features whose splits decrease impurity the most."""

from .._core._base import BaseSelector
from .._core._compat import _fit_context
from .._core._docstring import Substitution
from .._core._input import is_dask_collection, validate_features
from .._core._memory import MEMORY_CONSTRAINTS
from .._core._selection import FDR_CONSTRAINT
from ._gini import GINI_CONSTRAINTS, gini_fit
from ._shadow import SHADOW_CONSTRAINTS, check_shadow_fdr, shadow_test
from ._split_significance import PERMUTATION_CONSTRAINTS, split_test


@Substitution("feature_selection", "score_memory")
class GiniSelector(BaseSelector):
    """Select features by Gini impurity decrease (variance decrease for regression).

    With ``method="split"`` (default) each feature is scored by the impurity decrease of its
    single best split, the criterion of a depth-1 decision tree: exact by sorting, or on
    equal-frequency bins for very tall tables. Missing values go to whichever side of the split is
    better, and categorical columns are split after ordering their categories by class proportion
    (target mean for regression). With ``method="forest"`` the score is a random forest's mean
    decrease in impurity, which also credits features that matter only together with others.

    Parameters
    ----------
    {{feature_selection}}
    threshold : float, default=None
        Keep only features whose score is >= threshold (with ``k``: at most ``k`` of them).
    fdr : float in (0, 1), default=None
        False discovery rate: keep the features whose Benjamini-Hochberg adjusted p-value
        (``pvalues_``) is at most ``fdr``; ``pruning_rate`` is then ignored, and with ``k`` at
        most ``k`` of them are kept. The p-values are computed only when ``fdr`` is set:
        ``method="split"`` tests each best split's gain by permutation of the target
        (``n_permutations``), ``method="forest"`` runs Boruta's test against shadow features
        (``shadow_rounds``).
    method : {"split", "forest"}, default="split"
        "split": impurity decrease of each feature's best single split. "forest": mean decrease in
        impurity of a ``RandomForestClassifier`` / ``RandomForestRegressor``.
    task : {"auto", "classification", "regression"}, default="auto"
        "auto" decides from the type of ``y``. Classification uses the Gini impurity, regression
        the variance (squared error).
    discrete_features : "auto", bool or array-like, default="auto"
        Which columns are discrete. "auto": pandas category, object, string and bool columns, and
        integer columns with at most 32 distinct values. Numeric discrete columns are split as
        ordered numbers; categorical columns by ordering their categories. A bool applies to every
        column; a boolean mask or a list of indices names them.
    splitter : {"auto", "exact", "histogram"}, default="auto"
        How ``method="split"`` searches: "exact" sorts each column and tries every cut between
        distinct values; "histogram" tries the cuts between ``max_bins`` equal-frequency bins.
        "auto" is exact up to 1,000,000 rows (where sorting is the faster of the two).
    max_bins : int, default=255
        Bins per continuous column of the histogram splitter.
    chance_correction : bool, default=True
        With ``method="split"``, subtract from the gain of each categorical column its mean
        gain when the rows' targets are shuffled (20 shuffles, from a fixed seed, so that a table
        always gets the same scores). Grouping the levels of a category into two sides finds a
        good split by chance, the more so the more levels: an identifier splits perfectly. With
        the correction such columns score about 0 and rank below a weak real signal. Ordered
        (numeric) columns are not corrected: the best of their cuts gains little by chance, and
        no more for more distinct values. Costs 20 more counts of the categorical columns.
        False: the plain gain. The forest's importances are never corrected (they too favour
        many-level columns; scikit-learn's ``permutation_importance`` does not).
    n_permutations : "auto" or int, default="auto"
        ``B``, the most permutations of the target behind ``pvalues_`` (``method="split"``
        with ``fdr``). The smallest p-value is ``1 / (B + 1)``: Benjamini-Hochberg over ``m``
        features keeps a lone discovery only if ``1 / (B + 1) <= fdr / m``. "auto" runs 999,
        then ten times more for the features that no shuffled target reached and that the
        rule does not keep yet, up to ``m / fdr``: more permutations can change nothing else.
        A feature stops after the 20th shuffled gain that reaches its own (its p-value is then
        ``20 / L`` after ``L`` shuffles), so only the features near or past significance cost
        all ``B``.
    n_estimators : int, default=100
        Trees of the forest (``method="forest"``).
    max_features : {"sqrt", "log2"}, int, float or None, default="sqrt"
        Features tried at each split of a forest tree.
    shadow_rounds : int, default=20
        Rounds of Boruta's shadow test (``method="forest"`` with ``fdr``): forests fitted on
        ``[X, shadow]``, each column of ``shadow`` a permutation of the matching column of X.
        The smallest p-value is ``0.5 ** shadow_rounds`` (about 1e-6 at 20), so the
        Benjamini-Hochberg rule can keep a feature alone only when ``0.5 ** shadow_rounds`` is
        at most ``fdr / n_features`` (up to 52,000 features at ``fdr=0.05`` for 20 rounds), and
        ``j`` features together when it is at most ``j * fdr / n_features``. Fewer rounds than
        ``log2(1 / fdr)`` can keep nothing and are refused.
    random_state : int, RandomState instance or None, default=None
        Seeds the forest, the permutations of ``pvalues_`` (``method="split"``) and the shadows
        and forests of the shadow test (``method="forest"``): an int gives the same p-values at
        every fit.
    n_jobs : int, default=None
        Parallel jobs: threads over column blocks (split) or trees (forest).
    {{score_memory}}
        A path is the cache directory. None: no caching.

    Attributes
    ----------
    scores_ : ndarray of shape (n_features,)
        Impurity decrease of each feature (forest: importances summing to 1).
    ranking_ : ndarray of shape (n_features,)
        Rank of each feature, 1 = best.
    support_ : ndarray of bool, shape (n_features,)
        The kept features.
    pvalues_ : ndarray of shape (n_features,)
        Only with ``fdr`` and ``method="split"``: the permutation p-value of each feature's
        best-split gain, ``(1 + #{null gains >= gain}) / (B + 1)`` over ``B`` shuffles of the
        rows' targets (or ``20 / L`` when the 20th null gain to reach it came at shuffle
        ``L``), the null gains being those of the feature's blocks (its distinct values or
        bins, and its missing rows). Categorical columns are tested on their
        uncorrected gain (the chance correction is a constant shift). Sample weights move with
        their rows' targets.
    task_ : str
        "classification" or "regression".
    estimator_ : RandomForestClassifier or RandomForestRegressor
        The fitted forest, only with ``method="forest"``. It was trained on the encoded features
        (categories as integer codes, NaN kept), with the original class labels.
    shadow_hits_ : ndarray of int, shape (n_features,)
        Rounds of the shadow test in which the feature's importance exceeded that of every
        shadow feature. Only with ``method="forest"`` and ``fdr``.
    pvalues_ : ndarray of shape (n_features,)
        With ``method="forest"`` and ``fdr``: the upper tail of Binomial(``shadow_rounds``, 1/2)
        at ``shadow_hits_``, the chance of as many hits for a feature unrelated to the target.
    n_features_in_ : int
        Number of features seen during ``fit``.
    feature_names_in_ : ndarray of shape (n_features,)
        Names of the features seen during ``fit``, when X has string column names.

    See Also
    --------
    MutualInfoSelector : Select features by mutual information with the target.
    gini_scores : The score function behind this selector.
    sklearn.feature_selection.SelectFromModel : Selection from a fitted model's importances.

    Notes
    -----
    A single best split sees one feature at a time: features that are informative only jointly
    (an XOR) score near zero with ``method="split"``; use ``method="forest"`` for them.

    The chance correction was chosen by measurement (``benchmarks/bench_chance.py``). The exact
    expectation under permutation of the gain of the split into every level,
    ``impurity * (levels - 1) / (n_samples - 1)``, over-corrects: the best grouping into two
    captures only part of it, and a no-signal column of 2,000 levels on 5,000 rows drops to
    -0.066 (a weak signal scores 0.014). The mean of 20 shuffles leaves it at about 0 (-0.002).
    The shuffles cost 20 more counts of the categorical columns: on the adult table read as
    text (14 categorical columns, 32,561 rows) a fit takes 0.35 s instead of 0.10 s.

    The shadow test of ``method="forest"`` (Kursa & Rudnicki 2010, the test of Boruta) fits
    ``shadow_rounds`` forests on twice the columns. On Madelon (2,000 x 500) a round costs 1.7
    to 1.8 times the forest alone, and the 20 rounds of the default about 35 times: the test
    runs only when ``fdr`` is given. Under the null a feature is no better than its shadows,
    and Boruta takes each hit as a fair coin; beating the best of all shadows is rarer than
    that, so the test is conservative. Unlike Boruta it runs a fixed number of rounds and
    drops no feature between them. It judges the forest's importances: a feature that the
    forest itself ranks among noise columns is not found (``max_features`` larger than
    ``"sqrt"`` sharpens the importances, at a cost).

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from skprune import GiniSelector
    >>> X, y = make_classification(n_samples=1000, n_features=10, n_informative=3,
    ...                            n_redundant=0, shuffle=False, random_state=0)
    >>> selector = GiniSelector(k=3).fit(X, y)
    >>> selector.get_support(indices=True)
    array([0, 1, 2])
    >>> selector.transform(X).shape
    (1000, 3)
    >>> forest = GiniSelector(method="forest", k=3, n_estimators=50, random_state=0).fit(X, y)
    >>> forest.get_support(indices=True)
    array([0, 1, 2])
    >>> discoveries = GiniSelector(fdr=0.05, random_state=0).fit(X, y)
    >>> discoveries.get_support(indices=True)
    array([0, 1, 2])
    >>> discoveries.pvalues_[:4].round(3)
    array([0.009, 0.001, 0.008, 0.202])

    Without a count: the features a shadow test finds at a false discovery rate of 5 %.

    >>> tested = GiniSelector(method="forest", fdr=0.05, n_estimators=20, shadow_rounds=10,
    ...                       random_state=0).fit(X, y)
    >>> tested.get_support(indices=True)
    array([0, 1, 2])
    >>> tested.shadow_hits_
    array([10, 10, 10,  1,  1,  0,  3,  3,  0,  1])
    """

    _parameter_constraints: dict = {
        **BaseSelector._parameter_constraints,
        **GINI_CONSTRAINTS,
        **FDR_CONSTRAINT,
        **PERMUTATION_CONSTRAINTS,
        **SHADOW_CONSTRAINTS,
        **MEMORY_CONSTRAINTS,
    }

    def __init__(
        self,
        pruning_rate=0.5,
        *,
        k=None,
        threshold=None,
        fdr=None,
        method="split",
        task="auto",
        discrete_features="auto",
        splitter="auto",
        max_bins=255,
        chance_correction=True,
        n_permutations="auto",
        n_estimators=100,
        max_features="sqrt",
        shadow_rounds=20,
        random_state=None,
        n_jobs=None,
        memory=None,
    ):
        self.pruning_rate = pruning_rate
        self.k = k
        self.threshold = threshold
        self.fdr = fdr
        self.method = method
        self.task = task
        self.discrete_features = discrete_features
        self.splitter = splitter
        self.max_bins = max_bins
        self.chance_correction = chance_correction
        self.n_permutations = n_permutations
        self.n_estimators = n_estimators
        self.max_features = max_features
        self.shadow_rounds = shadow_rounds
        self.random_state = random_state
        self.n_jobs = n_jobs
        self.memory = memory

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None):
        """Score every feature and select the best.

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
            Training data. NaN marks a missing value. A dask array or DataFrame is counted
            chunk by chunk, with the in-memory result (``method="split"``, histogram splitter).
            A sparse matrix is split by sorting its stored values only (``method="split"``).
        y : array-like of shape (n_samples,)
            Target (with dask X: a dask array or Series chunked alike, or in memory).
        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights; a weight of 2 counts as a repeated row, except in the shuffles
            of ``pvalues_``, where a row's weight moves with its target.

        Returns
        -------
        self : object
            The fitted selector.
        """
        self._check_fdr(X)
        self._forget_pvalues()
        if is_dask_collection(X):
            return self._fit_dask(X, y, sample_weight)
        features = validate_features(self, X, discrete_features=self.discrete_features)
        scores = self._fit_scores(gini_fit, features, y, sample_weight)
        self._fit_pvalues(features, y, sample_weight)
        return self._select(scores)

    # --- p-values (the fdr rule): the split's permutations, the forest's shadow test ---
    def _check_fdr(self, X):
        """Refuse, before any fitting, an ``fdr`` that neither test can serve."""
        if self.fdr is not None and is_dask_collection(X):
            raise ValueError(
                f"fdr={self.fdr} needs permutations of the whole target, which a dask X does "
                "not offer; compute X into memory, or use k or pruning_rate."
            )
        check_shadow_fdr(self)

    def _forget_pvalues(self):
        """Remove the p-values of an earlier fit: a fit without ``fdr`` (or on dask) has none."""
        for name in ("pvalues_", "shadow_hits_"):
            if hasattr(self, name):
                delattr(self, name)

    def _fit_pvalues(self, features, y, sample_weight):
        """``pvalues_`` (and the forest's ``shadow_hits_``), only when ``fdr`` asks for them.

        Both tests cost many fits' worth of work (permutations; ``shadow_rounds`` forests on
        twice the columns), so they run only with ``fdr``, as scikit-learn's forests compute
        ``oob_score_`` only with ``oob_score=True``.
        """
        if self.fdr is None:
            return
        if self.method == "forest":
            self._fit_scores(shadow_test, features, y, sample_weight)  # cached with `memory`
            return
        self.pvalues_ = split_test(
            features,
            y,
            sample_weight,
            task=self.task,
            splitter=self.splitter,
            max_bins=self.max_bins,
            n_permutations=self.n_permutations,
            random_state=self.random_state,
            fdr=self.fdr,
        )

    def _fit_dask(self, X, y, sample_weight):
        """``fit`` of a dask array or DataFrame: the histogram splitter, chunk by chunk."""
        from .._core._chunks import check_columns
        from ._dask import gini_on_chunks

        check_columns(self, X, reset=True)
        scores, plan = gini_on_chunks(
            self,
            X,
            y,
            sample_weight,
            method=self.method,
            splitter=self.splitter,
            task=self.task,
            discrete_features=self.discrete_features,
            max_bins=self.max_bins,
        )
        self.task_ = plan.task
        return self._select(scores)
