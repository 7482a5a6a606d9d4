"""`vinhdanh import`: a decision's honour list, from its spreadsheet into the records.

Kept free of imports: the checks use `resolve` and must not pull in the rest.
"""
