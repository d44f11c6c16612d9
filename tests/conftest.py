"""hypothesis profiles: "ci" (the default: few examples, the same ones every run), "long" (100)
and "release" (1,000, about 25 minutes on 2 cores).

Select one with the HYPOTHESIS_PROFILE environment variable, e.g.
``HYPOTHESIS_PROFILE=long pytest tests/test_properties.py --hypothesis-show-statistics``.
"""

import os

from hypothesis import HealthCheck, settings

# Fitting is slow next to drawing an example, and fits on 2 cores vary in time: no deadline.
settings.register_profile(
    "ci",
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
for name, examples in (("long", 100), ("release", 1000)):
    settings.register_profile(
        name, max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
