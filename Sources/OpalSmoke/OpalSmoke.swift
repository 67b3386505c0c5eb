// Module anchor for OpalSmoke. See ARCHITECTURE.md.
