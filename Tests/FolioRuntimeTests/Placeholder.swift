// Tests for FolioRuntime.
import Testing
