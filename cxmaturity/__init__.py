"""cxmaturity: measure an organisation's customer-experience maturity."""

__version__ = "0.1.0"
