"""nango-toolbox: one-shot commands and an MCP server for AI agents."""
