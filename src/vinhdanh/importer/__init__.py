"""`vinhdanh import`: a decision's honour list, from its spreadsheet into the records."""
