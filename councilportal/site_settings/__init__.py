"""The municipality's own service: its name, logo, accent colour and accessibility contact."""
