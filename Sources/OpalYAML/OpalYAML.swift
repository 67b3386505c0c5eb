// Module anchor for OpalYAML. See ARCHITECTURE.md.
