"""The world of mockads and its Spark rules: pure Python, no Flask, no SQL."""
