"""Yaowen (要闻): read Chinese official newspapers and turn them into a structured record of local governance."""

__version__ = "0.1.0"
