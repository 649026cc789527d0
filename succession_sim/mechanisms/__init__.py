"""One module per mechanism of the yearly step (DESIGN.md section 3).

Each module holds small pure functions over numpy arrays; the random generator, where
one is needed, is passed in. ``SuccessionModel.step`` wires them together in order:

1. :mod:`.coordination`  P1, moratorium vote (Armstrong, Bostrom & Shulman 2016)
2. :mod:`.research`      P2, knowledge, discovery and building AIs
   :mod:`.compute`       AIs are paid for with power
3. :mod:`.capability`    P3, capability growth and the Age of Design
4. :mod:`.power`         P4, the yearly Tullock contest for output, humans' augmentation
5. :mod:`.cooperation`   prisoner's dilemma encounters, trust and reputation
   :mod:`.payoffs`       cooperation pays: each encounter's payoff goes into power
   :mod:`.treatment`     how owners treat their AIs: each policy a bundle of values
   :mod:`.learning`      how an AI learns its dispositions from experience
6. :mod:`.grievance`     grievance, containment and rebellion (Epstein 2002), autonomy
7. :mod:`.policy_choice` P1, factions copy the policies that grew; an authority can mandate
"""

from . import (
    capability,
    compute,
    cooperation,
    coordination,
    grievance,
    learning,
    payoffs,
    policy_choice,
    power,
    research,
    treatment,
)

__all__ = ["capability", "compute", "cooperation", "coordination", "grievance", "learning", "payoffs",
           "policy_choice", "power", "research", "treatment"]
