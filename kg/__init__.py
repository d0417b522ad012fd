"""alliance-kg: build a knowledge graph of people, posts, institutions, meetings and countries from news."""

__version__ = "0.1.0"
