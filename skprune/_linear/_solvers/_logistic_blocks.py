"""Logistic regression with L1 and L2 penalties, reading the rows a block at a time.

scikit-learn's L1-logistic solvers need X whole: liblinear copies it into its own structures (an
index and a double per entry, then again by column), and SAGA, which does not, is slower (3.4x
for one fit on 1,000,000 x 50, ``benchmarks/bench_memory_contract.py``). A large X
(``_linear_base.NARROW_SIZE`` entries) is fitted here instead by proximal Newton steps (as glmnet
and liblinear's own newGLMNET do), which see the rows only through sums over blocks of
``RowBlocks``:

- a pass at the current weights gives the loss, its full gradient and each row's class
  probabilities;
- a second pass gives the Hessian over the working set alone: the non-zero weights and those
  whose gradient breaks the L1 optimality condition (so it stays small along an L1 path);
- coordinate descent minimises the quadratic model plus the penalty over the working set, with
  the intercept (unpenalised) eliminated in closed form, then solves it exactly on its support;
- a backtracking line search (Armijo's rule on the penalised objective) accepts the step.

Two classes have one row of weights (the sigmoid of its score is the second class's
probability). More have one row per class (multinomial, the softmax of their scores), and the
Hessian couples the rows: the step moves them together, so the direction the loss ignores
(adding the same weights to every class) is held by the penalty alone. The softmax ignores a
common shift of the intercepts: the last one is held in each step, and the intercepts returned
are centred.

The objective is Lasso's scale, the mean log-loss plus the penalty,
``sum_i w_i log-loss_i / sum_i w_i + alpha * ||coef||_1 + l2 / 2 * ||coef||^2``, that is
``LogisticRegression(C=1 / (alpha * sum(w)))`` with an unpenalised intercept.
"""

import warnings
from dataclasses import dataclass

import numpy as np
import scipy.linalg
from scipy.special import expit, logsumexp
from sklearn.exceptions import ConvergenceWarning

# Optimality: a proximal gradient step would move no weight by more than TOL (in units of the
# mean loss per unit of a standardised feature). Exact Newton steps make a tight tolerance cheap.
TOL = 1e-9
MAX_NEWTON = 100
MAX_SWEEPS = 1000  # coordinate descent sweeps over the working set, per Newton step
ARMIJO = 1e-2  # the accepted step gains at least this share of the decrease the model predicts
MAX_HALVINGS = 40


@dataclass
class _Point:
    """The weights, and what a pass over the rows gives at them."""

    coef: np.ndarray  # (n_rows, n_features): one row of weights, or one per class
    intercept: np.ndarray  # (n_rows,)
    objective: float  # the penalised objective
    gradient: np.ndarray  # of the mean loss, by coef
    gradient_intercept: np.ndarray
    probability: np.ndarray  # (n_samples, n_rows): of the class of each row of weights


def logistic_fit(rows, y, sample_weight, *, n_classes=2, alpha=0.0, l2=0.0, start=None):
    """``(coef, intercept)`` of the penalised logistic regression of ``y`` on ``rows``.

    Parameters
    ----------
    rows : RowBlocks
        The (standardised) rows of X. A column that is all zeros gets a weight of 0.
    y : ndarray of shape (n_samples,)
        Class indices, 0 to ``n_classes - 1``.
    sample_weight : ndarray of shape (n_samples,)
        Non-negative, with a positive sum.
    n_classes : int, default=2
        Two: one row of weights; more: one per class (multinomial).
    alpha, l2 : float
        The L1 and L2 penalties; one of them must be positive (else separable data have no fit).
    start : tuple (coef, intercept), default=None
        Weights to start from (warm start); None: zeros, with the intercepts of the class shares.

    Returns
    -------
    coef : ndarray of shape (n_rows, n_features)
        One row for two classes, else one per class.
    intercept : ndarray of shape (n_rows,)
        With several classes, centred to a sum of zero.
    """
    w = sample_weight / sample_weight.sum()
    problem = _Problem(rows, y, w, n_classes, alpha, l2)
    if start is None:
        start = np.zeros((problem.n_rows, rows.shape[1])), problem.prior_intercept()
    coef, intercept = (np.array(part, dtype=np.float64, ndmin=1) for part in start)
    point = problem.at(coef.reshape(problem.n_rows, -1), intercept)
    for _ in range(MAX_NEWTON):
        if problem.violation(point) <= TOL:
            break
        step = problem.newton_step(point)
        if step is None:  # no descent left within rounding: as optimal as float64 allows
            break
        point = step
    else:
        warnings.warn(
            f"The L1-logistic solver did not converge in {MAX_NEWTON} Newton steps "
            f"(alpha={alpha:g}); the selection may be less accurate.",
            ConvergenceWarning,
            stacklevel=3,
        )
    if problem.n_rows > 1:
        return point.coef, point.intercept - point.intercept.mean()
    return point.coef, point.intercept


