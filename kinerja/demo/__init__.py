"""Demo data: two Pemda, the four OPDs of the seed SOPs, their Renstra trees and users.

Everything is keyed on natural keys so that running it again changes nothing.
"""
