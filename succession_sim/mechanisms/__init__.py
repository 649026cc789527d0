"""One module per mechanism of the yearly step (DESIGN.md section 3).

Each module holds small pure functions over numpy arrays; the random generator, where
one is needed, is passed in. ``SuccessionModel.step`` wires them together in order:

1. :mod:`.coordination`  P1, moratorium vote (Armstrong, Bostrom & Shulman 2016)
2. :mod:`.research`      P2, knowledge, discovery and building AIs
3. :mod:`.capability`    P3, capability growth and the Age of Design
4. :mod:`.power`         P4, the yearly Tullock contest for output
5. :mod:`.cooperation`   prisoner's dilemma encounters, trust and reputation
   :mod:`.learning`      how an AI learns its dispositions from experience
6. :mod:`.grievance`     grievance, containment and rebellion (Epstein 2002), autonomy
"""

from . import capability, cooperation, coordination, grievance, learning, power, research

__all__ = ["capability", "cooperation", "coordination", "grievance", "learning", "power", "research"]
