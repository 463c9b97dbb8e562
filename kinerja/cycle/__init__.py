"""The measurement cycle (siklus pengukuran, DOMAIN.md section 6) as one package.

Who may act (``policy``), what holds still (``locks``), the transition graph (``graph``), due
dates and SOP timing (``timing``), writes (``services``, ``entry``), reads (``selectors``,
``rows``), the pages (``views``, ``grid_views``). The README's "Architecture" section says which
module may import which.
"""
