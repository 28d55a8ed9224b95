"""teikit: validate, publish and deposit TEI P5 digital editions."""

__version__ = "0.1.0"
