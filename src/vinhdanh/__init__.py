"""vinhdanh: publish exemplary collectives and individuals as a searchable MkDocs site."""

__version__ = "0.1.0"
