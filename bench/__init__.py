"""Benchmarks and load tools: baseline apps, a websocket session client, scaled data, the bench runner and soak."""
