"""Binary logistic regression with L1 and L2 penalties, reading the rows a block at a time.

scikit-learn's L1-logistic solvers need X whole: liblinear copies it into its own structures (an
index and a double per entry, then again by column), and SAGA, which does not, is far slower on
many rows. A large float32 X (``_linear_base.NARROW_SIZE``) is fitted here instead by proximal
Newton steps (as glmnet and liblinear's own newGLMNET do), which see the rows only through sums
over blocks of ``RowBlocks``:

- a pass at the current weights gives the loss, its full gradient and each row's curvature;
- a second pass gives the Hessian over the working set alone: the non-zero weights and those
  whose gradient breaks the L1 optimality condition (so it stays small along an L1 path);
- coordinate descent minimises the quadratic model plus the penalty over the working set, with
  the intercept (unpenalised) eliminated in closed form;
- a backtracking line search (Armijo's rule on the penalised objective) accepts the step.

The objective is Lasso's scale, the mean log-loss plus the penalty,
``sum_i w_i log-loss_i / sum_i w_i + alpha * ||coef||_1 + l2 / 2 * ||coef||^2``, that is
``LogisticRegression(C=1 / (alpha * sum(w)))`` with an unpenalised intercept.
"""

import warnings
from dataclasses import dataclass

import numpy as np
import scipy.linalg
from scipy.special import expit
from sklearn.exceptions import ConvergenceWarning

# Optimality: every coordinate's subgradient condition holds within TOL (in units of the mean loss
# per unit of a standardised feature). Exact Newton steps make a tight tolerance cheap.
TOL = 1e-9
MAX_NEWTON = 100
MAX_SWEEPS = 1000  # coordinate descent sweeps over the working set, per Newton step
ARMIJO = 1e-2  # the accepted step gains at least this share of the decrease the model predicts
MAX_HALVINGS = 40


@dataclass
class _Point:
    """The weights, and what a pass over the rows gives at them."""

    coef: np.ndarray
    intercept: float
    objective: float  # the penalised objective
    gradient: np.ndarray  # of the mean loss, by coef
    gradient_intercept: float
    curvature: np.ndarray  # each row's normalised weight times p (1 - p)


def logistic_fit(rows, y, sample_weight, *, alpha=0.0, l2=0.0, start=None):
    """``(coef, intercept)`` of the penalised binary logistic regression of ``y`` on ``rows``.

    Parameters
    ----------
    rows : RowBlocks
        The (standardised) rows of X. A column that is all zeros gets a weight of 0.
    y : ndarray of shape (n_samples,)
        Class indices, 0 or 1.
    sample_weight : ndarray of shape (n_samples,)
        Non-negative, with a positive sum.
    alpha, l2 : float
        The L1 and L2 penalties; one of them must be positive (else separable data have no fit).
    start : tuple (coef, intercept), default=None
        Weights to start from (warm start); None: zeros, with the intercept of the class share.

    Returns
    -------
    coef : ndarray of shape (n_features,)
    intercept : float
    """
    problem = _Problem(rows, y.astype(np.float64), sample_weight / sample_weight.sum(), alpha, l2)
    if start is None:
        share = np.clip(problem.w @ problem.y, 1e-10, 1 - 1e-10)
        start = np.zeros(rows.shape[1]), float(np.log(share / (1 - share)))
    point = problem.at(np.array(start[0], dtype=np.float64), float(start[1]))
    for _ in range(MAX_NEWTON):
        if problem.violation(point) <= TOL:
            return point.coef, point.intercept
        step = problem.newton_step(point)
        if step is None:  # no descent left within rounding: as optimal as float64 allows
            return point.coef, point.intercept
        point = step
    warnings.warn(
        f"The L1-logistic solver did not converge in {MAX_NEWTON} Newton steps (alpha={alpha:g}); "
        "the selection may be less accurate.",
        ConvergenceWarning,
        stacklevel=3,
    )
    return point.coef, point.intercept


