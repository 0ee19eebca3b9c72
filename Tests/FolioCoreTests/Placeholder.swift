// Tests for FolioCore.
import Testing