class _Problem:
    """The data and penalties of one fit, and the passes over the rows."""

    def __init__(self, rows, y, w, n_classes, alpha, l2):
        self.rows, self.y, self.w, self.alpha, self.l2 = rows, y, w, alpha, l2
        self.n_rows = 1 if n_classes == 2 else n_classes
        # The intercepts a step moves: the one, or all but the last class's.
        self.free = np.arange(1 if self.n_rows == 1 else self.n_rows - 1)

    def prior_intercept(self):
        """The intercepts of zero weights' optimum: the log-odds of the (weighted) class shares."""
        shares = np.bincount(self.y, weights=self.w, minlength=max(2, self.n_rows))
        log_shares = np.log(np.clip(shares, 1e-10, None))
        if self.n_rows == 1:
            return np.array([log_shares[1] - log_shares[0]])
        return log_shares - log_shares.mean()

    def penalty(self, coef):
        return self.alpha * np.abs(coef).sum() + 0.5 * self.l2 * np.square(coef).sum()

    def at(self, coef, intercept):
        """A pass over the rows at these weights: objective, gradient and probabilities."""
        loss = 0.0
        gradient = np.zeros(coef.shape)
        gradient_intercept = np.zeros(self.n_rows)
        probability = np.empty((self.y.size, self.n_rows))
        for index, block in self.rows:
            eta = block @ coef.T + intercept
            y, w = self.y[index], self.w[index]
            if self.n_rows == 1:  # the sigmoid of the one score
                loss += w @ (np.logaddexp(0.0, eta[:, 0]) - y * eta[:, 0])
                p = expit(eta)
                residual = p - y[:, None]
            else:  # the softmax of the class scores
                normaliser = logsumexp(eta, axis=1)
                loss += w @ (normaliser - eta[np.arange(y.size), y])
                p = np.exp(eta - normaliser[:, None])
                residual = p.copy()
                residual[np.arange(y.size), y] -= 1.0
            residual *= w[:, None]
            gradient += residual.T @ block
            gradient_intercept += residual.sum(axis=0)
            probability[index] = p
        objective = loss + self.penalty(coef)
        return _Point(coef, intercept, objective, gradient, gradient_intercept, probability)

    def violation(self, point):
        """How far the weights are from optimal: the largest move of a proximal gradient step.

        It is ``|gradient + alpha * sign|`` for a weight away from zero, how much ``|gradient|``
        exceeds ``alpha`` for a zero one; unlike that subgradient test it is continuous, so a
        weight within rounding of zero (1e-16) is not held to the conditions of a non-zero one.
        """
        smooth = point.gradient + self.l2 * point.coef
        moved = point.coef - smooth
        proximal = np.sign(moved) * np.maximum(np.abs(moved) - self.alpha, 0.0)
        breach = np.abs(point.coef - proximal)
        intercept = np.abs(point.gradient_intercept[self.free]).max()
        return max(float(breach.max(initial=0.0)), float(intercept))

    def working_set(self, point):
        """``(rows, columns)`` of the weights a step may move: non-zero, or breaking a zero's
        optimality condition."""
        smooth = np.abs(point.gradient + self.l2 * point.coef)
        return np.nonzero((point.coef != 0) | (smooth > self.alpha))

    def hessian(self, point, rows, columns):
        """Curvature of the mean loss in the working set's weights and the free intercepts.

        A second pass over the rows. The curvature between the weights of classes k and l on
        columns i and j is ``sum_n c_nkl x_ni x_nj`` (``_pair_curvature``); it is summed for
        every pair of classes on the working set's columns, then read off for its weights.
        """
        used, position = np.unique(columns, return_inverse=True)
        classes = np.arange(self.n_rows)
        gram = np.zeros((self.n_rows, self.n_rows, used.size, used.size))
        cross = np.zeros((self.n_rows, self.n_rows, used.size))
        curvature = np.zeros((self.n_rows, self.n_rows))
        for index, block in self.rows:
            part = block[:, used]
            p, w = point.probability[index], self.w[index]
            for k in classes:
                for other in classes[k:]:
                    c = _pair_curvature(p, w, k, other)
                    weighted = part * c[:, None]
                    gram[k, other] += part.T @ weighted
                    cross[k, other] += weighted.sum(axis=0)
                    curvature[k, other] += c.sum()
        # The curvature is symmetric in the two classes.
        lower = np.tril_indices(self.n_rows, -1)
        gram[lower] = np.swapaxes(gram, 2, 3)[lower[::-1]]
        cross[lower] = cross[lower[::-1]]
        curvature[lower] = curvature[lower[::-1]]
        weights = gram[rows[:, None], rows[None, :], position[:, None], position[None, :]]
        with_intercepts = cross[rows[:, None], self.free[None, :], position[:, None]]
        intercepts = curvature[np.ix_(self.free, self.free)]
        return weights, with_intercepts, intercepts

    def newton_step(self, point):
        """The next point: a proximal Newton step, shortened until Armijo's rule holds.

        None when no shortened step decreases the objective (converged to rounding).
        """
        rows, columns = self.working_set(point)
        weights, with_intercepts, intercepts = self.hessian(point, rows, columns)
        current = point.coef[rows, columns]
        gradient_intercept = point.gradient_intercept[self.free]
        # The free intercepts minimise the quadratic model in closed form for any step d of the
        # weights: d_intercepts = -C^+ (g0 + B^T d), with B the weights-intercepts curvature and
        # C the intercepts'. Substituting it leaves a model in d alone.
        inverse = np.linalg.pinv(intercepts, hermitian=True)
        reduced = weights - with_intercepts @ inverse @ with_intercepts.T
        reduced += self.l2 * np.eye(current.size)
        gradient = point.gradient[rows, columns] - with_intercepts @ (inverse @ gradient_intercept)
        target = _penalised_quadratic(reduced, gradient + self.l2 * current, current, self.alpha)
        delta = target - current
        delta_intercept = -inverse @ (gradient_intercept + with_intercepts.T @ delta)
        # The decrease the model predicts at the full step, with the penalty's exact change.
        full = point.coef.copy()
        full[rows, columns] = target
        predicted = point.gradient[rows, columns] @ delta + gradient_intercept @ delta_intercept
        predicted += self.penalty(full) - self.penalty(point.coef)
        if not predicted < 0:
            return None
        # Near the optimum the decrease is below the objective's rounding, where comparing
        # objectives says nothing: a step within that rounding is taken (the model is exact
        # there), else halved steps would creep without reaching TOL.
        rounding = 16 * np.finfo(np.float64).eps * max(1.0, abs(point.objective))
        step = 1.0
        for _ in range(MAX_HALVINGS):
            coef, intercept = point.coef.copy(), point.intercept.copy()
            coef[rows, columns] += step * delta
            intercept[self.free] += step * delta_intercept
            candidate = self.at(coef, intercept)
            if candidate.objective <= point.objective + ARMIJO * step * predicted + rounding:
                return candidate
            step /= 2
        return None


