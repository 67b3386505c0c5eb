// Module anchor for OpperEmulator. See ARCHITECTURE.md.
