// Module anchor for OpalReconcile. See ARCHITECTURE.md.