class _Problem:
    """The data and penalties of one fit, and the passes over the rows."""

    def __init__(self, rows, y, w, alpha, l2):
        self.rows, self.y, self.w, self.alpha, self.l2 = rows, y, w, alpha, l2

    def penalty(self, coef):
        return self.alpha * np.abs(coef).sum() + 0.5 * self.l2 * (coef @ coef)

    def at(self, coef, intercept):
        """A pass over the rows at these weights: objective, gradient and curvature."""
        loss, gradient_intercept = 0.0, 0.0
        gradient = np.zeros(coef.size)
        curvature = np.empty(self.y.size)
        for index, block in self.rows:
            eta = block @ coef + intercept
            y, w = self.y[index], self.w[index]
            loss += w @ (np.logaddexp(0.0, eta) - y * eta)
            p = expit(eta)
            residual = w * (p - y)
            gradient += block.T @ residual
            gradient_intercept += residual.sum()
            curvature[index] = w * p * (1.0 - p)
        objective = loss + self.penalty(coef)
        return _Point(coef, intercept, objective, gradient, gradient_intercept, curvature)

    def violation(self, point):
        """The largest breach of the optimality conditions (subgradient of the penalty)."""
        smooth = point.gradient + self.l2 * point.coef
        nonzero = point.coef != 0
        breach = np.where(
            nonzero,
            np.abs(smooth + self.alpha * np.sign(point.coef)),
            np.maximum(np.abs(smooth) - self.alpha, 0.0),
        )
        return max(float(breach.max(initial=0.0)), abs(point.gradient_intercept))

    def working_set(self, point):
        """The coordinates the step may move: non-zero, or breaking the condition of a zero."""
        smooth = np.abs(point.gradient + self.l2 * point.coef)
        return np.flatnonzero((point.coef != 0) | (smooth > self.alpha))

    def hessian(self, point, columns):
        """Curvature of the mean loss over ``columns`` and the intercept (a second pass)."""
        gram = np.zeros((columns.size, columns.size))
        cross = np.zeros(columns.size)
        if columns.size:
            for index, block in self.rows:
                part = block[:, columns]
                weighted = part * point.curvature[index][:, None]
                gram += part.T @ weighted
                cross += weighted.sum(axis=0)
        return gram, cross, float(point.curvature.sum())

    def newton_step(self, point):
        """The next point: a proximal Newton step, shortened until Armijo's rule holds.

        None when no shortened step decreases the objective (converged to rounding).
        """
        columns = self.working_set(point)
        gram, cross, total = self.hessian(point, columns)
        total = max(total, np.finfo(np.float64).tiny)
        coef = point.coef[columns]
        # The intercept minimises the quadratic model in closed form for any coef step d:
        # d_intercept = -(g0 + cross @ d) / total. Substituting it leaves a model in d alone.
        reduced = gram - np.outer(cross, cross) / total + self.l2 * np.eye(columns.size)
        gradient = point.gradient[columns] - cross * (point.gradient_intercept / total)
        target = _penalised_quadratic(reduced, gradient + self.l2 * coef, coef, self.alpha)
        delta = target - coef
        delta_intercept = -(point.gradient_intercept + cross @ delta) / total
        # The decrease the model predicts at the full step, with the penalty's exact change.
        full = point.coef.copy()
        full[columns] = target
        predicted = point.gradient[columns] @ delta + point.gradient_intercept * delta_intercept
        predicted += self.penalty(full) - self.penalty(point.coef)
        if not predicted < 0:
            return None
        step = 1.0
        for _ in range(MAX_HALVINGS):
            coef = point.coef.copy()
            coef[columns] += step * delta
            candidate = self.at(coef, point.intercept + step * delta_intercept)
            if candidate.objective <= point.objective + ARMIJO * step * predicted:
                return candidate
            step /= 2
        return None


def _penalised_quadratic(hessian, gradient, start, alpha):
    """The minimiser ``x`` of ``g @ (x - s) + (x - s) @ H @ (x - s) / 2 + alpha * ||x||_1``.

    Cyclic coordinate descent from ``x = s``: a full sweep, then sweeps over the non-zero
    coordinates until they settle, then a full sweep again to see whether any other moves (the
    active-set strategy of glmnet). A coordinate with no curvature (an all-zero column) stays put.
    """
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
    them, solved at once (Cholesky); None if it is not positive definite or the solution changes
    a sign. Exact Newton steps make the outer iterations converge quadratically.
    """
    support = np.flatnonzero(x)
    if not support.size:
        return None
    signs = np.sign(x[support])
    try:
        factor = scipy.linalg.cho_factor(hessian[np.ix_(support, support)])
    except np.linalg.LinAlgError:  # singular (duplicated columns, more columns than rows)
        return None
    exact = x.copy()
    exact[support] -= scipy.linalg.cho_solve(factor, slope[support] + alpha * signs)
    return exact if (np.sign(exact[support]) == signs).all() else None