def _pair_curvature(p, w, k, other):
    """``w p_k (delta_ko - p_o)``: the log-loss's curvature between the scores of classes k, o.

    With one row of weights (two classes, a sigmoid) it is ``w p (1 - p)``.
    """
    if p.shape[1] == 1:
        return w * p[:, 0] * (1.0 - p[:, 0])
    return w * p[:, k] * ((k == other) - p[:, other])


def _penalised_quadratic(hessian, gradient, start, alpha):
    """The minimiser ``x`` of ``g @ (x - s) + (x - s) @ H @ (x - s) / 2 + alpha * ||x||_1``.

    Cyclic coordinate descent from ``x = s``: a full sweep, then sweeps over the non-zero
    coordinates until they settle, then a full sweep again to see whether any other moves (the
    active-set strategy of glmnet); then the exact minimiser on the support it found, where that
    is lower. A coordinate with no curvature (an all-zero column) stays put. Without an L1 penalty
    the quadratic is solved at once.
    """
    if alpha == 0:  # a plain quadratic (the L2 refit): its minimiser at once
        try:
            return start - scipy.linalg.cho_solve(scipy.linalg.cho_factor(hessian), gradient)
        except np.linalg.LinAlgError:  # not positive definite: coordinate descent below
            pass
    x = start.copy()
    slope = gradient.copy()  # the model's gradient at x: g + H (x - s)
    diagonal = np.diag(hessian)
    movable = np.flatnonzero(diagonal > 0)
    active = movable
    for _ in range(MAX_SWEEPS):
        largest = 0.0
        for j in active:
            a = diagonal[j]
            z = a * x[j] - slope[j]
            new = np.sign(z) * max(abs(z) - alpha, 0.0) / a
            change = new - x[j]
            if change != 0.0:
                slope += hessian[:, j] * change
                x[j] = new
                largest = max(largest, abs(change) * np.sqrt(a))
        settled = largest <= 0.1 * TOL
        if settled and active is movable:
            break
        active = movable if settled else movable[x[movable] != 0]
    exact = _exact_on_support(hessian, slope, x, alpha)

    def model(point):
        d = point - start
        return gradient @ d + d @ hessian @ d / 2 + alpha * np.abs(point).sum()

    return exact if exact is not None and model(exact) <= model(x) else x


def _exact_on_support(hessian, slope, x, alpha):
    """The exact minimiser of the model over the non-zero coordinates of ``x``, their signs kept.

    Coordinate descent converges slowly along directions of little curvature (correlated
    columns). With the signs of the non-zero coordinates known, the model is a plain quadratic on
    them, solved at once; where its curvature is singular (duplicated columns, more columns than
    rows) the step of least norm is taken (a pseudo-inverse). None if the solution changes a
    sign. Exact Newton steps make the outer iterations converge quadratically.
    """
    support = np.flatnonzero(x)
    if not support.size:
        return None
    signs = np.sign(x[support])
    inverse = scipy.linalg.pinvh(hessian[np.ix_(support, support)])
    exact = x.copy()
    exact[support] -= inverse @ (slope[support] + alpha * signs)
    return exact if (np.sign(exact[support]) == signs).all() else None
